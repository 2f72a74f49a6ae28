import type { ColumnType, Generated } from 'kysely';

/** The registry's own tables (src/registry/migrations). Times are timestamptz; JSON is jsonb. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RegistryKeysTable {
  readonly kid: string;
  readonly use: 'sig' | 'enc';
  readonly public_key: string;
  readonly private_key: string;
  readonly created_at: Timestamp;
  readonly endorsement_by: string | null;
  readonly endorsement_sig: string | null;
  retired_at: Timestamp | null;
}

export interface RegistrySecretsTable {
  readonly name: string;
  readonly value: string;
}

export interface EnrollmentCodesTable {
  readonly code_hash: string;
  readonly center_name: string;
  readonly created_at: Timestamp;
  used_at: Timestamp | null;
  center_id: string | null;
}

export interface CentersTable {
  readonly id: string;
  readonly name: string;
  readonly enrolled_at: Timestamp;
  /** The last seq processed without a gap (or past a gap forced after the hold time). */
  cursor_seq: number;
  /** The digest of the batch at `cursor_seq` (the genesis value at 0, empty after a forced gap). */
  cursor_hash: string;
  /** The center's audit chain head as its batches reported it (the highest seen). */
  chain_seq: number | null;
  chain_hash: string | null;
  last_contact_at: Timestamp | null;
}

export interface CenterKeysTable {
  readonly center_id: string;
  readonly kid: string;
  readonly public_key: string;
  readonly created_at: Timestamp;
}

export type RegistryBatchState = 'held' | 'processed';

export interface BatchesTable {
  readonly center_id: string;
  readonly batch_id: string;
  readonly seq: number;
  readonly digest: string;
  readonly prev_hash: string;
  readonly envelope: ColumnType<Uint8Array, Buffer, never>;
  state: RegistryBatchState;
  readonly received_at: Timestamp;
  readonly received_via: 'network' | 'file';
  processed_at: Timestamp | null;
  receipt: Json<unknown> | null;
}

export interface RecordsTable {
  readonly center_id: string;
  readonly type: string;
  readonly record_id: string;
  readonly version: number;
  readonly op: 'upsert' | 'delete';
  readonly occurred_at: Timestamp;
  readonly data: Json<Record<string, unknown>>;
  readonly content_sha256: string;
  readonly batch_id: string;
  readonly received_at: Timestamp;
  /** For client records: who the person is across centers (pseudonym of the PINFL). */
  readonly person_key: string | null;
}

export interface AlertsTable {
  readonly id: Generated<number>;
  readonly center_id: string | null;
  readonly kind: string;
  readonly details: Json<Record<string, unknown>>;
  readonly at: Timestamp;
}

/** One national export handed out (issue 13, item 4): who, what, when; never the numbers. */
export interface NationalExportsTable {
  readonly id: string;
  readonly at: Timestamp;
  readonly operator: string;
  readonly via: 'cli' | 'endpoint';
  readonly period_from: string;
  readonly period_to: string;
  readonly format: 'csv' | 'xlsx';
  readonly indicators: string;
  readonly is_suppressed: boolean;
  readonly threshold: number;
  readonly hidden_cells: number;
  readonly sha256: string;
}

export interface RegistryDatabase {
  readonly registry_keys: RegistryKeysTable;
  readonly registry_secrets: RegistrySecretsTable;
  readonly enrollment_codes: EnrollmentCodesTable;
  readonly centers: CentersTable;
  readonly center_keys: CenterKeysTable;
  readonly batches: BatchesTable;
  readonly records: RecordsTable;
  readonly alerts: AlertsTable;
  readonly national_exports: NationalExportsTable;
}
