import type { CoreServices } from '../api/context';
import type { CryptoPrimitives } from '../crypto/primitives';
import { acknowledgeBatch } from './acknowledge';
import { fetchMissingStatement } from './center-key';
import { backoffDelayMs } from './backoff';
import { findEnrollment, registrySigningKeys, type Enrollment } from './enrollment';
import type { Cursor } from './protocol/hello';
import { trustedKeys } from './protocol/keys';
import { verifyReceipt } from './protocol/receipt';
import { fetchCursor, fetchHello, putBatch, type ContactFailure, type RegistryClientOptions } from './registry-client';
import { sealPendingBatches } from './seal';

/**
 * Uploading (issue 12, item 3): seal what is pending, then send the sealed batches oldest first,
 * a few at a time. A batch is acknowledged only by a receipt the registry signed that names it;
 * anything else is a failed contact, retried after a backoff with full jitter (or the registry's
 * Retry-After). A batch the registry refuses for good (422) is not sent again and the manager is
 * alerted; a sequence conflict (the center was restored from an old backup) is recovered by
 * following the registry's cursor and sealing the unacknowledged records again.
 */

export interface UploadDeps {
  readonly core: CoreServices;
  /** Who asked (the manager's "upload now"), or null for the schedule. */
  readonly actorId?: string | null;
  readonly crypto: CryptoPrimitives;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  /** Batches sent at once. Default 2. */
  readonly inFlight?: number;
  readonly timeoutMs?: number;
  readonly backoff?: { readonly baseMs?: number; readonly capMs?: number };
  readonly maxBatchPlainBytes?: number;
  /** Test hooks at the two points a crash matters: after sealing, and after a send before its receipt is recorded. */
  readonly faults?: { readonly afterSeal?: () => void | Promise<void>; readonly afterSend?: (batchId: string) => void | Promise<void> };
}

export interface UploadResult {
  readonly state: 'notEnrolled' | 'deferred' | 'done' | 'failed';
  readonly sealed: number;
  readonly acknowledged: number;
  readonly held: number;
  readonly refused: number;
  readonly reason?: string;
  readonly nextAttemptAt?: string | null;
}

function clientOptions(deps: UploadDeps, enrollment: Enrollment): RegistryClientOptions {
  return { baseUrl: enrollment.registryUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) };
}

async function recordFailure(deps: UploadDeps, failure: ContactFailure, batch: { batchId: string; seq: number } | null): Promise<string> {
  const { core } = deps;
  return core.write(deps.actorId ?? null, async (w) => {
    const row = await w.trx.selectFrom('sync_registry').select('failures').where('id', '=', 1).executeTakeFirstOrThrow();
    const failures = row.failures + 1;
    const delay = backoffDelayMs(failures, deps.random ?? Math.random, 'retryAfterMs' in failure ? failure.retryAfterMs : undefined, deps.backoff);
    const next = new Date(w.now.getTime() + delay).toISOString();
    await w.trx.updateTable('sync_registry').set({ failures, next_attempt_at: next, last_error: failure.reason }).where('id', '=', 1).execute();
    if (batch) {
      await w.trx
        .updateTable('sync_batches')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: w.now.toISOString(), last_error: failure.reason }))
        .where('batch_id', '=', batch.batchId)
        .execute();
    }
    await w.audit({ action: 'sync.uploadFailed', entityType: 'syncBatch', entityId: batch?.batchId ?? null, details: { reason: failure.reason, failures, seq: batch?.seq ?? null } });
    return next;
  });
}

/** After a hello: trust the registry keys that chain to the pinned root, note the clock offset. */
async function recordContact(deps: UploadDeps, enrollment: Enrollment, helloKeys: Parameters<typeof trustedKeys>[1], serverTime: string, sentAtMs: number): Promise<Enrollment | string> {
  const trusted = trustedKeys(deps.crypto, helloKeys, new Map([[enrollment.rootKid, enrollment.rootPublicKey]]));
  if (!trusted.has(enrollment.rootKid) || ![...trusted.values()].some((key) => key.use === 'enc')) return 'unknownRegistryKey';
  const { core } = deps;
  const receivedAtMs = core.now().getTime();
  const offset = Math.round(Date.parse(serverTime) - (sentAtMs + receivedAtMs) / 2);
  const keys = [...trusted.values()].map(({ raw: _raw, ...key }) => key);
  await core.write(deps.actorId ?? null, async (w) => {
    await w.trx.updateTable('sync_registry').set({ trusted_keys_json: JSON.stringify(keys), clock_offset_ms: offset, last_contact_at: w.now.toISOString() }).where('id', '=', 1).execute();
    await w.audit({ action: 'sync.contact', entityType: 'syncRegistry', entityId: enrollment.centerId, details: { keys: keys.length, clockOffsetMs: offset } });
  });
  return (await findEnrollment(core.store.require().db)) ?? enrollment;
}

