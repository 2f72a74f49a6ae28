import { defineOutboxType } from '../sync/outbox.spec';

/** The center's own record: what the registry needs to place the center on its map. */
export const CENTER_OUTBOX = defineOutboxType({ type: 'center', version: 1, fields: ['name', 'type', 'regionCode', 'districtCode'] });
