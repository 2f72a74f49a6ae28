import { timingSafeEqual } from 'node:crypto';
import { authError } from './auth.errors';
import { AppError } from '../api/errors';
import { runWritePath } from '../audit/run-write';
import { findCenter, parseCenterSettings } from '../center/center.repository';
import type { Session } from '../api/session';
import type { CoreServices } from '../api/context';
import type { OpenStore } from '../db/store';
import type { PendingAuthEvent } from '../session/auth-state';
import { confidentialKeyId, decryptField, describeStoredField, encryptField, type FieldLocation } from '../crypto/field-encryption';
import { stopConfidentialReencryption } from './confidential-reencryption';

/**
 * Opening the database with an unwrapped key, and the audit events of authentication, which may
 * happen before the database is open (a wrong password at the first sign-in of the day).
 */

/**
 * Opens the store with the database key a slot gave (if it is not open yet), remembers the key for
 * wrapping new slots, applies the center's settings and writes the buffered authentication events.
 *
 * @example const store = await openStoreWithKey(ctx.core, unlocked.databaseKey);
 */
export async function openStoreWithKey(core: CoreServices, databaseKey: Buffer, pendingDatabaseKey: Buffer | null = null): Promise<OpenStore> {
  const held = core.auth.databaseKey;
  if (core.store.isOpen && held) {
    // Two slots that unwrap different keys for one database would mean a damaged or forged keyring.
    if (held.length !== databaseKey.length || !timingSafeEqual(held, databaseKey)) {
      throw new AppError('WRONG_KEY');
    }
    return core.store.require();
  }
  let openedWith = databaseKey;
  let store: OpenStore;
  try {
    store = await core.store.open(databaseKey);
  } catch (error) {
    // A rotation interrupted after its rekey: the database already has the pending key.
    if (!(error instanceof AppError && error.code === 'WRONG_KEY' && pendingDatabaseKey)) throw error;
    store = await core.store.open(pendingDatabaseKey);
    openedWith = pendingDatabaseKey;
  }
  core.auth.databaseKey = Buffer.from(openedWith);
  const center = await findCenter(store.db);
  if (center) core.auth.inactivityLockMs = parseCenterSettings(center.settings).inactivityLockMinutes * 60_000;
  await flushPendingAuthEvents(core);
  return store;
}

/**
 * With no session left nothing needs the database key: it is zeroed, every confidential key with
 * it, and the database closed (SQLCipher keeps its derived page key only while it is open). The
 * next sign-in unwraps a slot and opens it again.
 *
 * @example await releaseKeysIfNobodySignedIn(core); // after a sign-out
 */
export async function releaseKeysIfNobodySignedIn(core: CoreServices): Promise<void> {
  if (!core.sessions.all().next().done || core.auth.isSetupRunning) return;
  // Reads still buffered (a session ended by a deactivation or a password change) are written first.
  await core.readAudit.flush();
  await stopConfidentialReencryption(core);
  core.auth.forgetKeys();
  await core.store.close();
}

/** The held database key, or LOCKED: only a sign-in (or the recovery code) provides it. */
export function requireDatabaseKey(core: CoreServices): Buffer {
  if (!core.auth.databaseKey || !core.store.isOpen) throw new AppError('LOCKED');
  return core.auth.databaseKey;
}

/**
 * The confidential (counseling) key of a signed-in psychologist's or supervisor's session, or
 * FORBIDDEN: for counseling notes (`encryptField`/`decryptField`) and for granting it onward.
 *
 * @example const key = requireConfidentialKey(ctx.core, ctx.session); const text = decryptField(key, note.id, row.text);
 */
export function requireConfidentialKey(core: CoreServices, session: Session): Buffer {
  const key = core.auth.confidentialKeyOf(session);
  if (!key) throw authError('FORBIDDEN', 'noConfidentialKey');
  return key;
}

/**
 * Encrypts a confidential value for a domain row with the session's confidential key (FORBIDDEN
 * without it). Domains use this and `openConfidential`, never the key itself: while a new
 * confidential key replaces an old one, these pick the right key for each value.
 *
 * @example row.note = sealConfidential(ctx.core, ctx.session, { recordId: id, field: 'note', version: 1 }, input.note);
 */
export function sealConfidential(core: CoreServices, session: Session, location: FieldLocation, plaintext: string): string {
  return encryptField(requireConfidentialKey(core, session), location, plaintext, core.auth.primitives);
}

/**
 * Decrypts a confidential value (FORBIDDEN without the key, or when the value was altered, moved
 * to another row, field or version: never garbled text).
 *
 * @example const note = openConfidential(ctx.core, ctx.session, { recordId: row.id, field: 'note', version: row.version }, row.note);
 */
export function openConfidential(core: CoreServices, session: Session, location: FieldLocation, stored: string): string {
  const current = requireConfidentialKey(core, session);
  const previous = core.auth.previousConfidentialKeyOf(session);
  const described = describeStoredField(stored);
  // A value the re-encryption job has not reached yet is under the previous key.
  const isUnderPrevious = previous !== null && described !== null && (described.format === 1 || described.keyId === confidentialKeyId(previous, core.auth.primitives));
  if (!isUnderPrevious) return decryptField(current, location, stored, core.auth.primitives);
  try {
    return decryptField(previous, location, stored, core.auth.primitives);
  } catch (error) {
    if (described.format === 1) return decryptField(current, location, stored, core.auth.primitives);
    throw error;
  }
}

async function writeAuthEvent(core: CoreServices, store: OpenStore, event: PendingAuthEvent): Promise<void> {
  await runWritePath(
    store,
    event.actorId,
    (w) => w.audit({ action: event.action, entityType: 'staff', entityId: event.entityId, details: event.details }),
    { ...core.writeOptions(), now: event.at },
  );
}

/**
 * Records a sign-in failure, throttle or similar event: at once when the database is open,
 * otherwise buffered until it opens. Never throws: a failed write of a failure record must not
 * change what the caller is told.
 */
export async function recordAuthEvent(core: CoreServices, event: Omit<PendingAuthEvent, 'at'>): Promise<void> {
  const pending: PendingAuthEvent = { ...event, at: core.now() };
  if (!core.store.isOpen) {
    // A bound on the buffer: a script hammering the locked sign-in screen must not grow memory forever.
    if (core.auth.pendingEvents.length < 1000) core.auth.pendingEvents.push(pending);
    return;
  }
  try {
    await writeAuthEvent(core, core.store.require(), pending);
  } catch {
    core.log.error('auth.auditWriteFailed', { action: event.action });
  }
}

async function flushPendingAuthEvents(core: CoreServices): Promise<void> {
  const store = core.store.require();
  const events = core.auth.pendingEvents.splice(0);
  for (const event of events) {
    try {
      await writeAuthEvent(core, store, event);
    } catch {
      core.log.error('auth.auditWriteFailed', { action: event.action });
    }
  }
}
