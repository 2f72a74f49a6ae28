import { anchorChainHead } from '../audit/anchors';
import { AppError } from '../api/errors';
import { authError } from './auth.errors';
import type { Session } from '../api/session';
import { holdsConfidentialKey } from '../api/permissions';
import { runWritePath } from '../audit/run-write';
import type { CoreServices } from '../api/context';
import { buildRecoverySlot, findSlot, unlockClinicalRecovery, type Keyring, type RecoveryKeys, putUserSlot, rewrapUserSlot, sameUsername, type UnlockedSlot } from '../crypto/keyring';
import { normalizeRecoveryCode, zeroize } from '../crypto/key-slots';
import { slotNeedsFold } from '../crypto/keyring-rotation';
import { RECOVERY, slotBoxKeyId } from './box-attestation';
import { isReencryptionPending, startConfidentialReencryption } from './confidential-reencryption';
import { beginConfidentialRotation, isConfidentialRotationDue } from './confidential-rotation';
import { reconcileKeyring } from './keyring-reconcile';
import { assertKeyringIntact, migrateKeyringIfNeeded, unlockAnyRecoverySlot, unlockAnySlot } from './keyring-custody';
import { openStoreWithKey, recordAuthEvent, releaseKeysIfNobodySignedIn } from './key-access';
import { isSlotCheaperThan } from './slot-cost';
import { ThrottledError, type AttemptTicket } from '../session/sign-in-throttle';
import { findStaffById, findStaffByUsername, updateStaff, type CurrentUser } from '../staff/staff.repository';

/** Throttle key for recovery-code attempts, apart from any username. */
const RECOVERY_THROTTLE_KEY = '#recovery';

export function currentUser(core: CoreServices, session: Session): CurrentUser {
  return {
    id: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    mustChangePassword: session.mustChangePassword,
    isLocked: session.isLocked,
    holdsConfidential: core.auth.confidentialKeyOf(session) !== null,
    permissions: core.permissions.of(session.role),
  };
}

/** Reserves one check of a secret (sign-in-throttle.ts) before any derivation; TOO_MANY_ATTEMPTS when it must wait. */
function reserveAttempt(core: CoreServices, key: string): AttemptTicket {
  try {
    return core.auth.attempts.reserve(key, core.now().getTime());
  } catch (error) {
    if (error instanceof ThrottledError) throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterMs: error.retryAfterMs });
    throw error;
  }
}

/** Runs one reserved check; a check that throws (not a wrong secret) gives its reservation back. */
async function checkReserved<T>(ticket: AttemptTicket, check: () => Promise<T | null>): Promise<T | null> {
  try {
    return await check();
  } catch (error) {
    ticket.cancel();
    throw error;
  }
}

/** Counts a wrong secret, records it, and throws what the caller is told. */
async function failAttempt(core: CoreServices, ticket: AttemptTicket, userId: string | null, action: string, code: 'WRONG_PASSWORD' | 'WRONG_RECOVERY_CODE'): Promise<never> {
  const { failures, retryAfterMs } = ticket.fail();
  await recordAuthEvent(core, { actorId: null, action, entityId: userId, details: { failures, isThrottled: retryAfterMs > 0 } });
  throw new AppError(code, retryAfterMs > 0 ? { retryAfterMs } : undefined);
}

/**
 * Unlocks `username`'s slot with `password`, throttled and audited; throws WRONG_PASSWORD or
 * TOO_MANY_ATTEMPTS. A deactivated account has no slot, so its password can never be right:
 * it hears WRONG_PASSWORD like an unknown name (ACCOUNT_INACTIVE is only told after a correct
 * password, so nobody learns which names exist or left).
 */
export async function unlockThrottled(core: CoreServices, username: string, password: string): Promise<UnlockedSlot> {
  const keyring = core.auth.keyring.requireAny();
  const ticket = reserveAttempt(core, username);
  const unlocked = await checkReserved(ticket, () => unlockAnySlot(core, keyring, username, password));
  if (!unlocked) {
    const userId = findSlot(keyring, username)?.userId ?? keyring.retired.find((entry) => sameUsername(entry.username, username))?.userId ?? null;
    return failAttempt(core, ticket, userId, 'auth.signInFailed', 'WRONG_PASSWORD');
  }
  ticket.succeed();
  await assertKeyringIntact(core, keyring, unlocked, unlocked.userId);
  return unlocked;
}

