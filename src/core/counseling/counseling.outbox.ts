import { defineOutboxType } from '../sync/outbox.spec';

/**
 * What a counseling session carries to the registry: metadata only (DESIGN.md, "What leaves the
 * center"). Never the note, the progress, an addendum, an assessment's text, risk answers or a
 * safety plan; the psychologist and the sensitivity tier stay in the center too. Sent when a
 * session is signed and again when it is voided (`op: 'delete'`: it no longer counts).
 */
export const COUNSELING_SESSION_OUTBOX = defineOutboxType({
  type: 'counselingSession',
  version: 1,
  fields: ['clientIds', 'startedOn', 'kind', 'form', 'durationMinutes', 'riskLevel', 'concerns'],
});
