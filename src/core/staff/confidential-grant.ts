import { AppError } from '../api/errors';
import type { CoreContext, CoreServices } from '../api/context';
import { holdsConfidentialKey } from '../api/permissions';
import type { ReadDb } from '../db/handles';
import { generateRecoveryCode, zeroize } from '../crypto/key-slots';
import { buildClinicalRecovery, rewrapUserSlot } from '../crypto/keyring';
import { slotBoxKeyId } from '../auth/box-attestation';
import { confirmActorPassword, openConfidentialKeyWithCode, unlockThrottled } from '../auth/auth.service';
import { isReencryptionPending } from '../auth/confidential-reencryption';
import { confidentialKeyId } from '../crypto/field-encryption';
import { requireConfidentialKey } from '../auth/key-access';
import { beginConfidentialRotation, type ConfidentialRotationResult } from '../auth/confidential-rotation';
import { staffError } from './staff.errors';
import { findStaffById } from './staff.repository';

/**
 * Custody of the confidential key (counseling notes). A grant happens with both people at one
 * screen: the granter's session (or the recovery code) supplies the key, the recipient types her
 * own password, and the core unlocks her slot with it and rewraps the slot with the key inside.
 * Nothing is sealed to a public key that someone else could have written into a file, and nobody
 * who knows the recipient's password but her (the administrator who reset it, while it is still
 * temporary) can be the one who receives it.
 */

type GrantSource = 'colleague' | 'recoveryCode' | 'clinicalRecoveryCode';

async function grantIntoRecipientSlot(ctx: CoreContext, input: { userId: string; password: string }, confidentialKey: Buffer, source: GrantSource): Promise<void> {
  const { core } = ctx;
  if (input.userId === ctx.session.userId) throw staffError('CONFLICT', 'grantToSelf');
  const row = await findStaffById(core.store.require().db, input.userId);
  if (!row) throw staffError('NOT_FOUND', 'staff');
  if (row.is_active !== 1) throw new AppError('ACCOUNT_INACTIVE');
  if (!holdsConfidentialKey(row.role)) throw staffError('CONFLICT', 'roleHoldsNoConfidentialKey');
  // A temporary password is known to whoever set it: the key waits until she has chosen her own.
  if (row.must_change_password === 1) throw staffError('CONFLICT', 'recipientHasTemporaryPassword');
  const unlocked = await unlockThrottled(core, row.username, input.password);
  try {
    if (unlocked.userId !== row.id) throw new AppError('WRONG_PASSWORD');
    await core.write(ctx.session.userId, async (w) => {
      await w.trx.updateTable('staff').set({ holds_confidential: 1, updated_at: w.now.toISOString() }).where('id', '=', row.id).execute();
      const next = await core.auth.keyring.update((current, databaseKey) =>
        rewrapUserSlot(core.auth.primitives, current, { ...unlocked, databaseKey, confidentialKey }, input.password, core.auth.keySlotParams),
      );
      await w.audit({ action: 'staff.grantConfidential', entityType: 'staff', entityId: row.id, details: { source, boxKeyId: slotBoxKeyId(next, row.id) } });
    });
  } finally {
    zeroize(unlocked.databaseKey, unlocked.confidentialKey);
  }
}

/**
 * A signed-in psychologist or supervisor gives the key her session holds to a colleague who types
 * her own password on the granter's screen.
 *
 * @example await grantConfidentialInPerson(ctx, { userId, password: typedByTheColleague });
 */
export async function grantConfidentialInPerson(ctx: CoreContext, input: { userId: string; password: string }): Promise<void> {
  await grantIntoRecipientSlot(ctx, input, requireConfidentialKey(ctx.core, ctx.session), 'colleague');
}

/**
 * `staff.rotateConfidentialKey`: a holder types her password again and a new confidential key
 * replaces the one she holds (confidential-rotation.ts); her colleagues then need her in-person grant.
 *
 * @example const { holdersToRegrant } = await rotateConfidentialKey(ctx, typedPassword);
 */
export async function rotateConfidentialKey(ctx: CoreContext, actorPassword: string): Promise<ConfidentialRotationResult> {
  requireConfidentialKey(ctx.core, ctx.session);
  const unlocked = await unlockThrottled(ctx.core, ctx.session.username, actorPassword);
  try {
    if (unlocked.userId !== ctx.session.userId) throw new AppError('WRONG_PASSWORD');
    return await beginConfidentialRotation(ctx.core, ctx.session, unlocked, actorPassword, 'manual');
  } finally {
    zeroize(unlocked.databaseKey, unlocked.confidentialKey, unlocked.previousConfidentialKey);
  }
}

