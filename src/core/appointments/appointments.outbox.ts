import { defineOutboxType } from '../sync/outbox.spec';

/**
 * What an appointment carries to the registry: metadata only (date, duration, kind, form, and its
 * status, so no-shows can be counted). Never the psychologist, never a time of day, never text.
 * Sent (upsert) on every change, so the registry holds the latest status.
 */
export const APPOINTMENT_OUTBOX = defineOutboxType({
  type: 'counselingAppointment',
  version: 1,
  fields: ['clientId', 'startsOn', 'durationMinutes', 'kind', 'form', 'status'],
});
