import { randomBytes } from 'node:crypto';
import { databaseKeyId, sealToSlotBox } from './key-box';
import { userSlotId, type Keyring, type SlotIntent, type UserSlot } from './keyring';
import type { CryptoPrimitives } from './primitives';

/**
 * Rotating the database key without anyone's password (pure: keyring in, keyring out).
 *
 * 1. `beginRotation`: the new key sealed to every slot's box and to the recovery slot's, in
 *    `pendingRotation`; the caller writes this under the **old** key's MAC.
 * 2. The caller re-keys the database (SQLCipher rekey, itself one transaction).
 * 3. `finishRotation`: each sealed key moves into its slot, `pendingRotation` goes; the caller
 *    writes this under the **new** key's MAC.
 *
 * A crash between 1 and 3 leaves a file from which every slot's owner learns both keys; the next
 * open tries both and finishes the job (keyring-reconcile.ts). A slot's owner folds her sealed
 * key into her password-wrapped slot at her next sign-in.
 */

/** Slots (by user id, 'recovery' for the recovery slot) that have no box and so cannot receive a rotated key. */
export function slotsWithoutBox(keyring: Keyring): string[] {
  const missing = keyring.slots.filter((slot) => !slot.box).map((slot) => slot.userId);
  return keyring.recovery.box ? missing : [...missing, 'recovery'];
}

/**
 * A fresh database key and the keyring with it sealed to every slot (or to those in `sealTo`),
 * pending. Throws when a slot has no box (a slot from before rotation existed: its owner's next
 * sign-in gives it one).
 *
 * @example const { keyring: pending, newKey } = beginRotation(primitives, current);
 */
export function beginRotation(primitives: CryptoPrimitives, keyring: Keyring, sealTo?: ReadonlySet<string>): { keyring: Keyring; newKey: Buffer } {
  if (keyring.pendingRotation) throw new Error('a rotation is already under way');
  if (slotsWithoutBox(keyring).length > 0) throw new Error('a slot has no box');
  const newKey = randomBytes(32);
  const slots: Record<string, ReturnType<typeof sealToSlotBox>> = {};
  for (const slot of keyring.slots) {
    // A slot left out (its box is not the audited one) gets nothing and leaves the file at the finish.
    if (slot.box && (!sealTo || sealTo.has(slot.userId))) slots[slot.userId] = sealToSlotBox(primitives, slot.box, newKey, userSlotId(slot.userId));
  }
  const recoveryBox = keyring.recovery.box;
  if (!recoveryBox) throw new Error('the recovery slot has no box');
  const recovery = sealToSlotBox(primitives, recoveryBox, newKey, 'recovery');
  return { keyring: { ...keyring, pendingRotation: { keyId: databaseKeyId(primitives, newKey), slots, recovery } }, newKey };
}

function sealedInto(slot: UserSlot, keyring: Keyring): UserSlot {
  const sealed = keyring.pendingRotation?.slots[slot.userId];
  return sealed ? { ...slot, sealedDatabaseKey: sealed } : slot;
}

/**
 * The rotation's sealed keys moved into their slots. Slot edits a staff change left pending
 * (intents) carry slots wrapped under the old key: they are dropped, so no slot in the file opens
 * only the old key (reconcile has settled them before any rotation starts).
 */
export function finishRotation(keyring: Keyring): Keyring {
  const pending = keyring.pendingRotation;
  if (!pending) return keyring;
  const { pendingRotation: _done, ...rest } = keyring;
  const intents: SlotIntent[] = [];
  return {
    ...rest,
    slots: keyring.slots.filter((slot) => pending.slots[slot.userId]).map((slot) => sealedInto(slot, keyring)),
    recovery: { ...keyring.recovery, sealedDatabaseKey: pending.recovery },
    intents,
  };
}

/** Whether the slot should be rewrapped at its owner's sign-in: it holds a sealed key or has no box yet. */
export function slotNeedsFold(keyring: Keyring, userId: string): boolean {
  const slot = keyring.slots.find((existing) => existing.userId === userId);
  return slot !== undefined && (slot.sealedDatabaseKey !== undefined || slot.box === undefined);
}
