import type { CryptoPrimitives } from '../crypto/primitives';
import type { WriteTx } from '../db/handles';
import { newId } from '../db/ids';
import { ensureCenterSigningKey } from '../center/center-keys';
import type { OutboxAllowList } from './outbox.spec';
import type { OutboxRow } from './outbox.table';
import { registryEncryptionKey, requireEnrollment } from './enrollment';
import { GENESIS_PREV_HASH, sealEnvelope, type BatchRecord } from './protocol/envelope';
import { pseudonymOf } from './protocol/keys';

/**
 * Sealing (issue 12, item 1): pending outbox records become immutable batches. Each batch gets
 * the next sequence number (no gaps), a UUIDv7 id, the previous envelope's digest, the audit chain
 * head as it stands, and its records with their versions; it is stored before anything is sent.
 * Pseudonyms are filled here, from the PINFL under the registry's pseudonym key, for clients who
 * did not consent to registry sharing (their outbox records carry no identity fields at all).
 */

/** A batch's records, as JSON, stay under this (so the envelope stays under about 1 MB). */
export const DEFAULT_MAX_BATCH_PLAIN_BYTES = 900 * 1024;
/** Outbox rows read per query while sealing. */
const READ_CHUNK = 2000;
/** Record versions after the n-th recovery start above n × this. */
export const EPOCH_VERSION_STRIDE = 1_000_000;

export interface SealOptions {
  readonly crypto: CryptoPrimitives;
  readonly allowList: OutboxAllowList;
  readonly now: Date;
  readonly maxBatchPlainBytes?: number;
  /** Stop after this many batches (the rest stay pending for the next call). */
  readonly maxBatches?: number;
}

export interface SealedBatchSummary {
  readonly batchId: string;
  readonly seq: number;
  readonly recordCount: number;
  readonly sizeBytes: number;
}

/** The last sealed batch's seq and digest, or the genesis values. */
async function chainTail(trx: WriteTx, base: { readonly seq: number; readonly hash: string }): Promise<{ seq: number; digest: string }> {
  const last = await trx.selectFrom('sync_batches').select(['seq', 'digest']).where('state', '!=', 'superseded').where('seq', '>', base.seq).orderBy('seq', 'desc').executeTakeFirst();
  return last === undefined ? { seq: base.seq, digest: base.hash } : { seq: last.seq, digest: last.digest };
}

async function auditHead(trx: WriteTx): Promise<{ seq: number; hash: string }> {
  const head = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirst();
  return head === undefined ? { seq: 0, hash: GENESIS_PREV_HASH } : { seq: head.seq, hash: head.hash };
}

/**
 * The highest version each entity has travelled with, for the entities of these rows. Asked by
 * type and id, so the (type, entity_id, record_version) index answers it, not a scan of the outbox.
 */
async function lastVersions(trx: WriteTx, rows: readonly OutboxRow[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const idsByType = new Map<string, Set<string>>();
  for (const row of rows) {
    const ids = idsByType.get(row.type) ?? new Set<string>();
    ids.add(row.entity_id);
    idsByType.set(row.type, ids);
  }
  for (const [type, idSet] of idsByType) {
    const ids = [...idSet];
    for (let start = 0; start < ids.length; start += 500) {
      const found = await trx
        .selectFrom('outbox')
        .select(['entity_id', (eb) => eb.fn.max('record_version').as('version')])
        .where('type', '=', type)
        .where('entity_id', 'in', ids.slice(start, start + 500))
        .where('record_version', 'is not', null)
        .groupBy('entity_id')
        .execute();
      for (const row of found) if (row.version !== null) result.set(`${type}\u0000${row.entity_id}`, Number(row.version));
    }
  }
  return result;
}

/** PINFLs of the clients whose records need a pseudonym. */
async function pinflsOf(trx: WriteTx, rows: readonly OutboxRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.filter((row) => row.type === 'client' && needsPseudonym(row)).map((row) => row.entity_id))];
  const result = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const found = await trx.selectFrom('clients').select(['id', 'pinfl']).where('id', 'in', ids.slice(start, start + 500)).execute();
    for (const row of found) if (row.pinfl !== null) result.set(row.id, row.pinfl);
  }
  return result;
}

function needsPseudonym(row: OutboxRow): boolean {
  return row.data_json.includes('"needsPseudonym":true');
}