/** Follows the registry's cursor after a sequence conflict: unacknowledged batches are superseded and their records sealed again. */
async function recoverFromConflict(deps: UploadDeps, enrollment: Enrollment, cursor: Cursor): Promise<void> {
  await deps.core.write(deps.actorId ?? null, async (w) => {
    const unacknowledged = await w.trx.selectFrom('sync_batches').select(['batch_id', 'seq']).where('state', 'in', ['sealed', 'held']).execute();
    const ids = unacknowledged.map((row) => row.batch_id);
    if (ids.length > 0) {
      await w.trx.updateTable('sync_batches').set({ state: 'superseded' }).where('batch_id', 'in', ids).execute();
      await w.trx.updateTable('outbox').set({ batch_id: null, record_version: null }).where('batch_id', 'in', ids).execute();
    }
    const highest = Math.max(cursor.seq, ...cursor.held);
    await w.trx
      .updateTable('sync_registry')
      .set({ epoch: enrollment.epoch + 1, base_seq: highest, base_hash: highest === cursor.seq && cursor.hash !== '' ? cursor.hash : '0'.repeat(64) })
      .where('id', '=', 1)
      .execute();
    await w.audit({ action: 'sync.recovered', entityType: 'syncRegistry', entityId: enrollment.centerId, details: { superseded: ids.length, registrySeq: cursor.seq, epoch: enrollment.epoch + 1 } });
  });
}

async function seal(deps: UploadDeps): Promise<number> {
  const { core } = deps;
  const pending = await core.store.require().db.selectFrom('outbox').select('seq').where('batch_id', 'is', null).limit(1).executeTakeFirst();
  if (pending === undefined) return 0;
  const sealed = await core.write(deps.actorId ?? null, async (w) => {
    const batches = await sealPendingBatches(w.trx, { crypto: deps.crypto, allowList: core.outboxAllowList, now: w.now, ...(deps.maxBatchPlainBytes ? { maxBatchPlainBytes: deps.maxBatchPlainBytes } : {}) });
    const records = batches.reduce((sum, batch) => sum + batch.recordCount, 0);
    await w.audit({ action: 'sync.seal', entityType: 'syncBatch', entityId: batches[0]?.batchId ?? null, details: { batches: batches.length, records, firstSeq: batches[0]?.seq ?? null, lastSeq: batches.at(-1)?.seq ?? null } });
    return batches.length;
  });
  await deps.faults?.afterSeal?.();
  return sealed;
}

/**
 * One upload round: hello, seal, send. Returns what happened; never throws for a network problem.
 *
 * @example const result = await runUpload({ core, crypto }, { force: true });
 */
