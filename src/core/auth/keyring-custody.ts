import { AppError } from '../api/errors';
import type { CoreServices } from '../api/context';
import { zeroize } from '../crypto/key-slots';
import { isKeyringIntact, unlockRecoverySlot, unlockUserSlot, type RecoveryKeys, type UnlockedSlot } from '../crypto/keyring';
import type { AnyKeyring } from '../crypto/keyring-store';
import { migrateKeyringV1, unlockUserSlotV1 } from '../crypto/keyring-v1';
import { recordAuthEvent } from './key-access';

/**
 * The keyring's side of signing in, kept apart from the throttle and the session: unlocking a
 * slot of either file format, checking the file's MAC once a slot gave the database key, and
 * migrating a format-1 file.
 */

/** Unlocks `username`'s slot in a keyring of either format; null for a wrong password or unknown user. */
export function unlockAnySlot(core: CoreServices, keyring: AnyKeyring, username: string, password: string): Promise<UnlockedSlot | null> {
  return keyring.version === 1
    ? unlockUserSlotV1(core.auth.primitives, keyring, username, password)
    : unlockUserSlot(core.auth.primitives, keyring, username, password);
}

/** Unwraps the recovery slot of either format. */
export function unlockAnyRecoverySlot(core: CoreServices, keyring: AnyKeyring, recoveryCode: string): Promise<RecoveryKeys | null> {
  return unlockRecoverySlot(core.auth.primitives, keyring, recoveryCode);
}

/**
 * Refuses a format-2 keyring whose MAC does not match under the database key just unwrapped:
 * someone changed the file (a slot, a kdf, the list of retired accounts) without going through
 * the core. The keys are zeroed and the refusal is audited. A format-1 file has no MAC; it is
 * migrated right after the database opens.
 */
export async function assertKeyringIntact(core: CoreServices, keyring: AnyKeyring, keys: { databaseKey: Buffer; confidentialKey: Buffer | null }, userId: string | null): Promise<void> {
  if (keyring.version === 1 || isKeyringIntact(core.auth.primitives, keyring, keys.databaseKey)) return;
  zeroize(keys.databaseKey, keys.confidentialKey);
  await recordAuthEvent(core, { actorId: null, action: 'auth.keyringTampered', entityId: userId, details: {} });
  throw new AppError('KEYRING_TAMPERED');
}

/**
 * Rewrites a format-1 keyring as format 2, sealed under the database key, with the database open:
 * pending box grants are dropped (their holders' rows say so, and they need an in-person grant),
 * and the migration is audited in the same transaction. Returns whether it migrated.
 *
 * @example await migrateKeyringIfNeeded(core, unlocked.databaseKey, unlocked.userId);
 */
export async function migrateKeyringIfNeeded(core: CoreServices, databaseKey: Buffer, actorId: string | null): Promise<boolean> {
  const current = core.auth.keyring.requireAny();
  if (current.version !== 1) return false;
  const { keyring, droppedPendingGrants } = migrateKeyringV1(current);
  await core.write(actorId, async (w) => {
    const at = w.now.toISOString();
    for (const userId of droppedPendingGrants) {
      await w.trx.updateTable('staff').set({ holds_confidential: 0, updated_at: at }).where('id', '=', userId).execute();
    }
    await w.audit({
      action: 'keyring.migrated',
      entityType: 'keyring',
      entityId: null,
      details: { fromVersion: 1, toVersion: 2, slots: keyring.slots.length, droppedPendingGrants: droppedPendingGrants.length },
    });
    // Last inside the transaction: a file that cannot be written rolls the rows and the event back.
    await core.auth.keyring.replace(keyring, databaseKey);
  });
  return true;
}
