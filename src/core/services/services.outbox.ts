import type { OutboxTypeSpec } from '../sync/outbox-allowlist';

/**
 * A service delivery as the registry counts it: which service (code and category), to whom,
 * when, how long; never the note. A leaf module: the allow-list imports it.
 */
export const SERVICE_DELIVERY_OUTBOX = {
  version: 1,
  fields: ['clientId', 'caseId', 'serviceCode', 'serviceCategory', 'deliveredOn', 'durationMinutes'],
} as const satisfies OutboxTypeSpec;
