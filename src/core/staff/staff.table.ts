import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../api/permissions';

/** SQLite stores booleans as integers; a CHECK constraint keeps these columns to 0 and 1. */
export type SqliteBoolean = 0 | 1;

/**
 * Staff accounts. Accounts are deactivated, never deleted, so audit events keep a resolvable actor.
 * Passwords and key material are not here: they live in the keyring file's slots.
 */
export interface StaffTable {
  readonly id: string;
  /** Unique without regard to case (`COLLATE NOCASE`). */
  username: string;
  display_name: string;
  role: Role;
  is_active: ColumnType<SqliteBoolean, SqliteBoolean | undefined, SqliteBoolean>;
  must_change_password: ColumnType<SqliteBoolean, SqliteBoolean | undefined, SqliteBoolean>;
  /** Whether this account's key slot also wraps the confidential (counseling) key. */
  holds_confidential: ColumnType<SqliteBoolean, SqliteBoolean | undefined, SqliteBoolean>;
  readonly created_at: ColumnType<string, string, never>;
  /** The administrator who added the account; null for the first administrator (center setup). */
  readonly created_by: ColumnType<string | null, string | null | undefined, never>;
  updated_at: string;
  deactivated_at: ColumnType<string | null, string | null | undefined, string | null>;
  password_changed_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_sign_in_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** While the account has a temporary password (ISO 8601 UTC): after this, sign-in refuses it. Null once the owner chose her own. */
  temporary_password_expires_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The owner's display preference: client names transliterated into the interface's script (migration 0012). */
  shows_names_in_reader_script: ColumnType<SqliteBoolean, SqliteBoolean | undefined, SqliteBoolean>;
}

export interface StaffTables {
  readonly staff: StaffTable;
}

export type StaffRow = Selectable<StaffTable>;
export type NewStaffRow = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
