import { randomInt, randomUUID } from 'node:crypto';
import { staffError } from './staff.errors';
import { AppError } from '../api/errors';
import type { CoreContext } from '../api/context';
import type { Role } from '../api/permissions';
import { holdsConfidentialKey } from '../api/permissions';
import { putUserSlot, removeUserSlot, sameUsername } from '../crypto/keyring';
import { requireDatabaseKey } from '../auth/key-access';
import { confirmActorPassword } from '../auth/auth.service';
import { countActiveAdministrators, findStaffById, findStaffByUsername, insertStaff, updateStaff } from './staff.repository';
import type { StaffRow } from './staff.table';

/**
 * Temporary passwords: 3 groups of 4 from an alphabet without look-alikes (about 62 bits), easy to
 * read out or copy from a note, and never in the common-password list.
 */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** How long a temporary password opens its account: long enough for a weekend, short enough not to linger on a note. */
export const TEMPORARY_PASSWORD_LIFETIME_MS = 72 * 60 * 60 * 1000;

/** When a temporary password issued at `issuedAt` stops opening its account. */
export function temporaryPasswordExpiry(issuedAt: Date): string {
  return new Date(issuedAt.getTime() + TEMPORARY_PASSWORD_LIFETIME_MS).toISOString();
}

export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

async function requireActiveStaff(ctx: CoreContext, userId: string): Promise<StaffRow> {
  const row = await findStaffById(ctx.core.store.require().db, userId);
  if (!row) throw staffError('NOT_FOUND', 'staff');
  if (row.is_active !== 1) throw new AppError('ACCOUNT_INACTIVE');
  return row;
}

/**
 * Adds a staff account with a temporary password the user must change at first sign-in (within
 * 72 hours). Adding an administrator asks for the actor's own password again: whoever finds a
 * signed-in administrator's screen unattended cannot give herself an administrator account.
 *
 * @example const { userId, temporaryPassword } = await addStaff(ctx, { displayName, username: 'dilnoza', role: 'receptionist' });
 */
export async function addStaff(
  ctx: CoreContext,
  input: { displayName: string; username: string; role: Role; actorPassword?: string | undefined },
): Promise<{ userId: string; temporaryPassword: string }> {
  const { core } = ctx;
  if (input.role === 'administrator') {
    if (input.actorPassword === undefined || input.actorPassword === '') throw staffError('CONFIRMATION_REQUIRED', 'actorPassword', { field: 'actorPassword' });
    await confirmActorPassword(core, ctx.session, input.actorPassword);
  }
  const databaseKey = requireDatabaseKey(core);
  const keyring = core.auth.keyring.require();
  const taken = await findStaffByUsername(core.store.require().db, input.username);
  const isRetiredName = keyring.retired.some((entry) => sameUsername(entry.username, input.username));
  if (taken || isRetiredName) throw staffError('CONFLICT', 'usernameTaken', { field: 'username' });
  const userId = randomUUID();
  const temporaryPassword = generateTemporaryPassword();
  await ctx.core.write(ctx.session.userId, async (w) => {
    const at = w.now.toISOString();
    await insertStaff(w.trx, {
      id: userId,
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      is_active: 1,
      must_change_password: 1,
      temporary_password_expires_at: temporaryPasswordExpiry(w.now),
      holds_confidential: 0,
      created_at: at,
      created_by: ctx.session.userId,
      updated_at: at,
    });
    await w.audit({ action: 'staff.add', entityType: 'staff', entityId: userId, details: { role: input.role } });
    // Late: a keyring that cannot be written rolls the row back, so no account exists without a slot.
    await core.auth.keyring.update((current) =>
      putUserSlot(core.auth.primitives, current, { userId, username: input.username, password: temporaryPassword }, databaseKey, core.auth.keySlotParams),
    );
  });
  return { userId, temporaryPassword };
}

/**
 * Gives an account a new temporary password (valid 72 hours; an expired one is reset the same
 * way). Its slot is replaced, so a psychologist's or
 * supervisor's confidential key is gone: an administrator never holds it to rewrap, and a
 * colleague grants it again in person only once the owner has replaced the temporary password
 * (which the administrator knows) with her own.
 */
export async function resetStaffPassword(ctx: CoreContext, userId: string): Promise<{ temporaryPassword: string; needsConfidentialGrant: boolean }> {
  const { core } = ctx;
  const databaseKey = requireDatabaseKey(core);
  const row = await requireActiveStaff(ctx, userId);
  const temporaryPassword = generateTemporaryPassword();
  const needsConfidentialGrant = holdsConfidentialKey(row.role);
  await ctx.core.write(ctx.session.userId, async (w) => {
    await updateStaff(w.trx, userId, { must_change_password: 1, temporary_password_expires_at: temporaryPasswordExpiry(w.now), holds_confidential: 0, updated_at: w.now.toISOString() });
    await w.audit({ action: 'staff.resetPassword', entityType: 'staff', entityId: userId, details: { confidentialKeyRevoked: row.holds_confidential === 1 } });
    await core.auth.keyring.update((current) =>
      putUserSlot(core.auth.primitives, current, { userId, username: row.username, password: temporaryPassword }, databaseKey, core.auth.keySlotParams),
    );
  });
  core.sessions.deleteUser(userId);
  core.auth.attempts.clear(row.username);
  return { temporaryPassword, needsConfidentialGrant };
}

/**
 * Deactivates an account: its slot leaves the keyring at once and its sessions end. An
 * administrator cannot deactivate themself, nor the last active administrator.
 */
export async function deactivateStaff(ctx: CoreContext, userId: string): Promise<void> {
  const { core } = ctx;
  if (userId === ctx.session.userId) throw staffError('CONFLICT', 'deactivateSelf');
  const row = await requireActiveStaff(ctx, userId);
  await ctx.core.write(ctx.session.userId, async (w) => {
    if (row.role === 'administrator' && (await countActiveAdministrators(w.trx)) <= 1) {
      throw staffError('CONFLICT', 'lastAdministrator');
    }
    const at = w.now.toISOString();
    await updateStaff(w.trx, userId, { is_active: 0, deactivated_at: at, holds_confidential: 0, updated_at: at });
    await w.audit({ action: 'staff.deactivate', entityType: 'staff', entityId: userId, details: { role: row.role } });
    await core.auth.keyring.update((current) => removeUserSlot(current, userId));
  });
  core.sessions.deleteUser(userId);
}
