/**
 * What may leave the center, per outbox record type (DESIGN.md, "What leaves the center").
 *
 * Each domain declares its record types beside its tables (`<domain>.outbox.ts`, a leaf module)
 * and lists them in its manifest; the composition root (`src/core/app.ts`) folds them into the one
 * allow-list, `OUTBOX_ALLOWLIST`, the single place to review what the registry can receive.
 *
 * @example
 * export const CENTER_OUTBOX = defineOutboxType({ type: 'center', version: 1, fields: ['name', 'type'] });
 */
export interface OutboxTypeSpec<T extends string = string, F extends string = string> {
  /** The record's type name in batches. */
  readonly type: T;
  /** Version of the record's shape; the registry reads `data` by (type, version). */
  readonly version: number;
  /** Top-level keys `data` may carry. Values are scalars or arrays of scalars, never objects. */
  readonly fields: readonly F[];
}

export type OutboxScalar = string | number | boolean | null;
/** A field value: a scalar or a flat array of scalars, so every key that leaves is a checked key. */
export type OutboxValue = OutboxScalar | readonly OutboxScalar[];

/** The fields one record of this type may carry. */
export type OutboxData<S extends OutboxTypeSpec> = Readonly<Partial<Record<S['fields'][number], OutboxValue>>>;

export interface OutboxEntry<S extends OutboxTypeSpec = OutboxTypeSpec> {
  readonly spec: S;
  readonly entityId: string;
  readonly op: 'upsert' | 'delete';
  /** When it happened in the center's world (defaults to the write's time). */
  readonly occurredAt?: Date;
  readonly data: OutboxData<S>;
}

/** The composed allow-list: record type name to its spec. */
export type OutboxAllowList = ReadonlyMap<string, OutboxTypeSpec>;

/** Declares one record type; `const` keeps the type and field names as literals. */
export function defineOutboxType<const T extends string, const F extends string>(spec: OutboxTypeSpec<T, F>): OutboxTypeSpec<T, F> {
  return spec;
}

/**
 * Folds the domains' record types into one allow-list; a type declared twice stops start-up.
 *
 * @example const allowList = buildOutboxAllowList([CENTER_OUTBOX, CLIENT_OUTBOX]);
 */
export function buildOutboxAllowList(specs: readonly OutboxTypeSpec[]): OutboxAllowList {
  const list = new Map<string, OutboxTypeSpec>();
  for (const spec of specs) {
    if (list.has(spec.type)) throw new Error(`Outbox record type declared twice: ${spec.type}`);
    list.set(spec.type, spec);
  }
  return list;
}
