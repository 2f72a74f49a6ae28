import type { ColumnType, Selectable } from 'kysely';

/** The registry this center is enrolled with (one row, id 1). */
export interface SyncRegistryTable {
  readonly id: ColumnType<1, 1, never>;
  registry_url: string;
  readonly center_id: ColumnType<string, string, never>;
  readonly fingerprint: ColumnType<string, string, never>;
  readonly root_kid: ColumnType<string, string, never>;
  readonly root_public_key: ColumnType<string, string, never>;
  /** The registry's published keys this center trusts (chained to the root by endorsements). */
  trusted_keys_json: string;
  /** The registry's pseudonym key, base64: inside the encrypted database only. */
  readonly pseudonym_key: ColumnType<string, string, never>;
  /** The center signing key the registry knows. */
  signing_kid: string;
  readonly enrolled_at: ColumnType<string, string, never>;
  /** Added to record versions after a recovery from an old backup, so new versions outrank lost ones. */
  epoch: ColumnType<number, number | undefined, number>;
  /** After a recovery: the registry's cursor, which the next batch follows. */
  base_seq: ColumnType<number, number | undefined, number>;
  base_hash: ColumnType<string, string | undefined, string>;
  /** Registry clock minus center clock, from the last contact. */
  clock_offset_ms: ColumnType<number | null, number | null | undefined, number | null>;
  last_contact_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  failures: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Something the manager must see (a batch the registry refused for good). */
  alert: ColumnType<string | null, string | null | undefined, string | null>;
}

export type BatchState = 'sealed' | 'held' | 'acknowledged' | 'refused' | 'superseded';

/** A sealed batch: its envelope never changes once written. */
export interface SyncBatchesTable {
  readonly batch_id: ColumnType<string, string, never>;
  readonly seq: ColumnType<number, number, never>;
  readonly prev_hash: ColumnType<string, string, never>;
  readonly digest: ColumnType<string, string, never>;
  readonly envelope: ColumnType<Buffer, Buffer, never>;
  readonly record_count: ColumnType<number, number, never>;
  readonly size_bytes: ColumnType<number, number, never>;
  readonly sealed_at: ColumnType<string, string, never>;
  state: ColumnType<BatchState, BatchState, BatchState>;
  attempts: ColumnType<number, number | undefined, number>;
  last_attempt_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  acknowledged_at: ColumnType<string | null, string | null | undefined, string | null>;
  acknowledged_via: ColumnType<'network' | 'file' | null, 'network' | 'file' | null | undefined, 'network' | 'file' | null>;
  receipt_json: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A record the registry refused: kept visible until a later version of the entity is acknowledged. */
export interface SyncQuarantineTable {
  readonly outbox_seq: ColumnType<number, number, never>;
  readonly batch_id: ColumnType<string, string, never>;
  readonly type: ColumnType<string, string, never>;
  readonly entity_id: ColumnType<string, string, never>;
  readonly record_version: ColumnType<number, number, never>;
  readonly reason: ColumnType<string, string, never>;
  readonly quarantined_at: ColumnType<string, string, never>;
  resolved_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SyncTables {
  readonly sync_registry: SyncRegistryTable;
  readonly sync_batches: SyncBatchesTable;
  readonly sync_quarantine: SyncQuarantineTable;
}

export type SyncRegistryRow = Selectable<SyncRegistryTable>;
export type SyncBatchRow = Selectable<SyncBatchesTable>;
