import { sql } from 'kysely';
import type { CoreServices } from '../api/context';
import { zeroize } from '../crypto/key-slots';
import { removeUserSlot, type Keyring } from '../crypto/keyring';
import { applySlotIntent, dropSlotIntent } from '../crypto/keyring-intents';
import { finishRotation } from '../crypto/keyring-rotation';
import type { OpenStore } from '../db/store';
import { holdDatabaseKey, rekeyOpenStore } from './key-rotation';

/**
 * Makes the keyring and the database agree again after a crash (issue 8, item 3), at the first
 * open of the database after a start: a rotation interrupted between its two keyring writes is
 * finished, staff changes' slot intents are applied or dropped by whether their audit event
 * committed, and any slot without an active staff row, or active row without a slot, is settled.
 * Every repair is audited as `keyring.repaired`.
 */

type Repair = { readonly repair: string; readonly userId: string | null; readonly details?: Readonly<Record<string, string | number | boolean | null>> };

async function audit(core: CoreServices, repairs: readonly Repair[]): Promise<void> {
  if (repairs.length === 0) return;
  await core.write(null, async (w) => {
    for (const entry of repairs) {
      await w.audit({ action: 'keyring.repaired', entityType: entry.userId ? 'staff' : 'keyring', entityId: entry.userId, details: { repair: entry.repair, ...entry.details } });
    }
  });
  core.log.warn('keyring.repaired', { repairs: repairs.length });
}

/**
 * Finishes a rotation a crash interrupted: the database is re-keyed forward if it still has the
 * old key, then the sealed keys move into their slots under the new key's MAC.
 */
async function finishInterruptedRotation(core: CoreServices, store: OpenStore, pendingKey: Buffer | null): Promise<Repair[]> {
  return core.auth.keyring.exclusive(async (io) => {
    const current = io.read();
    const pending = current.pendingRotation;
    if (!pending || !pendingKey) return [];
    const held = core.auth.databaseKey;
    const wasRekeyed = held !== null && held.equals(pendingKey);
    if (!wasRekeyed) await rekeyOpenStore(store, pendingKey);
    holdDatabaseKey(core, pendingKey);
    io.write(finishRotation(current), pendingKey);
    return [{ repair: 'rotationFinished', userId: null, details: { keyId: pending.keyId, wasRekeyed } }];
  });
}

async function committedIntentIds(store: OpenStore, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await store.db
    .selectFrom('audit_log')
    .select(sql<string>`json_extract(details_json, '$.intentId')`.as('intentId'))
    .where(sql<string>`json_extract(details_json, '$.intentId')`, 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.intentId));
}

/** Settles intents, then checks every slot against the staff table. */
async function settleSlots(core: CoreServices, store: OpenStore): Promise<Repair[]> {
  const repairs: Repair[] = [];
  const before = core.auth.keyring.require();
  const committed = await committedIntentIds(store, (before.intents ?? []).map((intent) => intent.id));
  const staff = await store.db.selectFrom('staff').select(['id', 'is_active']).execute();
  const activeIds = new Set(staff.filter((row) => row.is_active === 1).map((row) => row.id));
  const isOrphan = (slot: { userId: string }): boolean => !activeIds.has(slot.userId);
  const slotIdsBefore = new Set(before.slots.map((slot) => slot.userId));
  const isSettled = (before.intents ?? []).length === 0 && !before.slots.some(isOrphan) && [...activeIds].every((id) => slotIdsBefore.has(id));
  if (isSettled) return repairs;
  let activeWithoutSlot: string[] = [];
  await core.auth.keyring.update((current) => {
    let next: Keyring = current;
    for (const intent of current.intents ?? []) {
      const isCommitted = committed.has(intent.id);
      next = isCommitted ? applySlotIntent(next, intent.id) : dropSlotIntent(next, intent.id);
      repairs.push({ repair: isCommitted ? 'intentApplied' : 'intentDropped', userId: intent.userId, details: { change: intent.action } });
    }
    for (const slot of next.slots) {
      if (isOrphan(slot)) {
        next = removeUserSlot(next, slot.userId);
        repairs.push({ repair: 'slotWithoutActiveStaff', userId: slot.userId });
      }
    }
    const slotIds = new Set(next.slots.map((slot) => slot.userId));
    activeWithoutSlot = [...activeIds].filter((id) => !slotIds.has(id));
    return next;
  });
  if (activeWithoutSlot.length > 0) {
    // No password opens an account without a slot: it is deactivated, as the lost slot says.
    await core.write(null, async (w) => {
      const at = w.now.toISOString();
      for (const userId of activeWithoutSlot) {
        await w.trx.updateTable('staff').set({ is_active: 0, holds_confidential: 0, deactivated_at: at, updated_at: at }).where('id', '=', userId).execute();
        await w.audit({ action: 'keyring.repaired', entityType: 'staff', entityId: userId, details: { repair: 'activeStaffWithoutSlot' } });
      }
    });
  }
  return repairs;
}

function needsSettling(keyring: Keyring): boolean {
  return keyring.pendingRotation !== undefined || (keyring.intents ?? []).length > 0;
}

/**
 * Run once the database is open with a slot's keys (sign-in, recovery). Cheap when nothing is
 * wrong: one read of the staff table.
 *
 * @example await reconcileKeyring(core, store, unlocked.pendingDatabaseKey ?? null);
 */
export async function reconcileKeyring(core: CoreServices, store: OpenStore, pendingKey: Buffer | null): Promise<void> {
  const keyring = core.auth.keyring.readAny();
  if (!keyring || keyring.version !== 2) return;
  try {
    await core.auth.keyring.withKeyChange(async () => {
      const repairs = needsSettling(keyring) ? await finishInterruptedRotation(core, store, pendingKey) : [];
      repairs.push(...(await settleSlots(core, store)));
      await audit(core, repairs);
    });
  } finally {
    zeroize(pendingKey);
  }
}
