import { randomBytes } from 'node:crypto';
import { removeUserSlot, type Keyring, type SlotIntent, type UserSlot } from './keyring';

/**
 * Two-phase slot edits for staff changes (pure). The database and the keyring file cannot commit
 * together, so a change that edits a slot is written as an intent first (the slot it will put, or
 * null to remove it), then the database commits the change with the intent's id in its audit
 * event, then the intent is applied. A crash in between leaves an intent that the next open
 * settles by looking for that audit event (keyring-reconcile.ts): applied if the change committed,
 * dropped if not. The current slot stays usable until the intent is applied.
 */

export function newIntentId(): string {
  return randomBytes(16).toString('hex');
}

/** The keyring with one more pending intent (any earlier intent for the same account stays: they settle in order). */
export function addSlotIntent(keyring: Keyring, intent: SlotIntent): Keyring {
  return { ...keyring, intents: [...(keyring.intents ?? []), intent] };
}

function putSlot(keyring: Keyring, slot: UserSlot): Keyring {
  return {
    ...keyring,
    slots: [...keyring.slots.filter((existing) => existing.userId !== slot.userId), slot],
    retired: keyring.retired.filter((entry) => entry.userId !== slot.userId),
  };
}

/** Applies the intent `id` (puts or removes its slot) and forgets it; unchanged if there is no such intent. */
export function applySlotIntent(keyring: Keyring, id: string): Keyring {
  const intent = keyring.intents?.find((entry) => entry.id === id);
  if (!intent) return keyring;
  const applied = intent.slot ? putSlot(keyring, intent.slot) : removeUserSlot(keyring, intent.userId);
  return dropSlotIntent(applied, id);
}

/** Forgets the intent `id` without applying it (its change never committed). */
export function dropSlotIntent(keyring: Keyring, id: string): Keyring {
  return { ...keyring, intents: (keyring.intents ?? []).filter((entry) => entry.id !== id) };
}
