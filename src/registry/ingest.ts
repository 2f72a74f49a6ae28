import { sql, type Kysely, type Transaction } from 'kysely';
import type { CryptoPrimitives } from '../core/crypto/primitives';
import { canonicalBytes } from '../core/sync/protocol/canonical-json';
import { batchRecordSchema, decryptEnvelope, GENESIS_PREV_HASH, parseEnvelope, verifyEnvelopeSignature, type BatchContent, type BatchRecord, type Envelope } from '../core/sync/protocol/envelope';
import type { Cursor } from '../core/sync/protocol/hello';
import { pseudonymOf } from '../core/sync/protocol/keys';
import { ProtocolError, type ProtocolErrorCode } from '../core/sync/protocol/protocol-error';
import { RECEIPT_KIND, signReceipt, type Receipt, type RecordRejection } from '../core/sync/protocol/receipt';
import { recordRefusal } from './record-schemas';
import { currentSigner, encryptionPrivateKey, pseudonymKey } from './registry-keys';
import type { RegistryDatabase } from './registry.tables';

/**
 * Ingest (issue 12, item 6): one batch, by network or from a transfer file, through the same code.
 * The signature and the decryption are checked before anything is stored; then, under a lock per
 * center (so two registry instances on one PostgreSQL never interleave a center's batches), the
 * batch is stored and every batch that is now contiguous is processed: its records stored once
 * per (type, id, version), its refusals listed, its receipt signed and kept. A batch above a gap
 * is held until the gap fills, or until `holdMs` has passed, when the gap is skipped and reported.
 */

type Trx = Transaction<RegistryDatabase>;

export interface IngestOptions {
  readonly crypto: CryptoPrimitives;
  readonly now: Date;
  readonly via: 'network' | 'file';
  /** How long a batch above a gap waits before the gap is skipped. */
  readonly holdMs: number;
  /** From the URL: must match the envelope. */
  readonly expected?: { readonly centerId: string; readonly batchId: string };
}

export type IngestOutcome =
  | { readonly status: 201 | 200; readonly receipt: Receipt }
  | { readonly status: 202; readonly error: 'held'; readonly cursor: Cursor }
  | { readonly status: 409; readonly error: 'batchIdConflict' | 'seqConflict'; readonly cursor: Cursor }
  | { readonly status: 422; readonly error: ProtocolErrorCode | 'unknownCenter'; readonly message: string };

function refused(error: ProtocolErrorCode | 'unknownCenter', message: string): IngestOutcome {
  return { status: 422, error, message };
}

/** The cursor of a center: how far it is processed, what is held above, what is missing below the held. */
export async function cursorOf(db: Kysely<RegistryDatabase> | Trx, centerId: string): Promise<Cursor | null> {
  const center = await db.selectFrom('centers').select(['cursor_seq', 'cursor_hash']).where('id', '=', centerId).executeTakeFirst();
  if (center === undefined) return null;
  const held = (await db.selectFrom('batches').select('seq').where('center_id', '=', centerId).where('state', '=', 'held').orderBy('seq').execute()).map((row) => row.seq);
  const missing: number[] = [];
  const highest = held.at(-1) ?? center.cursor_seq;
  for (let seq = center.cursor_seq + 1; seq < highest && missing.length < 1000; seq += 1) if (!held.includes(seq)) missing.push(seq);
  return { centerId, seq: center.cursor_seq, hash: center.cursor_hash, held, missing };
}

async function alert(trx: Trx, centerId: string, kind: string, details: Record<string, unknown>, now: Date): Promise<void> {
  await trx.insertInto('alerts').values({ center_id: centerId, kind, details: JSON.stringify(details), at: now.toISOString() }).execute();
}

/**
 * Checks and stores one envelope.
 *
 * @example const outcome = await ingestBatch(db, bytes, { crypto, now: new Date(), via: 'network', holdMs: 86_400_000 });
 */
