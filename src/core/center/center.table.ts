import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * The one center this database belongs to (a single row, written at setup). `settings` is JSON text
 * holding center-wide choices that travel with the center row; per-key settings live in `settings`.
 */
export interface CenterTable {
  readonly id: string;
  name: string;
  /** The kind of center; values are validated by the center schema, not by a CHECK, so new kinds need no table rebuild. */
  type: string;
  /** SOATO code of the region. */
  region_code: string;
  /** SOATO code of the district. */
  district_code: string;
  readonly created_at: ColumnType<string, string, never>;
  settings: ColumnType<string, string | undefined, string>;
  /** Set at setup for a center that only demonstrates the app (`cli seed` fills only these); never changed, and its outbox stays empty. */
  readonly is_demonstration: ColumnType<0 | 1, 0 | 1 | undefined, never>;
}

/** The center's Ed25519 signing keys (certificates now, batches later); the newest signs. */
export interface CenterSigningKeysTable {
  readonly key_id: ColumnType<string, string, never>;
  readonly public_key: ColumnType<string, string, never>;
  readonly seed: ColumnType<string, string, never>;
  readonly created_at: ColumnType<string, string, never>;
}

/** The registry root key's statement about each of the center's signing keys, as received (never changed). */
export interface CenterKeyStatementsTable {
  readonly key_id: ColumnType<string, string, never>;
  readonly statement_json: ColumnType<string, string, never>;
  readonly received_at: ColumnType<string, string, never>;
}

export interface CenterTables {
  readonly center: CenterTable;
  readonly center_signing_keys: CenterSigningKeysTable;
  readonly center_key_statements: CenterKeyStatementsTable;
}

export type CenterRow = Selectable<CenterTable>;
export type NewCenterRow = Insertable<CenterTable>;
