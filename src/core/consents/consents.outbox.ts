import { defineOutboxType } from '../sync/outbox.spec';

/**
 * What a consent decision carries to the registry: codes and a date; never the form reference
 * or who recorded it. A leaf module: the clients manifest lists it.
 */
export const CONSENT_OUTBOX = defineOutboxType({
  type: 'consent',
  version: 1,
  fields: ['clientId', 'purpose', 'state', 'decidedOn'],
});