/**
 * Asks the signed-in actor for their own password again before a grave step (adding an
 * administrator, rotating keys), throttled and audited like a sign-in. The keys it unwraps are
 * zeroed at once: only the answer counts. Throws WRONG_PASSWORD or TOO_MANY_ATTEMPTS.
 *
 * @example await confirmActorPassword(ctx.core, ctx.session, input.actorPassword);
 */
export async function confirmActorPassword(core: CoreServices, session: Session, password: string): Promise<void> {
  const unlocked = await unlockThrottled(core, session.username, password);
  const isSameUser = unlocked.userId === session.userId;
  zeroize(unlocked.databaseKey, unlocked.confidentialKey);
  if (!isSameUser) throw new AppError('WRONG_PASSWORD');
}

/**
 * Signs a staff member in on one connection: unwraps their slot, opens the database if it is not
 * open yet, and binds a session.
 *
 * @example const user = await signIn(ctx.core, ctx.connectionId, { username: 'dilnoza', password });
 */
export async function signIn(core: CoreServices, connectionId: string, input: { username: string; password: string }): Promise<CurrentUser> {
  const unlocked = await unlockThrottled(core, input.username, input.password);
  const store = await openStoreWithKey(core, unlocked.databaseKey, unlocked.pendingDatabaseKey ?? null);
  await migrateKeyringIfNeeded(core, unlocked.databaseKey, unlocked.userId);
  await reconcileKeyring(core, store, unlocked.pendingDatabaseKey ?? null);
  const row = await findStaffById(store.db, unlocked.userId);
  if (!row || row.is_active !== 1) {
    await recordAuthEvent(core, { actorId: null, action: 'auth.signInRefused', entityId: unlocked.userId, details: { reason: 'inactive' } });
    throw new AppError('ACCOUNT_INACTIVE');
  }
  // Only after a right password, like ACCOUNT_INACTIVE: an expired temporary password is refused; an administrator resets it again.
  if (row.must_change_password === 1 && row.temporary_password_expires_at !== null && Date.parse(row.temporary_password_expires_at) <= core.now().getTime()) {
    zeroize(unlocked.databaseKey, unlocked.confidentialKey);
    await recordAuthEvent(core, { actorId: null, action: 'auth.signInRefused', entityId: row.id, details: { reason: 'temporaryPasswordExpired' } });
    await releaseKeysIfNobodySignedIn(core);
    throw authError('FORBIDDEN', 'temporaryPasswordExpired', { expiredAt: row.temporary_password_expires_at });
  }
  const session: Session = {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
    isLocked: false,
    lastActivityMs: core.now().getTime(),
    signedInAtMs: core.now().getTime(),
  };
  // A session replaced on this connection (another user signing in) takes its key with it.
  core.sessions.set(connectionId, session);
  core.auth.setConfidentialKey(session, holdsConfidentialKey(row.role) ? unlocked.confidentialKey : null, unlocked.previousConfidentialKey ?? null);
  // Folded first, so the sign-in event attests the box her password now opens (box-attestation.ts).
  const boxRenewed = await foldSlotIfNeeded(core, unlocked, input.password);
  const boxKeyId = slotBoxKeyId(core.auth.keyring.require(), row.id);
  await runWritePath(
    store,
    row.id,
    async (w) => {
      await updateStaff(w.trx, row.id, { last_sign_in_at: w.now.toISOString(), updated_at: w.now.toISOString() });
      await w.audit({ action: 'auth.signIn', entityType: 'staff', entityId: row.id, details: { boxKeyId, ...(boxRenewed ? { boxRenewed } : {}) } });
    },
    core.writeOptions(),
  );
  await settleConfidentialFlag(core, row.id, row.holds_confidential === 1, unlocked.confidentialKey !== null);
  await rotateConfidentialKeyIfDue(core, session, unlocked, input.password);
  forgetUnwrappedKeys(core, session, unlocked);
  // A confidential-key rotation this holder began and a crash or sign-out interrupted goes on.
  startConfidentialReencryption(core, session);
  return currentUser(core, session);
}