export async function countConfidentialHolders(db: ReadDb): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('is_active', '=', 1)
    .where('holds_confidential', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The first psychologist or supervisor has no colleague to grant the key: an administrator grants
 * it with the printed recovery code, the recipient typing her own password. Refused once anyone
 * holds the key: from then on a holder grants it, so an administrator with the recovery code
 * cannot hand it to an account of her choosing while the holders look on.
 */
export async function grantConfidentialByRecovery(ctx: CoreContext, input: { userId: string; recoveryCode: string; password: string }): Promise<void> {
  if ((await countConfidentialHolders(ctx.core.store.require().db)) > 0) throw staffError('CONFLICT', 'confidentialKeyAlreadyHeld');
  // The clinical recovery code, or the administrator's while it still opens the notes key.
  const { confidentialKey, source } = await openConfidentialKeyWithCode(ctx.core, input.recoveryCode);
  try {
    // A new confidential key replaced the one the recovery slot was made with: the code opens the database only.
    if (!confidentialKey) throw staffError('CONFLICT', 'recoveryCodeHoldsNoConfidentialKey');
    await grantIntoRecipientSlot(ctx, input, confidentialKey, source);
  } finally {
    zeroize(confidentialKey);
  }
}

/**
 * A supervisor who holds the key makes the clinical recovery code (issue 10 item 8): the
 * confidential key wrapped under a printed code kept apart from the administrator's, so the notes
 * can be opened again if every holder leaves. Her password again; a new code replaces the old one.
 * The code is returned once, for printing, and never stored or logged.
 *
 * @example const { recoveryCode } = await createClinicalRecoveryCode(ctx, typedPassword);
 */
export async function createClinicalRecoveryCode(ctx: CoreContext, actorPassword: string): Promise<{ recoveryCode: string; keyId: string }> {
  const { core, session } = ctx;
  if (session.role !== 'supervisor') throw staffError('FORBIDDEN', 'supervisorOnly');
  requireConfidentialKey(core, session);
  await confirmActorPassword(core, session, actorPassword);
  if (core.auth.reencryption || isReencryptionPending(core.auth.keyring.require())) throw staffError('CONFLICT', 'confidentialRotationUnderWay');
  const key = Buffer.from(requireConfidentialKey(core, session));
  const recoveryCode = generateRecoveryCode();
  try {
    const keyId = confidentialKeyId(key, core.auth.primitives);
    const slot = await buildClinicalRecovery(core.auth.primitives, recoveryCode, key, keyId, core.auth.keySlotParams);
    await core.write(session.userId, async (w) => {
      await w.audit({ action: 'staff.createClinicalRecoveryCode', entityType: 'keyring', entityId: null, details: { keyId } });
      await core.auth.keyring.update((current) => ({ ...current, clinicalRecovery: slot }));
    });
    return { recoveryCode, keyId };
  } finally {
    zeroize(key);
  }
}

export interface ConfidentialKeyStatus {
  /** Active accounts that hold the key now. */
  readonly holders: number;
  /** Active psychologists and supervisors (who could hold it). */
  readonly eligible: number;
  /** When the current clinical recovery code was made, or null when there is none (or a new key made it void). */
  readonly clinicalRecoveryCreatedAt: string | null;
  /** Whether the administrator's recovery code still opens the notes key (no new confidential key since setup). */
  readonly administratorCodeOpensNotes: boolean;
}

/**
 * What the access screens say about the key: who holds it, and whether a printed code could give
 * it again if nobody does. With no holder and no code, the existing notes cannot be read, and the
 * screens say so plainly.
 *
 * @example const { holders, clinicalRecoveryCreatedAt } = await confidentialKeyStatus(ctx.core);
 */
export async function confidentialKeyStatus(core: CoreServices): Promise<ConfidentialKeyStatus> {
  const db = core.store.require().db;
  const keyring = core.auth.keyring.require();
  const lastEvent = async (action: string) =>
    (await db.selectFrom('audit_log').select('at').where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst())?.at ?? null;
  return {
    holders: await countConfidentialHolders(db),
    eligible: Number(
      (await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('count')).where('is_active', '=', 1).where('role', 'in', ['psychologist', 'supervisor']).executeTakeFirstOrThrow()).count,
    ),
    clinicalRecoveryCreatedAt: keyring.clinicalRecovery ? await lastEvent('staff.createClinicalRecoveryCode') : null,
    administratorCodeOpensNotes: (await lastEvent('staff.rotateConfidentialKey')) === null,
  };
}

export interface AccountOriginEvent {
  readonly at: string;
  readonly actorId: string | null;
  readonly actorDisplayName: string | null;
}

/** Who created an account and who last gave it a new password (reset or recovery), from the audit log. */
export interface AccountOrigin {
  readonly userId: string;
  readonly created: AccountOriginEvent | null;
  readonly lastReset: AccountOriginEvent | null;
  readonly passwordChangedAt: string | null;
}

/**
 * What the grant screens show about the recipient's account, so both people can see whether
 * anyone else could know its password: who created it and who last reset it.
 *
 * @example const origin = await accountOrigin(db, userId); // { created: { actorDisplayName: 'Admin', … }, lastReset: null, … }
 */
export async function accountOrigin(db: ReadDb, userId: string): Promise<AccountOrigin> {
  const row = await findStaffById(db, userId);
  if (!row) throw staffError('NOT_FOUND', 'staff');
  const events = await db
    .selectFrom('audit_log')
    .leftJoin('staff as actor', 'actor.id', 'audit_log.actor_id')
    .select(['audit_log.action', 'audit_log.at', 'audit_log.actor_id', 'actor.display_name'])
    .where('audit_log.entity_type', '=', 'staff')
    .where('audit_log.entity_id', '=', userId)
    .where('audit_log.action', 'in', ['staff.add', 'staff.resetPassword', 'auth.recovered'])
    .orderBy('audit_log.seq')
    .execute();
  const toEvent = (event: (typeof events)[number] | undefined): AccountOriginEvent | null =>
    event ? { at: event.at, actorId: event.actor_id, actorDisplayName: event.display_name } : null;
  return {
    userId,
    created: toEvent(events.find((event) => event.action === 'staff.add')),
    lastReset: toEvent(events.filter((event) => event.action !== 'staff.add').at(-1)),
    passwordChangedAt: row.password_changed_at,
  };
}
