import { randomInt, randomUUID } from 'node:crypto';
import { staffError } from './staff.errors';
import { AppError } from '../api/errors';
import type { CoreContext } from '../api/context';
import type { Role } from '../api/permissions';
import { holdsConfidentialKey } from '../api/permissions';
import { putUserSlot, sameUsername, type NewStaffSlot, type UserSlot } from '../crypto/keyring';
import { addSlotIntent, applySlotIntent, dropSlotIntent, newIntentId } from '../crypto/keyring-intents';
import { slotsWithoutBox } from '../crypto/keyring-rotation';
import { requireDatabaseKey } from '../auth/key-access';
import { confirmActorPassword } from '../auth/auth.service';
import { rotateDatabaseKey, type RotationResult } from '../auth/key-rotation';
import { wrappedKeyFiller } from '../crypto/key-slots';
import { boxKeyId } from '../crypto/key-box';
import { canBeCaseWorker } from '../cases/cases.policy';
import { countOpenCasesOfCaseWorker } from '../cases/cases.repository';
import { losesConfidentialKey } from './staff.policy';
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
  requireDatabaseKey(core);
  const keyring = core.auth.keyring.require();
  const taken = await findStaffByUsername(core.store.require().db, input.username);
  const isRetiredName = keyring.retired.some((entry) => sameUsername(entry.username, input.username));
  if (taken || isRetiredName) throw staffError('CONFLICT', 'usernameTaken', { field: 'username' });
  const userId = randomUUID();
  const temporaryPassword = generateTemporaryPassword();
  await changeSlotTwoPhase(ctx, { userId, action: 'staff.add' }, async (intentId) => {
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
      // The keyring last inside the transaction (its event is stored at the commit): a keyring that cannot be written rolls the row back.
      const boxKeyId = await writeSlotIntent(ctx, { id: intentId, userId, action: 'staff.add', owner: { userId, username: input.username, password: temporaryPassword } });
      await w.audit({ action: 'staff.add', entityType: 'staff', entityId: userId, details: { role: input.role, intentId, boxKeyId } });
    });
  });
  return { userId, temporaryPassword };
}

/**
 * Changes an account's name and role (`staff.update`). A role that no longer holds the
 * confidential key loses it at once (the slot keeps its password, the key becomes a filler, two
 * phases like every slot edit), and because a holder left, the next holder to sign in rotates the
 * key (`isConfidentialRotationDue`). Making someone an administrator asks the actor's password
 * again, as adding one does; the last administrator keeps the role; nobody changes their own role;
 * a case worker of open cases keeps a role that may be one until they are reassigned. The
 * account's sessions end on a role change (a session carries its role).
 */
export async function updateStaffAccount(
  ctx: CoreContext,
  input: { userId: string; displayName: string; role: Role; actorPassword?: string | undefined },
): Promise<{ confidentialKeyRevoked: boolean }> {
  const { core } = ctx;
  const row = await requireActiveStaff(ctx, input.userId);
  const isRoleChange = row.role !== input.role;
  if (isRoleChange && input.userId === ctx.session.userId) throw staffError('CONFLICT', 'changeOwnRole', { field: 'role' });
  if (isRoleChange && input.role === 'administrator') {
    if (input.actorPassword === undefined || input.actorPassword === '') throw staffError('CONFIRMATION_REQUIRED', 'actorPassword', { field: 'actorPassword' });
    await confirmActorPassword(core, ctx.session, input.actorPassword);
  }
  if (isRoleChange && canBeCaseWorker(row.role) && !canBeCaseWorker(input.role)) {
    const openCases = await countOpenCasesOfCaseWorker(core.store.require().db, row.id);
    if (openCases > 0) throw staffError('CONFLICT', 'caseWorkerOfOpenCases', { field: 'role', count: openCases });
  }
  const losesKey = losesConfidentialKey(row.role, input.role);
  const write = async (intentId: string | null): Promise<void> => {
    await core.write(ctx.session.userId, async (w) => {
      if (isRoleChange && row.role === 'administrator' && (await countActiveAdministrators(w.trx)) <= 1) throw staffError('CONFLICT', 'lastAdministrator', { field: 'role' });
      await updateStaff(w.trx, row.id, {
        display_name: input.displayName,
        role: input.role,
        ...(losesKey ? { holds_confidential: 0 } : {}),
        updated_at: w.now.toISOString(),
      });
      if (isRoleChange) {
        await w.audit({
          action: 'staff.changeRole',
          entityType: 'staff',
          entityId: row.id,
          details: { from: row.role, to: input.role, heldConfidential: losesKey && row.holds_confidential === 1, ...(intentId ? { intentId } : {}) },
        });
      }
      if (row.display_name !== input.displayName) await w.audit({ action: 'staff.rename', entityType: 'staff', entityId: row.id, details: {} });
      if (!isRoleChange && row.display_name === input.displayName) await w.audit({ action: 'staff.update', entityType: 'staff', entityId: row.id, details: { changed: false } });
      // Last inside the transaction: the slot edit waits as an intent until the change commits.
      if (intentId) await writeSlotEdit(ctx, { id: intentId, userId: row.id, action: 'staff.changeRole' }, (slot) => withoutConfidentialKey(slot));
    });
  };
  if (losesKey) await changeSlotTwoPhase(ctx, { userId: row.id, action: 'staff.changeRole' }, write);
  else await write(null);
  if (isRoleChange) core.sessions.deleteUser(row.id);
  return { confidentialKeyRevoked: losesKey && row.holds_confidential === 1 };
}

