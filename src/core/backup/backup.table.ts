import type { ColumnType, Selectable } from 'kysely';

type Immutable<T> = ColumnType<T, T, never>;

/** One backup this center wrote and checked (migration 0013). */
export interface BackupsTable {
  readonly id: Immutable<string>;
  readonly created_at: Immutable<string>;
  readonly file_name: Immutable<string>;
  /** The folder it was written to (a USB drive's path on this PC). */
  readonly folder: Immutable<string>;
  readonly size_bytes: Immutable<number>;
  /** SHA-256 of the whole backup file. */
  readonly sha256: Immutable<string>;
  readonly client_count: Immutable<number>;
  readonly chain_head_seq: Immutable<number>;
  /** The administrator who pressed "back up now"; null for the schedule. */
  readonly made_by: Immutable<string | null>;
}

/**
 * Each time this database was restored from a backup file. The registry upload reads it: a
 * restored center may have sent batches after the backup was taken, so its sequence must be
 * reconciled with the registry's cursor before the next upload.
 */
export interface CenterRestoresTable {
  readonly id: Immutable<string>;
  readonly restored_at: Immutable<string>;
  /** The backup file's name (not its path). */
  readonly restored_from: Immutable<string>;
  readonly backup_created_at: Immutable<string>;
  readonly backup_chain_head_seq: Immutable<number>;
  readonly backup_chain_head_hash: Immutable<string>;
  readonly unlocked_with: Immutable<'recoveryCode' | 'password'>;
}

export interface BackupTables {
  readonly backups: BackupsTable;
  readonly center_restores: CenterRestoresTable;
}

export type BackupRow = Selectable<BackupsTable>;
export type CenterRestoreRow = Selectable<CenterRestoresTable>;
