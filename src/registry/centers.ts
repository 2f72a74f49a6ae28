import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CryptoPrimitives } from '../core/crypto/primitives';
import { GENESIS_PREV_HASH } from '../core/sync/protocol/envelope';
import { PROTOCOL, type EnrollRequest, type EnrollResponse, type Hello } from '../core/sync/protocol/hello';
import { keyIdOf, trustedKeys, type PublishedKey } from '../core/sync/protocol/keys';
import { readTransferFile, writeReceiptsFile } from '../core/sync/protocol/transfer';
import { ProtocolError } from '../core/sync/protocol/protocol-error';
import type { Receipt } from '../core/sync/protocol/receipt';
import { ingestBatch, type IngestOutcome } from './ingest';
import { currentSigner, publishedKeys, pseudonymKey, vouchForCenterKey } from './registry-keys';
import type { RegistryDatabase } from './registry.tables';

/** The registry's limits, published in `hello`. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** @example await hello(db, new Date()) */
export async function hello(db: Kysely<RegistryDatabase>, now: Date): Promise<Hello> {
  return { protocol: PROTOCOL, serverTime: now.toISOString(), limits: { maxBatchBytes: MAX_BATCH_BYTES }, keys: await publishedKeys(db) };
}

function codeHash(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

/**
 * A one-time enrollment code for one center (printed on its enrollment letter, with the
 * registry's fingerprint). Only its hash is stored.
 *
 * @example const { code } = await issueEnrollmentCode(db, 'Chilonzor INSON markazi', new Date());
 */
export async function issueEnrollmentCode(db: Kysely<RegistryDatabase>, centerName: string, now: Date): Promise<{ code: string }> {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const raw = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
  await db.insertInto('enrollment_codes').values({ code_hash: codeHash(code), center_name: centerName, created_at: now.toISOString() }).execute();
  return { code };
}

export type EnrollOutcome = { readonly ok: true; readonly response: EnrollResponse } | { readonly ok: false; readonly error: 'unknownCode' | 'codeUsed' | 'badKey' };

/** Enrolls a center with a one-time code: registers its public key and gives it an id. */
export async function enrollCenter(db: Kysely<RegistryDatabase>, crypto: CryptoPrimitives, request: EnrollRequest, now: Date): Promise<EnrollOutcome> {
  const publicKey = Buffer.from(request.publicKey, 'base64');
  if (publicKey.length !== 32 || keyIdOf(publicKey) !== request.kid) return { ok: false, error: 'badKey' };
  const outcome = await db.transaction().execute(async (trx): Promise<EnrollOutcome | { ok: true; centerId: string }> => {
    const code = await trx.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', codeHash(request.code)).forUpdate().executeTakeFirst();
    if (code === undefined) return { ok: false, error: 'unknownCode' };
    if (code.used_at !== null) return { ok: false, error: 'codeUsed' };
    const centerId = randomUUID();
    await trx.insertInto('centers').values({ id: centerId, name: code.center_name, enrolled_at: now.toISOString(), cursor_seq: 0, cursor_hash: GENESIS_PREV_HASH }).execute();
    await trx.insertInto('center_keys').values({ center_id: centerId, kid: request.kid, public_key: request.publicKey, created_at: now.toISOString() }).execute();
    await trx.updateTable('enrollment_codes').set({ used_at: now.toISOString(), center_id: centerId }).where('code_hash', '=', code.code_hash).execute();
    return { ok: true, centerId };
  });
  if (!outcome.ok) return outcome;
  if (!('centerId' in outcome)) return outcome;
  const centerKey = await vouchForCenterKey(db, crypto, { publicKey: request.publicKey, createdAt: now.toISOString() });
  return { ok: true, response: { centerId: outcome.centerId, pseudonymKey: (await pseudonymKey(db)).toString('base64'), hello: await hello(db, now), centerKey } };
}

/**
 * A center's new signing key, endorsed by one of its registered keys (key rotation on the center's
 * side); a key already registered may be posted again without an endorsement. Answers with the
 * root's statement about the key, or null when the key does not chain to the center's keys.
 */
export async function registerCenterKey(db: Kysely<RegistryDatabase>, crypto: CryptoPrimitives, centerId: string, key: PublishedKey, now: Date): Promise<PublishedKey | null> {
  const known = await db.selectFrom('center_keys').select(['kid', 'public_key']).where('center_id', '=', centerId).execute();
  const trusted = trustedKeys(crypto, [key], new Map(known.map((row) => [row.kid, Buffer.from(row.public_key, 'base64')])));
  if (!trusted.has(key.kid) || key.use !== 'sig') return null;
  await db.insertInto('center_keys').values({ center_id: centerId, kid: key.kid, public_key: key.publicKey, created_at: now.toISOString() }).onConflict((oc) => oc.columns(['center_id', 'kid']).doNothing()).execute();
  const stored = await db.selectFrom('center_keys').select(['public_key', 'created_at']).where('center_id', '=', centerId).where('kid', '=', key.kid).executeTakeFirstOrThrow();
  return vouchForCenterKey(db, crypto, { publicKey: stored.public_key, createdAt: stored.created_at });
}

/**
 * Imports a transfer file from a USB stick: the manifest's signature, then every envelope through
 * the same ingest as the network path, in seq order.
 */
export async function importTransferFile(
  db: Kysely<RegistryDatabase>,
  crypto: CryptoPrimitives,
  bytes: Buffer,
  options: { readonly now: Date; readonly holdMs: number },
): Promise<{ readonly centerId: string; readonly outcomes: readonly { readonly batchId: string; readonly seq: number; readonly status: IngestOutcome['status']; readonly error?: string }[] }> {
  let centerId = '';
  try {
    const head = JSON.parse(bytes.toString('utf8')) as { manifest?: { centerId?: unknown } };
    centerId = typeof head.manifest?.centerId === 'string' ? head.manifest.centerId : '';
  } catch {
    throw new ProtocolError('malformed', 'the transfer file is not JSON');
  }
  const keys = await db.selectFrom('center_keys').select(['kid', 'public_key']).where('center_id', '=', centerId).execute();
  const keyMap = new Map(keys.map((row) => [row.kid, Buffer.from(row.public_key, 'base64')]));
  const file = readTransferFile(crypto, bytes, (center, kid) => (center === centerId ? keyMap.get(kid) : undefined));
  const order = file.manifest.batches.map((batch, index) => ({ batch, envelope: file.envelopes[index] as Buffer })).sort((a, b) => a.batch.seq - b.batch.seq);
  const outcomes = [];
  for (const { batch, envelope } of order) {
    const outcome = await ingestBatch(db, envelope, { crypto, now: options.now, via: 'file', holdMs: options.holdMs, expected: { centerId, batchId: batch.batchId } });
    outcomes.push({ batchId: batch.batchId, seq: batch.seq, status: outcome.status, ...('error' in outcome ? { error: outcome.error } : {}) });
  }
  return { centerId, outcomes };
}

/** Every receipt the registry holds for a center, in a file signed by the registry (the USB way back). */
export async function exportReceipts(db: Kysely<RegistryDatabase>, crypto: CryptoPrimitives, centerId: string, now: Date): Promise<Buffer> {
  const rows = await db.selectFrom('batches').select('receipt').where('center_id', '=', centerId).where('state', '=', 'processed').orderBy('seq').execute();
  const receipts = rows.flatMap((row) => (row.receipt === null ? [] : [row.receipt as Receipt]));
  return writeReceiptsFile(crypto, { centerId, createdAt: now.toISOString(), receipts }, await currentSigner(db));
}
