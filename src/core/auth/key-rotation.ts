import { AppError } from '../api/errors';
import { staffError } from '../staff/staff.errors';
import type { CoreServices } from '../api/context';
import { zeroize } from '../crypto/key-slots';
import { isKeyringIntact } from '../crypto/keyring';
import { beginRotation, finishRotation } from '../crypto/keyring-rotation';
import { rekeyDatabase } from '../db/open';
import type { OpenStore } from '../db/store';
import { attestedBoxKeyIds, checkBoxes, RECOVERY } from './box-attestation';
import { recordAuthEvent, requireDatabaseKey } from './key-access';

/**
 * Rotating the database key (issue 8, item 2): a fresh key, the database re-keyed under it
 * (SQLCipher rekey), and every remaining slot given it sealed to its box, all without anyone's
 * password. A leaver's copy of the old keyring and the old key opens nothing written afterwards.
 */

export type RotationReason = 'manual' | 'deactivation';

export interface RotationResult {
  /** The id of the new database key (key-box.ts `databaseKeyId`). */
  readonly keyId: string;
  /** Slots that received it (the recovery slot not counted). */
  readonly slots: number;
}

/**
 * Re-keys the open database under `newKey` while nothing else uses the connection (Kysely's
 * connection lock), then truncates the WAL so no page under the old key stays beside it.
 */
export async function rekeyOpenStore(store: OpenStore, newKey: Buffer): Promise<void> {
  await store.db.connection().execute(async () => {
    rekeyDatabase(store.handle, newKey);
    store.handle.pragma('wal_checkpoint(TRUNCATE)');
  });
}

/** Replaces the held database key (the old one is zeroed): the keyring store seals with it from now on. */
export function holdDatabaseKey(core: CoreServices, key: Buffer): void {
  const previous = core.auth.databaseKey;
  core.auth.databaseKey = Buffer.from(key);
  if (previous && previous !== core.auth.databaseKey) zeroize(previous);
}

/**
 * Rotates the database key, then audits it (`staff.rotateKeys`). The keyring is written twice:
 * with the new key pending under the old key's MAC before the rekey, and with the new key in
 * every slot under the new key's MAC after; a crash between the two is finished at the next
 * open (keyring-reconcile.ts). Held apart from staff changes (`withKeyChange`).
 *
 * @example const { keyId } = await rotateDatabaseKey(core, session.userId, 'manual');
 */
export function rotateDatabaseKey(core: CoreServices, actorId: string | null, reason: RotationReason): Promise<RotationResult> {
  return core.auth.keyring.withKeyChange(async () => {
    const store = core.store.require();
    let replaced: readonly string[] = [];
    const result = await core.auth.keyring.exclusive(async (io) => {
      const oldKey = requireDatabaseKey(core);
      const current = io.read();
      if (!isKeyringIntact(core.auth.primitives, current, oldKey)) throw new AppError('KEYRING_TAMPERED');
      if ((current.intents ?? []).length > 0) throw new AppError('INTERNAL', { reason: 'keyringIntentsPending' });
      // Sealed only to boxes the audit log says are their owners' (box-attestation.ts).
      const boxes = checkBoxes(current, await attestedBoxKeyIds(store.db));
      if (boxes.replaced.includes(RECOVERY)) {
        await recordAuthEvent(core, { actorId, action: 'keyring.tamperSuspected', entityId: null, details: { slot: RECOVERY } });
        throw new AppError('KEYRING_TAMPERED');
      }
      if (boxes.unattested.length > 0) throw staffError('CONFLICT', 'slotsAwaitingSignIn', { count: boxes.unattested.length });
      replaced = boxes.replaced;
      const { keyring: pending, newKey } = beginRotation(core.auth.primitives, current, new Set(boxes.attested));
      try {
        io.write(pending, oldKey);
        try {
          await rekeyOpenStore(store, newKey);
        } catch (error) {
          // The database kept the old key (the rekey is one transaction): so does the keyring.
          io.write(current, oldKey);
          throw error;
        }
        holdDatabaseKey(core, newKey);
        const finished = io.write(finishRotation(pending), newKey);
        return { keyId: pending.pendingRotation?.keyId ?? '', slots: finished.slots.length };
      } finally {
        zeroize(newKey);
      }
    });
    await core.write(actorId, async (w) => {
      await w.audit({ action: 'staff.rotateKeys', entityType: 'keyring', entityId: null, details: { keyId: result.keyId, slots: result.slots, reason, leftOut: replaced.length } });
      // A box swapped in the file got no key: its account is closed (an administrator reactivates it, with a new slot).
      const at = w.now.toISOString();
      for (const userId of replaced) {
        await w.trx.updateTable('staff').set({ is_active: 0, holds_confidential: 0, deactivated_at: at, updated_at: at }).where('id', '=', userId).execute();
        await w.audit({ action: 'keyring.repaired', entityType: 'staff', entityId: userId, details: { repair: 'boxReplaced' } });
      }
    });
    for (const userId of replaced) core.sessions.deleteUser(userId);
    if (replaced.length > 0) core.log.warn('keys.boxReplaced', { slots: replaced.length });
    core.log.info('keys.rotated', { slots: result.slots, reason });
    return result;
  });
}