/**
 * A holder left since the last confidential-key rotation: the first holder to sign in rotates it,
 * with the password she just typed (her colleagues then receive the new key from her in person).
 */
async function rotateConfidentialKeyIfDue(core: CoreServices, session: Session, unlocked: UnlockedSlot, password: string): Promise<void> {
  if (!unlocked.confidentialKey || unlocked.previousConfidentialKey || !core.auth.confidentialKeyOf(session)) return;
  if (core.auth.reencryption || isReencryptionPending(core.auth.keyring.require())) return;
  if (!(await isConfidentialRotationDue(core.store.require().db))) return;
  await beginConfidentialRotation(core, session, unlocked, password, 'holderLeft');
}

/**
 * A row that says its owner holds the confidential key while her slot has none: a confidential-key
 * rotation by a colleague whose keyring write landed but whose database commit a crash cut off.
 * The row is made to agree with the slot, audited as a repair.
 */
async function settleConfidentialFlag(core: CoreServices, userId: string, rowSaysHolds: boolean, slotHolds: boolean): Promise<void> {
  if (!rowSaysHolds || slotHolds) return;
  await core.write(null, async (w) => {
    await updateStaff(w.trx, userId, { holds_confidential: 0, updated_at: w.now.toISOString() });
    await w.audit({ action: 'keyring.repaired', entityType: 'staff', entityId: userId, details: { repair: 'confidentialKeyMissing' } });
  });
}

/**
 * A slot that received a rotated database key sealed to its box (or that has no box yet) is
 * rewrapped under the password just typed: the key it opens is then the password-wrapped one again.
 */
async function foldSlotIfNeeded(core: CoreServices, unlocked: UnlockedSlot, password: string): Promise<boolean> {
  // Also a slot made at a lower scrypt cost than new slots get (issue 8 item 8: N = 2^17), and a
  // box that is not the pair her password opens (someone replaced it in the file).
  const needsRewrap = (keyring: Keyring): boolean =>
    slotNeedsFold(keyring, unlocked.userId) || isSlotCheaperThan(keyring, unlocked.userId, core.auth.keySlotParams) || unlocked.boxIntact === false;
  const keyring = core.auth.keyring.readAny();
  if (!keyring || keyring.version !== 2 || !needsRewrap(keyring)) return false;
  if (unlocked.boxIntact === false) core.log.warn('keyring.boxReplaced', {});
  await core.auth.keyring.update((current, databaseKey) =>
    needsRewrap(current)
      ? rewrapUserSlot(core.auth.primitives, current, { ...unlocked, databaseKey }, password, core.auth.keySlotParams)
      : current,
  );
  return unlocked.boxIntact === false;
}

/** Zeroes what a slot unwrapped once it is used: the store holds its own copy of the database key, the session its confidential key. */
function forgetUnwrappedKeys(core: CoreServices, session: Session, unlocked: UnlockedSlot): void {
  const kept = core.auth.confidentialKeyOf(session);
  const keptPrevious = core.auth.previousConfidentialKeyOf(session);
  zeroize(
    unlocked.databaseKey,
    unlocked.confidentialKey === kept ? null : unlocked.confidentialKey,
    unlocked.previousConfidentialKey === keptPrevious ? null : unlocked.previousConfidentialKey,
  );
}

/** Unlocks a locked session with the same user's password. */
export async function unlockSession(core: CoreServices, session: Session, password: string): Promise<CurrentUser> {
  const unlocked = await unlockThrottled(core, session.username, password);
  if (unlocked.userId !== session.userId) throw new AppError('WRONG_PASSWORD');
  if (holdsConfidentialKey(session.role) && unlocked.confidentialKey) core.auth.setConfidentialKey(session, unlocked.confidentialKey, unlocked.previousConfidentialKey ?? null);
  session.isLocked = false;
  session.lastActivityMs = core.now().getTime();
  forgetUnwrappedKeys(core, session, unlocked);
  startConfidentialReencryption(core, session);
  return currentUser(core, session);
}