function withoutConfidentialKey(slot: UserSlot): UserSlot {
  const { previousConfidentialKey: _previous, ...rest } = slot;
  return { ...rest, confidentialKey: wrappedKeyFiller() };
}

/**
 * Gives a deactivated account back its access (`staff.reactivate`): a new slot with a temporary
 * password (72 hours), like a reset; the confidential key, if her role holds it, comes again from
 * a colleague in person once she has chosen her own password.
 */
export async function reactivateStaff(ctx: CoreContext, userId: string): Promise<{ temporaryPassword: string }> {
  const { core } = ctx;
  requireDatabaseKey(core);
  const row = await findStaffById(core.store.require().db, userId);
  if (!row) throw staffError('NOT_FOUND', 'staff');
  if (row.is_active === 1) throw staffError('CONFLICT', 'alreadyActive');
  const temporaryPassword = generateTemporaryPassword();
  await changeSlotTwoPhase(ctx, { userId, action: 'staff.reactivate' }, async (intentId) => {
    await core.write(ctx.session.userId, async (w) => {
      await updateStaff(w.trx, userId, {
        is_active: 1,
        deactivated_at: null,
        must_change_password: 1,
        temporary_password_expires_at: temporaryPasswordExpiry(w.now),
        holds_confidential: 0,
        updated_at: w.now.toISOString(),
      });
      const boxKeyId = await writeSlotIntent(ctx, { id: intentId, userId, action: 'staff.reactivate', owner: { userId, username: row.username, password: temporaryPassword } });
      await w.audit({ action: 'staff.reactivate', entityType: 'staff', entityId: userId, details: { role: row.role, intentId, boxKeyId } });
    });
  });
  core.auth.attempts.clear(row.username);
  return { temporaryPassword };
}

/** Writes the intent to replace an account's slot with `edit` of the current one (no password needed: only its confidential key changes). */
async function writeSlotEdit(ctx: CoreContext, intent: { id: string; userId: string; action: string }, edit: (slot: UserSlot) => UserSlot): Promise<void> {
  await ctx.core.auth.keyring.update((current) => {
    const slot = current.slots.find((existing) => existing.userId === intent.userId);
    if (!slot) throw new AppError('INTERNAL', { reason: 'noSlot' });
    return addSlotIntent(current, { id: intent.id, userId: intent.userId, action: intent.action, slot: edit(slot) });
  });
}

/**
 * Writes the intent to put a fresh slot for `owner` (or, with no owner, to remove the account's
 * slot), wrapping the key the file is sealed with. Returns the new slot's box id, for the
 * change's audit event (box-attestation.ts).
 */
async function writeSlotIntent(ctx: CoreContext, intent: { id: string; userId: string; action: string; owner: NewStaffSlot | null }): Promise<string | null> {
  const { core } = ctx;
  let box: string | null = null;
  await core.auth.keyring.update(async (current, databaseKey) => {
    let slot: UserSlot | null = null;
    if (intent.owner) {
      const withSlot = await putUserSlot(core.auth.primitives, current, intent.owner, databaseKey, core.auth.keySlotParams);
      slot = withSlot.slots.find((existing) => existing.userId === intent.userId) ?? null;
      box = slot?.box ? boxKeyId(slot.box) : null;
    }
    return addSlotIntent(current, { id: intent.id, userId: intent.userId, action: intent.action, slot });
  });
  return box;
}

/**
 * A staff change that edits a slot, in two phases (keyring-intents.ts): `commit` writes the
 * database change with the intent's id in its audit event and the intent last in its transaction;
 * then the intent is applied. A failure before the commit drops the intent again; a crash is
 * settled at the next open (keyring-reconcile.ts). Held apart from key rotations.
 */