/**
 * Seals every pending outbox record into batches, inside the caller's write. Returns what it sealed
 * (nothing when nothing is pending).
 *
 * @example const sealed = await sealPendingBatches(w.trx, { crypto, allowList, now: w.now });
 */
export async function sealPendingBatches(trx: WriteTx, options: SealOptions): Promise<SealedBatchSummary[]> {
  const enrollment = await requireEnrollment(trx);
  const registryKey = registryEncryptionKey(enrollment);
  const signer = await ensureCenterSigningKey(trx, options.now);
  const maxBytes = options.maxBatchPlainBytes ?? DEFAULT_MAX_BATCH_PLAIN_BYTES;
  const chainHead = await auditHead(trx);
  let tail = await chainTail(trx, { seq: enrollment.row.base_seq, hash: enrollment.row.base_hash });
  const sealed: SealedBatchSummary[] = [];
  const versionFloor = enrollment.epoch * EPOCH_VERSION_STRIDE;

  let records: BatchRecord[] = [];
  let rowsOfBatch: { seq: number; version: number; key: string }[] = [];
  let types: Record<string, string> = {};
  let size = 2;

  const flush = async (): Promise<void> => {
    if (records.length === 0) return;
    const batchId = newId(options.now.getTime());
    const seq = tail.seq + 1;
    const envelope = sealEnvelope(options.crypto, {
      batchId,
      centerId: enrollment.centerId,
      seq,
      prevHash: tail.digest,
      createdAt: options.now.toISOString(),
      types,
      chainHead,
      records,
      registryKey,
      signer: { kid: signer.keyId, seed: signer.seed },
    });
    await trx
      .insertInto('sync_batches')
      .values({
        batch_id: batchId,
        seq,
        prev_hash: tail.digest,
        digest: envelope.digest,
        envelope: envelope.bytes,
        record_count: records.length,
        size_bytes: envelope.bytes.length,
        sealed_at: options.now.toISOString(),
        state: 'sealed',
      })
      .execute();
    for (const row of rowsOfBatch) {
      await trx.updateTable('outbox').set({ batch_id: batchId, record_version: row.version }).where('seq', '=', row.seq).execute();
    }
    sealed.push({ batchId, seq, recordCount: records.length, sizeBytes: envelope.bytes.length });
    tail = { seq, digest: envelope.digest };
    records = [];
    rowsOfBatch = [];
    types = {};
    size = 2;
  };

  let afterSeq = 0;
  for (;;) {
    if (options.maxBatches !== undefined && sealed.length >= options.maxBatches) break;
    const rows = await trx.selectFrom('outbox').selectAll().where('batch_id', 'is', null).where('seq', '>', afterSeq).orderBy('seq').limit(READ_CHUNK).execute();
    if (rows.length === 0) break;
    // The versions to continue from: what flushed batches wrote is in the outbox (this transaction
    // sees it); what the filling batch gave is not yet, so it is carried over. Nothing else is
    // kept between chunks, so memory stays flat however many records are pending.
    const versions = new Map<string, number>(rowsOfBatch.map((row) => [row.key, row.version]));
    for (const [key, version] of await lastVersions(trx, rows)) versions.set(key, Math.max(version, versions.get(key) ?? 0));
    const pinfls = await pinflsOf(trx, rows);
    for (const row of rows) {
      afterSeq = row.seq;
      const spec = options.allowList.get(row.type);
      const key = `${row.type}\u0000${row.entity_id}`;
      const version = Math.max(versions.get(key) ?? 0, versionFloor) + 1;
      versions.set(key, version);
      const data = JSON.parse(row.data_json) as BatchRecord['data'];
      if (row.type === 'client' && data.needsPseudonym === true) {
        const pinfl = pinfls.get(row.entity_id);
        data.pseudonym = pinfl === undefined ? null : pseudonymOf(options.crypto, enrollment.pseudonymKey, pinfl);
      }
      const record: BatchRecord = { id: row.entity_id, type: row.type, version, op: row.op, occurredAt: row.occurred_at, data };
      const recordSize = JSON.stringify(record).length + 1;
      if (records.length > 0 && size + recordSize > maxBytes) {
        await flush();
        if (options.maxBatches !== undefined && sealed.length >= options.maxBatches) return sealed;
      }
      records.push(record);
      rowsOfBatch.push({ seq: row.seq, version, key });
      types[row.type] = `${spec?.version ?? row.version}.0`;
      size += recordSize;
    }
  }
  await flush();
  return sealed;
}