/**
 * Changes the signed-in user's password: rewraps only their slot (the old password opens nothing
 * afterwards), clears the "temporary password" flag and ends the user's other sessions.
 */
export async function changePassword(
  core: CoreServices,
  session: Session,
  input: { currentPassword: string; newPassword: string },
): Promise<CurrentUser> {
  const unlocked = await unlockThrottled(core, session.username, input.currentPassword);
  if (unlocked.userId !== session.userId) throw new AppError('WRONG_PASSWORD');
  const store = core.store.require();
  await runWritePath(
    store,
    session.userId,
    async (w) => {
      await updateStaff(w.trx, session.userId, {
        must_change_password: 0,
        temporary_password_expires_at: null,
        password_changed_at: w.now.toISOString(),
        updated_at: w.now.toISOString(),
      });
      // Last inside the transaction (the event is stored at the commit): if the keyring cannot be written, the flag and the event roll back.
      const next = await core.auth.keyring.update((keyring, databaseKey) =>
        rewrapUserSlot(core.auth.primitives, keyring, { ...unlocked, databaseKey }, input.newPassword, core.auth.keySlotParams),
      );
      await w.audit({
        action: 'auth.passwordChanged',
        entityType: 'staff',
        entityId: session.userId,
        details: { wasTemporary: session.mustChangePassword, boxKeyId: slotBoxKeyId(next, session.userId) },
      });
    },
    core.writeOptions(),
  );
  session.mustChangePassword = false;
  // Whoever else is signed in as this user (another window, a tab left open) must use the new password.
  core.sessions.deleteUser(session.userId, session);
  if (holdsConfidentialKey(session.role) && unlocked.confidentialKey) core.auth.setConfidentialKey(session, unlocked.confidentialKey, unlocked.previousConfidentialKey ?? null);
  forgetUnwrappedKeys(core, session, unlocked);
  return currentUser(core, session);
}

/**
 * Unlocks the recovery slot with the printed code (throttled like a password) and opens the store.
 * For the CLI's `verify` and for `auth.recover`.
 *
 * @example const keys = await openWithRecoveryCode(core, process.env.INSON_RECOVERY_CODE);
 */
export async function openWithRecoveryCode(core: CoreServices, recoveryCode: string): Promise<RecoveryKeys> {
  const keyring = core.auth.keyring.requireAny();
  const ticket = reserveAttempt(core, RECOVERY_THROTTLE_KEY);
  const keys = await checkReserved(ticket, () => unlockAnyRecoverySlot(core, keyring, recoveryCode));
  if (!keys) return failAttempt(core, ticket, null, 'auth.recoveryFailed', 'WRONG_RECOVERY_CODE');
  ticket.succeed();
  await assertKeyringIntact(core, keyring, keys, null);
  const store = await openStoreWithKey(core, keys.databaseKey, keys.pendingDatabaseKey);
  await migrateKeyringIfNeeded(core, keys.databaseKey, null);
  await reconcileKeyring(core, store, keys.pendingDatabaseKey);
  await upgradeRecoverySlotIfNeeded(core, recoveryCode, keys.confidentialKey);
  return keys;
}

/**
 * The confidential key from a printed code, while nobody holds it (throttled like a password): the
 * clinical recovery code a supervisor made, or the administrator's recovery code as long as no new
 * confidential key replaced the one it was made with (then `confidentialKey` is null: the code is
 * right but opens only the database). The database must already be open.
 *
 * @example const { confidentialKey, source } = await openConfidentialKeyWithCode(core, typedCode);
 */
