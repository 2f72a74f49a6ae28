import type { CoreServices } from '../api/context';
import { rewrapUserSlot, type UnlockedSlot } from '../crypto/keyring';
import type { ScryptParams } from '../crypto/primitives';

/** scrypt's work, N·r·p: what a slot's cost is compared by. */
function workOf(params: ScryptParams): number {
  return params.N * params.r * params.p;
}

/**
 * Rewraps a slot made at a lower scrypt cost than the core's current one (a slot from before
 * N = 2^17) with the password its owner just proved, at the next successful sign-in. A slot at
 * the current cost or above is left alone (never lowered). Keyring-only: the database does not
 * change. Returns whether it rewrapped.
 *
 * @example await upgradeSlotCost(core, unlocked, input.password);
 */
export async function upgradeSlotCost(core: CoreServices, unlocked: UnlockedSlot, password: string): Promise<boolean> {
  const target = core.auth.keySlotParams;
  const slot = core.auth.keyring.require().slots.find((candidate) => candidate.userId === unlocked.userId);
  if (slot === undefined || workOf(slot.kdf) >= workOf(target)) return false;
  const from = slot.kdf.N;
  try {
    await core.auth.keyring.update((keyring) => rewrapUserSlot(core.auth.primitives, keyring, unlocked, password, target));
  } catch (error) {
    // The old slot still opens: a full disk or a busy file must not refuse a right password.
    core.log.warn('auth.slotCostUpgradeFailed', { code: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
  core.log.info('auth.slotCostUpgraded', { fromN: from, toN: target.N });
  return true;
}
