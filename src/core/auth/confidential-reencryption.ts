import { sql } from 'kysely';
import type { CoreServices } from '../api/context';
import type { Session } from '../api/session';
import type { ConfidentialColumnSpec } from '../crypto/confidential-columns';
import { confidentialKeyId, decryptField, describeStoredField, encryptField, type FieldLocation } from '../crypto/field-encryption';
import { zeroize } from '../crypto/key-slots';
import type { Keyring } from '../crypto/keyring';

/**
 * The re-encryption job of a confidential-key rotation (issue 8 item 2): every confidential value
 * still under the previous key (or in the version-1 format) is decrypted and encrypted again under
 * the current key, in batches of rows, each batch one audited write. It is resumable and
 * crash-safe because each value names its key (`cf2.<keyId>.…`): after a kill, a value is under
 * the old key or the new one, the holder who rotated holds both, and the next run (her next
 * sign-in) simply finds what is left. When nothing is left the previous key is dropped from the
 * keyring and from memory.
 *
 * The job runs inside a holder's session and only while it is signed in and unlocked: it copies
 * the two keys for one batch at a time and zeroes the copies after it, so a lock or a sign-out
 * between batches stops it and leaves no key behind.
 */

export const REENCRYPTION_BATCH_ROWS = 200;

export interface ReencryptionKeys {
  readonly current: Buffer;
  readonly previous: Buffer;
}

export interface BatchResult {
  /** Rows looked at (those with at least one value to move). */
  readonly rows: number;
  /** Values now under the current key. */
  readonly rewritten: number;
  /** Values neither key opens (altered in the database): left as they are and counted. */
  readonly unreadable: number;
  /** The id to continue after, or null when the table has nothing left past the cursor. */
  readonly cursor: string | null;
}

export interface ReencryptionResult {
  readonly rewritten: number;
  readonly unreadable: number;
  /** True when no value under the previous key is left and the previous key was dropped. */
  readonly finished: boolean;
}

const needsMoveCondition = (field: string, currentKeyId: string) =>
  sql`(${sql.ref(field)} LIKE 'cf1.%' OR (${sql.ref(field)} LIKE 'cf2.%' AND ${sql.ref(field)} NOT LIKE ${`cf2.${currentKeyId}.%`}))`;

function keyFor(stored: string, keys: ReencryptionKeys, ids: { current: string; previous: string }): Buffer[] {
  const described = describeStoredField(stored);
  if (!described) return [];
  if (described.format === 1) return [keys.previous, keys.current];
  if (described.keyId === ids.previous) return [keys.previous];
  return [];
}

function moveValue(keys: ReencryptionKeys, ids: { current: string; previous: string }, location: FieldLocation, stored: string, core: CoreServices): string | null {
  for (const key of keyFor(stored, keys, ids)) {
    try {
      const plaintext = decryptField(key, location, stored, core.auth.primitives);
      return encryptField(keys.current, location, plaintext, core.auth.primitives);
    } catch {
      // The other candidate key (a version-1 value names none), or an altered value.
    }
  }
  return null;
}

/**
 * Moves up to `batchSize` rows of one table past `cursor` to the current key, in one audited write
 * (`confidential.reencrypted`; the write path digests the rows it changed).
 *
 * @example const { cursor } = await reencryptBatch(core, keys, spec, null);
 */
export async function reencryptBatch(
  core: CoreServices,
  keys: ReencryptionKeys,
  spec: ConfidentialColumnSpec,
  cursor: string | null,
  batchSize: number = REENCRYPTION_BATCH_ROWS,
): Promise<BatchResult> {
  const ids = { current: confidentialKeyId(keys.current, core.auth.primitives), previous: confidentialKeyId(keys.previous, core.auth.primitives) };
  const columns = [spec.idColumn, ...(spec.versionColumn ? [spec.versionColumn] : []), ...spec.fields];
  return core.write(null, async (w) => {
    const condition = sql.join(spec.fields.map((field) => needsMoveCondition(field, ids.current)), sql` OR `);
    const after = cursor === null ? sql`1 = 1` : sql`${sql.ref(spec.idColumn)} > ${cursor}`;
    const found = await sql<Record<string, unknown>>`
      SELECT ${sql.join(columns.map((column) => sql.ref(column)))} FROM ${sql.table(spec.table)}
      WHERE ${after} AND (${condition}) ORDER BY ${sql.ref(spec.idColumn)} LIMIT ${batchSize}`.execute(w.trx);
    let rewritten = 0;
    let unreadable = 0;
    for (const row of found.rows) {
      const recordId = String(row[spec.idColumn]);
      const version = spec.versionColumn ? Number(row[spec.versionColumn]) : 1;
      const changes: Record<string, string> = {};
      for (const field of spec.fields) {
        const stored = row[field];
        if (typeof stored !== 'string' || !needsMove(stored, ids.current)) continue;
        const moved = moveValue(keys, ids, { recordId, field, version }, stored, core);
        if (moved === null) unreadable += 1;
        else changes[field] = moved;
      }
      const assignments = Object.entries(changes).map(([field, value]) => sql`${sql.ref(field)} = ${value}`);
      if (assignments.length === 0) continue;
      await sql`UPDATE ${sql.table(spec.table)} SET ${sql.join(assignments)} WHERE ${sql.ref(spec.idColumn)} = ${recordId}`.execute(w.trx);
      rewritten += assignments.length;
    }
    const last = found.rows.at(-1);
    await w.audit({
      action: 'confidential.reencrypted',
      entityType: 'keyring',
      entityId: null,
      details: { table: spec.table, rows: found.rows.length, rewritten, unreadable, keyId: ids.current },
    });
    return { rows: found.rows.length, rewritten, unreadable, cursor: found.rows.length < batchSize || !last ? null : String(last[spec.idColumn]) };
  });
}