export async function openConfidentialKeyWithCode(core: CoreServices, code: string): Promise<{ confidentialKey: Buffer | null; source: 'clinicalRecoveryCode' | 'recoveryCode' }> {
  const keyring = core.auth.keyring.require();
  const ticket = reserveAttempt(core, RECOVERY_THROTTLE_KEY);
  const found = await checkReserved(ticket, async () => {
    const clinical = await unlockClinicalRecovery(core.auth.primitives, keyring, code);
    if (clinical) return { confidentialKey: clinical, source: 'clinicalRecoveryCode' as const };
    const keys = await unlockAnyRecoverySlot(core, keyring, code);
    if (!keys) return null;
    zeroize(keys.databaseKey, keys.pendingDatabaseKey);
    return { confidentialKey: keys.confidentialKey, source: 'recoveryCode' as const };
  });
  if (!found) return failAttempt(core, ticket, null, 'auth.recoveryFailed', 'WRONG_RECOVERY_CODE');
  ticket.succeed();
  return found;
}

/**
 * The recovery slot rewrapped under the code just typed when it has no box yet (a center set up
 * before rotation existed) or holds a rotated key sealed to its box.
 */
async function upgradeRecoverySlotIfNeeded(core: CoreServices, recoveryCode: string, confidentialKey: Buffer | null): Promise<void> {
  const keyring = core.auth.keyring.readAny();
  if (!keyring || keyring.version !== 2 || (keyring.recovery.box && !keyring.recovery.sealedDatabaseKey)) return;
  const normalized = normalizeRecoveryCode(recoveryCode);
  if (!normalized) return;
  await core.write(null, async (w) => {
    const next = await core.auth.keyring.update(async (current, databaseKey) => ({
      ...current,
      recovery: await buildRecoverySlot(core.auth.primitives, normalized, { databaseKey, confidentialKey }, core.auth.keySlotParams),
    }));
    await w.audit({ action: 'keyring.recoverySlotUpgraded', entityType: 'keyring', entityId: null, details: { recoveryBoxKeyId: slotBoxKeyId(next, RECOVERY) } });
  });
  core.log.info('keyring.recoverySlotUpgraded', {});
}

/**
 * Gives an administrator account a new password with the recovery code. Ends the account's
 * sessions; the administrator then signs in with the new password.
 */
export async function recoverAdministrator(core: CoreServices, input: { recoveryCode: string; username: string; newPassword: string }): Promise<void> {
  await openWithRecoveryCode(core, input.recoveryCode);
  const store = core.store.require();
  const row = await findStaffByUsername(store.db, input.username);
  if (!row || row.role !== 'administrator') throw authError('NOT_FOUND', 'administrator');
  if (row.is_active !== 1) throw new AppError('ACCOUNT_INACTIVE');
  const databaseKey = core.auth.databaseKey;
  if (!databaseKey) throw new AppError('LOCKED');
  await runWritePath(
    store,
    null,
    async (w) => {
      await updateStaff(w.trx, row.id, { must_change_password: 0, temporary_password_expires_at: null, password_changed_at: w.now.toISOString(), updated_at: w.now.toISOString() });
      const next = await core.auth.keyring.update((keyring, sealingKey) =>
        putUserSlot(core.auth.primitives, keyring, { userId: row.id, username: row.username, password: input.newPassword }, sealingKey, core.auth.keySlotParams),
      );
      await w.audit({ action: 'auth.recovered', entityType: 'staff', entityId: row.id, details: { boxKeyId: slotBoxKeyId(next, row.id) } });
    },
    core.writeOptions(),
  );
  core.auth.attempts.clear(row.username);
  core.sessions.deleteUser(row.id);
}

/** Ends the connection's session (its confidential key goes with it). */
export async function signOut(core: CoreServices, connectionId: string, session: Session): Promise<void> {
  core.sessions.delete(connectionId);
  // The user's buffered reads are written before the sign-out event (and before the chain head is anchored).
  await core.readAudit.flush(session.userId);
  core.auth.setConfidentialKey(session, null);
  await recordAuthEvent(core, { actorId: session.userId, action: 'auth.signOut', entityId: session.userId, details: {} });
  // The chain head after the sign-out, beside the database: a later cut or rewritten tail shows.
  if (core.store.isOpen) anchorChainHead(core.store.require(), core.now(), core.log);
  await releaseKeysIfNobodySignedIn(core);
}