export async function ingestBatch(db: Kysely<RegistryDatabase>, bytes: Buffer, options: IngestOptions): Promise<IngestOutcome> {
  const { crypto } = options;
  let envelope: Envelope;
  try {
    envelope = parseEnvelope(bytes);
  } catch (error) {
    if (error instanceof ProtocolError) return refused(error.code, error.message);
    throw error;
  }
  if (options.expected && (options.expected.centerId !== envelope.centerId || options.expected.batchId !== envelope.batchId)) {
    return refused('mismatch', 'the envelope names another center or batch than the address');
  }
  const center = await db.selectFrom('centers').select('id').where('id', '=', envelope.centerId).executeTakeFirst();
  if (center === undefined) return refused('unknownCenter', 'no center with this id is enrolled');
  const centerKey = await db.selectFrom('center_keys').select('public_key').where('center_id', '=', envelope.centerId).where('kid', '=', envelope.signer.kid).executeTakeFirst();
  if (centerKey === undefined) return refused('unknownKey', 'the batch is signed by a key this center never registered');
  const privateKey = await encryptionPrivateKey(db, envelope.enc.kid);
  if (privateKey === undefined) return refused('unknownKey', 'the batch is encrypted to a key this registry does not have');
  let records: BatchContent;
  try {
    verifyEnvelopeSignature(crypto, envelope, Buffer.from(centerKey.public_key, 'base64'));
    records = decryptEnvelope(crypto, envelope, privateKey);
  } catch (error) {
    if (error instanceof ProtocolError) return refused(error.code, error.message);
    throw error;
  }
  const digest = crypto.sha256(bytes).toString('hex');

  return db.transaction().execute(async (trx): Promise<IngestOutcome> => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${envelope.centerId}))`.execute(trx);
    await trx.updateTable('centers').set({ last_contact_at: options.now.toISOString() }).where('id', '=', envelope.centerId).execute();
    const sameId = await trx.selectFrom('batches').select(['digest', 'state', 'receipt']).where('center_id', '=', envelope.centerId).where('batch_id', '=', envelope.batchId).executeTakeFirst();
    if (sameId !== undefined && sameId.digest !== digest) {
      await alert(trx, envelope.centerId, 'batchIdConflict', { batchId: envelope.batchId, seq: envelope.seq }, options.now);
      return { status: 409, error: 'batchIdConflict', cursor: (await cursorOf(trx, envelope.centerId)) as Cursor };
    }
    if (sameId !== undefined && sameId.state === 'processed' && sameId.receipt !== null) return { status: 200, receipt: sameId.receipt as Receipt };
    if (sameId === undefined) {
      const sameSeq = await trx.selectFrom('batches').select('batch_id').where('center_id', '=', envelope.centerId).where('seq', '=', envelope.seq).executeTakeFirst();
      const state = await trx.selectFrom('centers').select(['cursor_seq', 'cursor_hash']).where('id', '=', envelope.centerId).executeTakeFirstOrThrow();
      const breaksChain = envelope.seq === state.cursor_seq + 1 && state.cursor_hash !== '' && envelope.prevHash !== state.cursor_hash;
      if (sameSeq !== undefined || breaksChain) {
        await alert(trx, envelope.centerId, 'seqConflict', { batchId: envelope.batchId, seq: envelope.seq, registrySeq: state.cursor_seq }, options.now);
        return { status: 409, error: 'seqConflict', cursor: (await cursorOf(trx, envelope.centerId)) as Cursor };
      }
      await trx
        .insertInto('batches')
        .values({ center_id: envelope.centerId, batch_id: envelope.batchId, seq: envelope.seq, digest, prev_hash: envelope.prevHash, envelope: bytes, state: 'held', received_at: options.now.toISOString(), received_via: options.via })
        .execute();
      // A seq at or below the cursor that is not stored was skipped after a forced gap: it is processed as it comes.
      if (envelope.seq <= state.cursor_seq) {
        const receipt = await processBatch(trx, envelope, records, digest, options);
        return { status: 201, receipt };
      }
    }
    const processed = await advance(trx, envelope.centerId, options, { batchId: envelope.batchId, envelope, records });
    if (processed !== undefined) return { status: sameId === undefined ? 201 : 200, receipt: processed };
    return { status: 202, error: 'held', cursor: (await cursorOf(trx, envelope.centerId)) as Cursor };
  });
}

/**
 * Processes held batches while the next seq is there (or the oldest held one has waited past
 * `holdMs`); returns the receipt of `current` if it was processed.
 */
async function advance(trx: Trx, centerId: string, options: IngestOptions, current: { batchId: string; envelope: Envelope; records: BatchContent }): Promise<Receipt | undefined> {
  let currentReceipt: Receipt | undefined;
  for (;;) {
    const state = await trx.selectFrom('centers').select(['cursor_seq', 'cursor_hash']).where('id', '=', centerId).executeTakeFirstOrThrow();
    const next = await trx.selectFrom('batches').select(['batch_id', 'seq', 'envelope', 'digest', 'prev_hash', 'received_at']).where('center_id', '=', centerId).where('state', '=', 'held').orderBy('seq').executeTakeFirst();
    if (next === undefined) return currentReceipt;
    if (next.seq !== state.cursor_seq + 1) {
      const waitedMs = options.now.getTime() - new Date(next.received_at).getTime();
      if (waitedMs < options.holdMs) return currentReceipt;
      await alert(trx, centerId, 'gapSkipped', { from: state.cursor_seq + 1, to: next.seq - 1 }, options.now);
      await trx.updateTable('centers').set({ cursor_seq: next.seq - 1, cursor_hash: '' }).where('id', '=', centerId).execute();
    } else if (state.cursor_hash !== '' && next.prev_hash !== state.cursor_hash) {
      // Held above a gap, then the gap filled with another history: this batch belongs to a fork.
      await alert(trx, centerId, 'forkedBatchDropped', { batchId: next.batch_id, seq: next.seq }, options.now);
      await trx.deleteFrom('batches').where('center_id', '=', centerId).where('batch_id', '=', next.batch_id).execute();
      continue;
    }
    const isCurrent = next.batch_id === current.batchId;
    const envelope = isCurrent ? current.envelope : parseEnvelope(Buffer.from(next.envelope));
    let records = current.records;
    if (!isCurrent) {
      const privateKey = await encryptionPrivateKey(trx, envelope.enc.kid);
      records = privateKey === undefined ? { types: {}, records: [] } : decryptEnvelope(options.crypto, envelope, privateKey);
    }
    const receipt = await processBatch(trx, envelope, records, next.digest, options);
    await trx.updateTable('centers').set({ cursor_seq: next.seq, cursor_hash: next.digest }).where('id', '=', centerId).execute();
    if (isCurrent) currentReceipt = receipt;
  }
}

function personKeyOf(crypto: CryptoPrimitives, key: Buffer, record: BatchRecord): string | null {
  if (record.type !== 'client') return null;
  const { pinfl, pseudonym } = record.data;
  if (typeof pinfl === 'string' && pinfl !== '') return pseudonymOf(crypto, key, pinfl);
  if (typeof pseudonym === 'string' && pseudonym !== '') return pseudonym;
  return null;
}

/** Stores one batch's records and signs its receipt. */
async function processBatch(trx: Trx, envelope: Envelope, content: BatchContent, digest: string, options: IngestOptions): Promise<Receipt> {
  const { records, types } = content;
  const { crypto, now } = options;
  const rejected: RecordRejection[] = [];
  const accepted: { record: BatchRecord; contentSha256: string }[] = [];
  const key = await pseudonymKey(trx);
  for (const raw of records) {
    const parsed = batchRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const loose = (raw ?? {}) as { id?: unknown; version?: unknown; type?: unknown };
      rejected.push({ id: String(loose.id ?? ''), version: Number.isInteger(loose.version) ? Number(loose.version) : 0, type: String(loose.type ?? ''), reason: 'malformed' });
      continue;
    }
    const record = parsed.data;
    const refusal = recordRefusal(record.type, types[record.type], record.data);
    if (refusal !== null) {
      rejected.push({ id: record.id, version: record.version, type: record.type, reason: refusal });
      continue;
    }
    accepted.push({ record, contentSha256: crypto.sha256(canonicalBytes({ op: record.op, occurredAt: record.occurredAt, data: record.data })).toString('hex') });
  }
  for (let start = 0; start < accepted.length; start += 500) {
    const chunk = accepted.slice(start, start + 500);
    const inserted = await trx
      .insertInto('records')
      .values(
        chunk.map(({ record, contentSha256 }) => ({
          center_id: envelope.centerId,
          type: record.type,
          record_id: record.id,
          version: record.version,
          op: record.op,
          occurred_at: record.occurredAt,
          data: JSON.stringify(record.data),
          content_sha256: contentSha256,
          batch_id: envelope.batchId,
          received_at: now.toISOString(),
          person_key: personKeyOf(crypto, key, record),
        })),
      )
      .onConflict((oc) => oc.columns(['center_id', 'type', 'record_id', 'version']).doNothing())
      .returning(['type', 'record_id', 'version'])
      .execute();
    if (inserted.length === chunk.length) continue;
    const fresh = new Set(inserted.map((row) => `${row.type}\u0000${row.record_id}\u0000${row.version}`));
    for (const { record, contentSha256 } of chunk) {
      if (fresh.has(`${record.type}\u0000${record.id}\u0000${record.version}`)) continue;
      const stored = await trx.selectFrom('records').select('content_sha256').where('center_id', '=', envelope.centerId).where('type', '=', record.type).where('record_id', '=', record.id).where('version', '=', record.version).executeTakeFirst();
      if (stored !== undefined && stored.content_sha256 !== contentSha256) rejected.push({ id: record.id, version: record.version, type: record.type, reason: 'versionConflict' });
    }
  }
  const chainHead = await updateChainHead(trx, envelope, now);
  const signer = await currentSigner(trx);
  const receipt = signReceipt(
    crypto,
    { kind: RECEIPT_KIND, batchId: envelope.batchId, centerId: envelope.centerId, seq: envelope.seq, digest, receivedAt: now.toISOString(), recordCount: records.length, rejected, chainHead, kid: signer.kid },
    signer.seed,
  );
  await trx.updateTable('batches').set({ state: 'processed', processed_at: now.toISOString(), receipt: JSON.stringify(receipt) }).where('center_id', '=', envelope.centerId).where('batch_id', '=', envelope.batchId).execute();
  return receipt;
}

/** Keeps the highest audit chain head a center reported; a head that went back is an alert. */
async function updateChainHead(trx: Trx, envelope: Envelope, now: Date): Promise<{ seq: number; hash: string }> {
  const center = await trx.selectFrom('centers').select(['chain_seq', 'chain_hash']).where('id', '=', envelope.centerId).executeTakeFirstOrThrow();
  const reported = envelope.chainHead;
  if (center.chain_seq === null || reported.seq > center.chain_seq) {
    await trx.updateTable('centers').set({ chain_seq: reported.seq, chain_hash: reported.hash }).where('id', '=', envelope.centerId).execute();
    return reported;
  }
  if (reported.seq < center.chain_seq) await alert(trx, envelope.centerId, 'chainWentBackwards', { batchId: envelope.batchId, reportedSeq: reported.seq, heldSeq: center.chain_seq }, now);
  else if (reported.hash !== center.chain_hash) await alert(trx, envelope.centerId, 'chainForked', { batchId: envelope.batchId, seq: reported.seq }, now);
  return { seq: center.chain_seq, hash: center.chain_hash ?? GENESIS_PREV_HASH };
}