function needsMove(stored: string, currentKeyId: string): boolean {
  const described = describeStoredField(stored);
  return described !== null && (described.format === 1 || described.keyId !== currentKeyId);
}

/** Whether any slot still carries a previous confidential key: a rotation whose job has not finished. */
export function isReencryptionPending(keyring: Keyring): boolean {
  return keyring.slots.some((slot) => slot.previousConfidentialKey !== undefined);
}

/** The session's two keys, copied for one batch; null when it cannot run now (signed out, locked, no previous key). */
function copyKeys(core: CoreServices, session: Session): ReencryptionKeys | null {
  if (session.isLocked || ![...core.sessions.all()].some(([, open]) => open === session)) return null;
  const current = core.auth.confidentialKeyOf(session);
  const previous = core.auth.previousConfidentialKeyOf(session);
  if (!current || !previous) return null;
  return { current: Buffer.from(current), previous: Buffer.from(previous) };
}

/** Drops the previous key from every slot and from every session once nothing is under it. */
async function finish(core: CoreServices, session: Session, totals: { rewritten: number; unreadable: number }): Promise<void> {
  const current = core.auth.confidentialKeyOf(session);
  const keyId = current ? confidentialKeyId(current, core.auth.primitives) : null;
  await core.write(session.userId, async (w) => {
    await w.audit({ action: 'confidential.rotationFinished', entityType: 'keyring', entityId: null, details: { keyId, ...totals } });
    await core.auth.keyring.update((keyring) => ({
      ...keyring,
      slots: keyring.slots.map(({ previousConfidentialKey: _previous, ...slot }) => slot),
    }));
  });
  for (const [, open] of core.sessions.all()) {
    const key = core.auth.confidentialKeyOf(open);
    if (key) core.auth.setConfidentialKey(open, key, null);
  }
  core.log.info('confidential.rotationFinished', totals);
}

/**
 * Runs the job to the end (or until the session is locked or signed out, or `shouldStop` says so):
 * every table the manifests declare, batch after batch.
 *
 * @example const { finished } = await runConfidentialReencryption(core, session);
 */
export async function runConfidentialReencryption(
  core: CoreServices,
  session: Session,
  options: { readonly specs?: readonly ConfidentialColumnSpec[]; readonly batchSize?: number; readonly shouldStop?: () => boolean } = {},
): Promise<ReencryptionResult> {
  const specs = options.specs ?? core.confidentialColumns;
  const totals = { rewritten: 0, unreadable: 0 };
  for (const spec of specs) {
    let cursor: string | null = null;
    do {
      if (options.shouldStop?.()) return { ...totals, finished: false };
      const keys = copyKeys(core, session);
      if (!keys) return { ...totals, finished: false };
      try {
        const batch: BatchResult = await reencryptBatch(core, keys, spec, cursor, options.batchSize);
        totals.rewritten += batch.rewritten;
        totals.unreadable += batch.unreadable;
        cursor = batch.cursor;
      } finally {
        zeroize(keys.current, keys.previous);
      }
    } while (cursor !== null);
  }
  if (!copyKeys(core, session)) return { ...totals, finished: false };
  await finish(core, session, totals);
  return { ...totals, finished: true };
}

/**
 * Starts the job in the background for a session holding a previous key (after a rotation, or at
 * the rotating holder's next sign-in after a crash); one job at a time. Failures are logged
 * (without content) and the job is tried again at the next sign-in.
 *
 * @example startConfidentialReencryption(core, session);
 */
export function startConfidentialReencryption(core: CoreServices, session: Session): void {
  if (core.auth.reencryption || !core.auth.previousConfidentialKeyOf(session)) return;
  let stopping = false;
  const done = runConfidentialReencryption(core, session, { shouldStop: () => stopping })
    .then((result) => {
      if (!result.finished) core.log.info('confidential.rotationPaused', { rewritten: result.rewritten });
    })
    .catch((error: unknown) => {
      core.log.error('confidential.rotationFailed', { error: error instanceof Error ? error.name : 'unknown' });
    })
    .finally(() => {
      if (core.auth.reencryption?.done === done) core.auth.reencryption = null;
    });
  core.auth.reencryption = {
    done,
    stop: () => {
      stopping = true;
    },
  };
}

/** Stops a running job after its current batch and waits for it (before the database closes). */
export async function stopConfidentialReencryption(core: CoreServices): Promise<void> {
  const job = core.auth.reencryption;
  if (!job) return;
  job.stop();
  await job.done;
}
