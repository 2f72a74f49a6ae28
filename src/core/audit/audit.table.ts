import type { ColumnType, Selectable } from 'kysely';

/** Every column is written once: the table is append-only (triggers refuse UPDATE and DELETE). */
type WriteOnce<T> = ColumnType<T, T, never>;

/**
 * The audit log: who did what to which entity, when; never personal data. Each row's `hash` covers
 * the previous row's hash, so a rewritten or removed event breaks the chain at that row.
 */
export interface AuditLogTable {
  readonly seq: WriteOnce<number>;
  /** ISO 8601 UTC timestamp. */
  readonly at: WriteOnce<string>;
  /** Staff id; null for events with no signed-in actor (setup, an unknown user's failed sign-in). */
  readonly actor_id: WriteOnce<string | null>;
  /** `domain.verb`-style action, e.g. `staff.add`, `auth.signInFailed`. */
  readonly action: WriteOnce<string>;
  readonly entity_type: WriteOnce<string>;
  readonly entity_id: WriteOnce<string | null>;
  /** Canonical JSON (sorted keys) of non-personal scalar details. */
  readonly details_json: WriteOnce<string>;
  /** `[{table, key, digest}]` of the rows the write touched, after the write (digest null: deleted); null if none. */
  readonly rows_json: WriteOnce<string | null>;
  readonly prev_hash: WriteOnce<string>;
  readonly hash: WriteOnce<string>;
}

export interface AuditTables {
  readonly audit_log: AuditLogTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
