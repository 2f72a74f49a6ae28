import { defineOutboxType } from '../sync/outbox.spec';

/**
 * A service delivery as the registry counts it: which service (code and category), to whom,
 * when, how long; never the note. A leaf module: the clients manifest lists it.
 */
export const SERVICE_DELIVERY_OUTBOX = defineOutboxType({
  type: 'serviceDelivery',
  version: 1,
  fields: ['clientId', 'caseId', 'serviceCode', 'serviceCategory', 'deliveredOn', 'durationMinutes'],
});
