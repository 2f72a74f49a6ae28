import { CLIENT_MERGE_OUTBOX, CLIENT_OUTBOX } from '../clients/clients.outbox';
import { CONSENT_OUTBOX } from '../consents/consents.outbox';
import { CASE_OUTBOX, PLAN_ITEM_OUTBOX } from '../cases/cases.outbox';
import { SERVICE_DELIVERY_OUTBOX } from '../services/services.outbox';

/**
 * Every field that may leave the center, per outbox record type. This one file is the place to
 * review what the registry can receive (DESIGN.md, "What leaves the center").
 *
 * How a domain adds its record type: declare its spec beside its tables, e.g.
 * `src/core/clients/clients.outbox.ts` exporting
 * `export const CLIENT_OUTBOX = { version: 1, fields: ['sex', 'birthYear', ...] } as const satisfies OutboxTypeSpec;`
 * (a leaf module that imports nothing but this file's types), then add one line to
 * `OUTBOX_ALLOWLIST` below: `client: CLIENT_OUTBOX,`. A static map rather than a runtime registry,
 * so the list is complete the moment this module loads and a reviewer reads it in one place.
 */
export interface OutboxTypeSpec {
  /** Version of the record's shape; the registry reads `data` by (type, version). */
  readonly version: number;
  /** Top-level keys `data` may carry. Values are scalars or arrays of scalars, never objects. */
  readonly fields: readonly string[];
}

/** The center's own record: what the registry needs to place the center on its map. */
const CENTER_OUTBOX = {
  version: 1,
  fields: ['name', 'type', 'regionCode', 'districtCode'],
} as const satisfies OutboxTypeSpec;

export const OUTBOX_ALLOWLIST = {
  center: CENTER_OUTBOX,
  client: CLIENT_OUTBOX,
  clientMerge: CLIENT_MERGE_OUTBOX,
  consent: CONSENT_OUTBOX,
  case: CASE_OUTBOX,
  planItem: PLAN_ITEM_OUTBOX,
  serviceDelivery: SERVICE_DELIVERY_OUTBOX,
} as const satisfies Readonly<Record<string, OutboxTypeSpec>>;

export type OutboxRecordType = keyof typeof OUTBOX_ALLOWLIST;

/** The allowed top-level field names of one record type. */
export type OutboxField<T extends OutboxRecordType> = (typeof OUTBOX_ALLOWLIST)[T]['fields'][number];

export function isOutboxRecordType(value: string): value is OutboxRecordType {
  return Object.hasOwn(OUTBOX_ALLOWLIST, value);
}
