import type { Keyring } from '../crypto/keyring';
import type { ScryptParams } from '../crypto/primitives';

/** scrypt's work, N·r·p: what a slot's cost is compared by. */
function workOf(params: ScryptParams): number {
  return params.N * params.r * params.p;
}

/**
 * Whether the account's slot was made at a lower scrypt cost than `params` (a slot from before
 * N = 2^17): sign-in then rewraps it at the core's cost with the password its owner just proved
 * (`foldSlotIfNeeded` in auth.service.ts). A slot at that cost or above is left alone, never lowered.
 *
 * @example isSlotCheaperThan(keyring, unlocked.userId, core.auth.keySlotParams) // true for an N=2^16 slot
 */
export function isSlotCheaperThan(keyring: Keyring, userId: string, params: ScryptParams): boolean {
  const slot = keyring.slots.find((candidate) => candidate.userId === userId);
  return slot !== undefined && workOf(slot.kdf) < workOf(params);
}