export async function runUpload(deps: UploadDeps, options: { readonly force?: boolean } = {}): Promise<UploadResult> {
  const { core } = deps;
  let enrollment = await findEnrollment(core.store.require().db);
  const counts = { sealed: 0, acknowledged: 0, held: 0, refused: 0 };
  if (enrollment === null) return { state: 'notEnrolled', ...counts };
  const next = enrollment.row.next_attempt_at;
  if (!options.force && next !== null && Date.parse(next) > core.now().getTime()) return { state: 'deferred', ...counts, nextAttemptAt: next };

  counts.sealed = await seal(deps);
  const client = clientOptions(deps, enrollment);
  const sentAt = core.now().getTime();
  const hello = await fetchHello(client);
  if ('kind' in hello) return { state: 'failed', ...counts, reason: hello.reason, nextAttemptAt: await recordFailure(deps, hello, null) };
  const contact = await recordContact(deps, enrollment, hello.hello.keys, hello.hello.serverTime, sentAt);
  if (typeof contact === 'string') return { state: 'failed', ...counts, reason: contact, nextAttemptAt: await recordFailure(deps, { kind: 'retry', reason: contact }, null) };
  enrollment = contact;
  await fetchMissingStatement(deps, enrollment);
  const signingKeys = registrySigningKeys(enrollment);
  const inFlight = Math.max(1, deps.inFlight ?? 2);
  let recoveries = 0;
  let afterSeq = 0;

  for (;;) {
    const batches = await core.store.require().db.selectFrom('sync_batches').select(['batch_id', 'seq', 'digest', 'envelope']).where('state', 'in', ['sealed', 'held']).where('seq', '>', afterSeq).orderBy('seq').limit(inFlight).execute();
    if (batches.length === 0) break;
    const centerId = enrollment.centerId;
    const outcomes = await Promise.all(batches.map((batch) => putBatch(client, centerId, batch.batch_id, Buffer.from(batch.envelope))));
    for (const [index, outcome] of outcomes.entries()) {
      const batch = batches[index];
      if (batch === undefined) continue;
      await deps.faults?.afterSend?.(batch.batch_id);
      const ref = { batchId: batch.batch_id, seq: batch.seq };
      if (outcome.kind === 'receipt') {
        let receipt;
        try {
          receipt = verifyReceipt(deps.crypto, outcome.body, { batchId: batch.batch_id, centerId, digest: batch.digest }, signingKeys);
        } catch {
          return { state: 'failed', ...counts, reason: 'badReceipt', nextAttemptAt: await recordFailure(deps, { kind: 'retry', reason: 'badReceipt' }, ref) };
        }
        const isNew = await core.write(deps.actorId ?? null, (w) => acknowledgeBatch(w, ref, receipt, 'network'));
        if (isNew) counts.acknowledged += 1;
      } else if (outcome.kind === 'held') {
        counts.held += 1;
        await core.write(deps.actorId ?? null, async (w) => {
          await w.trx.updateTable('sync_batches').set({ state: 'held', last_attempt_at: w.now.toISOString(), last_error: 'held' }).where('batch_id', '=', batch.batch_id).execute();
          await w.audit({ action: 'sync.batchHeld', entityType: 'syncBatch', entityId: batch.batch_id, details: { seq: batch.seq, registrySeq: outcome.cursor?.seq ?? null } });
        });
      } else if (outcome.kind === 'conflict' && outcome.reason === 'seqConflict' && recoveries === 0) {
        recoveries += 1;
        const cursor = outcome.cursor ?? (await fetchCursor(client, centerId));
        if ('kind' in cursor) return { state: 'failed', ...counts, reason: cursor.reason, nextAttemptAt: await recordFailure(deps, cursor, ref) };
        await recoverFromConflict(deps, enrollment, 'cursor' in cursor ? cursor.cursor : cursor);
        enrollment = (await findEnrollment(core.store.require().db)) ?? enrollment;
        counts.sealed += await seal(deps);
        afterSeq = 0;
        break;
      } else if (outcome.kind === 'conflict' || outcome.kind === 'refused') {
        counts.refused += 1;
        await core.write(deps.actorId ?? null, async (w) => {
          await w.trx.updateTable('sync_batches').set({ state: 'refused', last_attempt_at: w.now.toISOString(), last_error: outcome.reason }).where('batch_id', '=', batch.batch_id).execute();
          await w.trx.updateTable('sync_registry').set({ alert: `batchRefused:${batch.seq}:${outcome.reason}` }).where('id', '=', 1).execute();
          await w.audit({ action: 'sync.batchRefused', entityType: 'syncBatch', entityId: batch.batch_id, details: { seq: batch.seq, reason: outcome.reason } });
        });
      } else {
        return { state: 'failed', ...counts, reason: outcome.reason, nextAttemptAt: await recordFailure(deps, outcome, ref) };
      }
      afterSeq = batch.seq;
    }
  }
  await core.write(deps.actorId ?? null, async (w) => {
    await w.trx.updateTable('sync_registry').set({ failures: 0, next_attempt_at: null, last_error: null, last_contact_at: w.now.toISOString() }).where('id', '=', 1).execute();
    await w.audit({ action: 'sync.uploaded', entityType: 'syncRegistry', entityId: enrollment.centerId, details: { ...counts } });
  });
  return { state: 'done', ...counts, nextAttemptAt: null };
}
