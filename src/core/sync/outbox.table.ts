import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Records waiting to go to the central registry, in the order they happened. `batch_id` is set when
 * a batch seals them; until then a record is pending and may still be redacted.
 */
export interface OutboxTable {
  readonly seq: Generated<number>;
  /** The record id inside a batch (UUIDv7). */
  readonly id: ColumnType<string, string, never>;
  /** Record type; its fields are limited by the outbox allow-list. */
  readonly type: ColumnType<string, string, never>;
  /** Version of the record type's shape. */
  readonly version: ColumnType<number, number | undefined, never>;
  readonly entity_id: ColumnType<string, string, never>;
  readonly op: ColumnType<'upsert' | 'delete', 'upsert' | 'delete', never>;
  readonly occurred_at: ColumnType<string, string, never>;
  /** JSON object holding allow-listed fields only. */
  data_json: string;
  readonly created_at: ColumnType<string, string, never>;
  batch_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The version the record travels with, given when a batch seals it. */
  record_version: ColumnType<number | null, never, number | null>;
}

export interface OutboxTables {
  readonly outbox: OutboxTable;
}

export type OutboxRow = Selectable<OutboxTable>;
