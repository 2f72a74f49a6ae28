import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { CoreServices } from '../api/context';
import type { Session } from '../api/session';
import { confidentialKeyId } from '../crypto/field-encryption';
import { wrappedKeyFiller, zeroize } from '../crypto/key-slots';
import { rewrapUserSlot, type Keyring, type UnlockedSlot } from '../crypto/keyring';
import type { ReadDb } from '../db/handles';
import { staffError } from '../staff/staff.errors';
import { authError } from './auth.errors';
import { slotBoxKeyId } from './box-attestation';
import { isReencryptionPending, startConfidentialReencryption } from './confidential-reencryption';

/**
 * A new confidential key (issue 8 item 2): on demand, and whenever a holder leaves or her role
 * changes away from one that holds it. Only a holder can begin it, with her password typed again
 * (or at her sign-in, with the password she just typed): her slot is rewrapped with the new key
 * and the old one beside it (`previousConfidentialKey`), so her sessions read every note while the
 * re-encryption job (confidential-reencryption.ts) moves them, and her next sign-in resumes it.
 *
 * Everyone else loses the key: the other holders' slots get a filler where the key was and their
 * rows `holds_confidential = 0`; she (or any holder of the new key) grants it to them again in
 * person. The new key is never sealed to a public key, and the recovery slot, which only the
 * printed code can rewrap, no longer opens it. The leaver's copy of the old key opens only values
 * the job has not reached yet, and none once it finishes.
 */

export type ConfidentialRotationReason = 'manual' | 'holderLeft';

export interface ConfidentialRotationResult {
  readonly keyId: string;
  /** Colleagues who held the old key and now need an in-person grant of the new one. */
  readonly holdersToRegrant: number;
}

function withNewConfidentialKey(keyring: Keyring, rotatorId: string): Keyring {
  // The clinical recovery code held the old key: it goes, and a supervisor makes a new one.
  const { clinicalRecovery: _void, ...rest } = keyring;
  return {
    ...rest,
    slots: rest.slots.map(({ previousConfidentialKey: _previous, ...slot }) =>
      slot.userId === rotatorId ? slot : { ...slot, confidentialKey: wrappedKeyFiller() },
    ),
    recovery: { ...rest.recovery, confidentialKey: wrappedKeyFiller() },
  };
}

/**
 * Begins a rotation for `session` whose slot `unlocked` was just opened with `password`. The
 * database change (other rows lose the flag, the audited event) and the keyring write commit
 * together: the keyring is written last inside the transaction. Then the job starts in the
 * background.
 *
 * @example await beginConfidentialRotation(core, session, unlocked, password, 'manual');
 */
export async function beginConfidentialRotation(
  core: CoreServices,
  session: Session,
  unlocked: UnlockedSlot,
  password: string,
  reason: ConfidentialRotationReason,
): Promise<ConfidentialRotationResult> {
  const held = core.auth.confidentialKeyOf(session);
  const current = unlocked.confidentialKey;
  if (!held || !current || unlocked.userId !== session.userId || !held.equals(current)) throw authError('FORBIDDEN', 'noConfidentialKey');
  return core.auth.keyring.withKeyChange(async () => {
    if (core.auth.reencryption || isReencryptionPending(core.auth.keyring.require())) throw staffError('CONFLICT', 'confidentialRotationUnderWay');
    const next = randomBytes(32);
    const previous = Buffer.from(current);
    const keyId = confidentialKeyId(next, core.auth.primitives);
    try {
      const holdersToRegrant = await core.write(session.userId, async (w) => {
        const others = await w.trx
          .updateTable('staff')
          .set({ holds_confidential: 0, updated_at: w.now.toISOString() })
          .where('holds_confidential', '=', 1)
          .where('id', '!=', session.userId)
          .executeTakeFirst();
        const count = Number(others.numUpdatedRows);
        // Last inside the transaction (the event is stored at the commit): a keyring that cannot be written rolls the rows back.
        const written = await core.auth.keyring.update(async (keyring, databaseKey) =>
          rewrapUserSlot(
            core.auth.primitives,
            withNewConfidentialKey(keyring, session.userId),
            { ...unlocked, databaseKey, confidentialKey: next, previousConfidentialKey: previous },
            password,
            core.auth.keySlotParams,
          ),
        );
        await w.audit({
          action: 'staff.rotateConfidentialKey',
          entityType: 'staff',
          entityId: session.userId,
          details: { keyId, previousKeyId: confidentialKeyId(previous, core.auth.primitives), reason, holdersToRegrant: count, boxKeyId: slotBoxKeyId(written, session.userId) },
        });
        return count;
      });
      for (const [, open] of core.sessions.all()) {
        if (open.userId === session.userId) core.auth.setConfidentialKey(open, Buffer.from(next), Buffer.from(previous));
        else core.auth.setConfidentialKey(open, null);
      }
      core.log.info('confidential.rotationBegun', { reason, holdersToRegrant });
      startConfidentialReencryption(core, session);
      return { keyId, holdersToRegrant };
    } finally {
      zeroize(next, previous);
    }
  });
}

/**
 * Whether a holder left (deactivated, or her role changed away from one that holds the key) since
 * the last rotation: then the next holder to sign in rotates it.
 *
 * @example if (await isConfidentialRotationDue(store.db)) …
 */
export async function isConfidentialRotationDue(db: ReadDb): Promise<boolean> {
  const lastRotation = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('action', '=', 'staff.rotateConfidentialKey')
    .executeTakeFirst();
  const departure = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', 'in', ['staff.deactivate', 'staff.changeRole'])
    .where(sql<number>`json_extract(details_json, '$.heldConfidential')`, '=', 1)
    .where('seq', '>', Number(lastRotation?.seq ?? 0))
    .limit(1)
    .executeTakeFirst();
  return departure !== undefined;
}
