import type { OutboxTypeSpec } from '../sync/outbox-allowlist';

/**
 * What a consent decision carries to the registry: codes and a date; never the form reference
 * or who recorded it. A leaf module: the allow-list imports it.
 */
export const CONSENT_OUTBOX = {
  version: 1,
  fields: ['clientId', 'purpose', 'state', 'decidedOn'],
} as const satisfies OutboxTypeSpec;
