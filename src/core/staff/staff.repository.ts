import type { Permission } from '../api/permissions';
import { holdsConfidentialKey } from '../api/permissions';
import type { ReadDb, WriteTx } from '../db/handles';
import type { NewStaffRow, StaffRow, StaffUpdate } from './staff.table';

type Db = ReadDb;

/** A staff account as the API returns it: no key material, nothing but what screens show. */
export interface StaffMember {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRow['role'];
  readonly isActive: boolean;
  readonly mustChangePassword: boolean;
  readonly holdsConfidential: boolean;
  /** Psychologists and supervisors should hold the confidential key; true when this one still does not. */
  readonly needsConfidentialGrant: boolean;
  readonly createdAt: string;
  readonly deactivatedAt: string | null;
  readonly lastSignInAt: string | null;
}

/** The signed-in user as `auth.me` returns it, with what the role may do so the UI can hide the rest. */
export interface CurrentUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRow['role'];
  readonly mustChangePassword: boolean;
  readonly isLocked: boolean;
  readonly holdsConfidential: boolean;
  readonly permissions: readonly Permission[];
}

export function toStaffMember(row: StaffRow): StaffMember {
  const holdsConfidential = row.holds_confidential === 1;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    mustChangePassword: row.must_change_password === 1,
    holdsConfidential,
    needsConfidentialGrant: row.is_active === 1 && holdsConfidentialKey(row.role) && !holdsConfidential,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    lastSignInAt: row.last_sign_in_at,
  };
}


/** @example const row = await findStaffById(db, userId); */
export function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The display names of some staff members (deactivated ones too: an old record keeps its author).
 *
 * @example const names = await findStaffDisplayNames(db, ['s1', 's2']); // { s1: 'Dilnoza Karimova', ... }
 */
export async function findStaffDisplayNames(db: Db, ids: readonly string[]): Promise<Readonly<Record<string, string>>> {
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.display_name]));
}

/** Usernames are unique without regard to case (the column is `COLLATE NOCASE`). */
export function findStaffByUsername(db: Db, username: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('is_active', 'desc').orderBy('display_name').orderBy('id').execute();
}

export function countActiveAdministrators(db: Db): Promise<number> {
  return db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'administrator')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

export async function insertStaff(trx: WriteTx, row: NewStaffRow): Promise<void> {
  await trx.insertInto('staff').values(row).execute();
}

export async function updateStaff(trx: WriteTx, id: string, changes: StaffUpdate): Promise<void> {
  await trx.updateTable('staff').set(changes).where('id', '=', id).execute();
}