function changeSlotTwoPhase(ctx: CoreContext, change: { userId: string; action: string }, commit: (intentId: string) => Promise<void>): Promise<void> {
  const { keyring } = ctx.core.auth;
  return keyring.withKeyChange(async () => {
    const intentId = newIntentId();
    try {
      await commit(intentId);
    } catch (error) {
      await keyring.update((current) => dropSlotIntent(current, intentId)).catch(() => undefined);
      throw error;
    }
    await keyring.update((current) => applySlotIntent(current, intentId));
  });
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
  requireDatabaseKey(core);
  const row = await requireActiveStaff(ctx, userId);
  const temporaryPassword = generateTemporaryPassword();
  const needsConfidentialGrant = holdsConfidentialKey(row.role);
  await changeSlotTwoPhase(ctx, { userId, action: 'staff.resetPassword' }, async (intentId) => {
    await ctx.core.write(ctx.session.userId, async (w) => {
      await updateStaff(w.trx, userId, { must_change_password: 1, temporary_password_expires_at: temporaryPasswordExpiry(w.now), holds_confidential: 0, updated_at: w.now.toISOString() });
      const boxKeyId = await writeSlotIntent(ctx, { id: intentId, userId, action: 'staff.resetPassword', owner: { userId, username: row.username, password: temporaryPassword } });
      await w.audit({ action: 'staff.resetPassword', entityType: 'staff', entityId: userId, details: { confidentialKeyRevoked: row.holds_confidential === 1, intentId, boxKeyId } });
    });
  });
  core.sessions.deleteUser(userId);
  core.auth.attempts.clear(row.username);
  return { temporaryPassword, needsConfidentialGrant };
}

/**
 * Deactivates an account: its slot leaves the keyring at once and its sessions end; then the
 * database key is rotated, so the leaver's copy of the old keyring opens nothing written from now
 * on. An administrator cannot deactivate themself, nor the last active administrator.
 */
export async function deactivateStaff(ctx: CoreContext, userId: string): Promise<{ keysRotated: boolean; notesKeyChangeDue: boolean }> {
  const { core } = ctx;
  if (userId === ctx.session.userId) throw staffError('CONFLICT', 'deactivateSelf');
  const row = await requireActiveStaff(ctx, userId);
  await changeSlotTwoPhase(ctx, { userId, action: 'staff.deactivate' }, async (intentId) => {
    await ctx.core.write(ctx.session.userId, async (w) => {
      if (row.role === 'administrator' && (await countActiveAdministrators(w.trx)) <= 1) {
        throw staffError('CONFLICT', 'lastAdministrator');
      }
      const at = w.now.toISOString();
      await updateStaff(w.trx, userId, { is_active: 0, deactivated_at: at, holds_confidential: 0, updated_at: at });
      await w.audit({ action: 'staff.deactivate', entityType: 'staff', entityId: userId, details: { role: row.role, heldConfidential: row.holds_confidential === 1, intentId } });
      await writeSlotIntent(ctx, { id: intentId, userId, action: 'staff.deactivate', owner: null });
    });
  });
  core.sessions.deleteUser(userId);
  // A holder left: the notes key changes at the next holder's sign-in (confidential-rotation.ts).
  return { keysRotated: await rotateAfterDeparture(ctx), notesKeyChangeDue: row.holds_confidential === 1 };
}

/**
 * The automatic rotation after a deactivation. Skipped (and said so in the log) while a slot from
 * before rotation existed has no box yet, or a box no sign-in has attested yet: rotating then
 * would lock its owner out.
 */
async function rotateAfterDeparture(ctx: CoreContext): Promise<boolean> {
  const missing = slotsWithoutBox(ctx.core.auth.keyring.require());
  if (missing.length > 0) {
    ctx.core.log.warn('keys.rotationDeferred', { slotsWithoutBox: missing.length });
    return false;
  }
  try {
    await rotateDatabaseKey(ctx.core, ctx.session.userId, 'deactivation');
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONFLICT' && error.details?.['reason'] === 'slotsAwaitingSignIn')) throw error;
    ctx.core.log.warn('keys.rotationDeferred', { slotsUnattested: Number(error.details['count'] ?? 0) });
    return false;
  }
  return true;
}

/**
 * `staff.rotateKeys`: the administrator's own password again, then a new database key for every
 * remaining slot (key-rotation.ts).
 */
export async function rotateKeys(ctx: CoreContext, actorPassword: string): Promise<RotationResult> {
  await confirmActorPassword(ctx.core, ctx.session, actorPassword);
  const missing = slotsWithoutBox(ctx.core.auth.keyring.require());
  if (missing.length > 0) throw staffError('CONFLICT', 'slotsAwaitingSignIn', { count: missing.length });
  return rotateDatabaseKey(ctx.core, ctx.session.userId, 'manual');
}
