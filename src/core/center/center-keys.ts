import { randomBytes } from 'node:crypto';
import type { ReadDb, WriteTx } from '../db/handles';
import { nodeCryptoPrimitives } from '../crypto/primitives';
import { keyIdOf, publishedKeySchema, type PublishedKey } from '../sync/protocol/keys';

/**
 * The center's Ed25519 signing key: made on first use, kept in the (encrypted) database, never
 * leaving it. Certificates are signed with it; its public key is what a verifier checks against.
 * A key id is the first 16 hex digits of SHA-256 over the public key.
 */

export interface CenterPublicKey {
  readonly keyId: string;
  readonly publicKey: Buffer;
}

export interface CenterSigningKey extends CenterPublicKey {
  readonly seed: Buffer;
}

/** The key that signs now (the newest), or null before the first one is made. */
export async function currentCenterSigningKey(db: ReadDb | WriteTx): Promise<(CenterSigningKey & { readonly createdAt: string }) | null> {
  const existing = await db.selectFrom('center_signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('key_id').executeTakeFirst();
  if (existing === undefined) return null;
  return { keyId: existing.key_id, publicKey: Buffer.from(existing.public_key, 'base64'), seed: Buffer.from(existing.seed, 'base64'), createdAt: existing.created_at };
}

/** A new key pair, not yet stored (a rotation stores it only once the registry took it). */
export function newCenterSigningKey(): CenterSigningKey {
  const seed = randomBytes(32);
  const publicKey = nodeCryptoPrimitives.ed25519PublicKey(seed);
  return { keyId: keyIdOf(publicKey), publicKey, seed };
}

/**
 * Stores a key as the one that signs from now on. Its time is after the current key's even when
 * the clock stepped back, so "the newest" is never ambiguous.
 */
export async function storeCenterSigningKey(trx: WriteTx, key: CenterSigningKey, now: Date): Promise<void> {
  const current = await currentCenterSigningKey(trx);
  const after = current === null ? now.getTime() : Math.max(now.getTime(), Date.parse(current.createdAt) + 1);
  await trx
    .insertInto('center_signing_keys')
    .values({ key_id: key.keyId, public_key: key.publicKey.toString('base64'), seed: key.seed.toString('base64'), created_at: new Date(after).toISOString() })
    .execute();
}

/** @example const key = await ensureCenterSigningKey(w.trx, w.now); */
export async function ensureCenterSigningKey(trx: WriteTx, now: Date): Promise<CenterSigningKey> {
  const existing = await currentCenterSigningKey(trx);
  if (existing !== null) return existing;
  const key = newCenterSigningKey();
  await storeCenterSigningKey(trx, key, now);
  return key;
}

/**
 * Keeps the registry's statement about one of our keys, as received. The caller checked it (its
 * kid is ours, its bytes our public key, its signature the registry's); a second one for the same
 * key is ignored: the first is as good.
 */
export async function storeKeyStatement(trx: WriteTx, statement: PublishedKey, now: Date): Promise<void> {
  await trx
    .insertInto('center_key_statements')
    .values({ key_id: statement.kid, statement_json: JSON.stringify(statement), received_at: now.toISOString() })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

/** The registry's statements about our keys, by key id. */
export async function keyStatements(db: ReadDb | WriteTx): Promise<Map<string, PublishedKey>> {
  const rows = await db.selectFrom('center_key_statements').select(['key_id', 'statement_json']).execute();
  const result = new Map<string, PublishedKey>();
  for (const row of rows) {
    const parsed = publishedKeySchema.safeParse(JSON.parse(row.statement_json));
    if (parsed.success) result.set(row.key_id, parsed.data);
  }
  return result;
}

/** The public half of every key this center has signed with, by key id. */
export async function centerPublicKeys(db: ReadDb): Promise<Map<string, Buffer>> {
  const rows = await db.selectFrom('center_signing_keys').select(['key_id', 'public_key']).execute();
  return new Map(rows.map((row) => [row.key_id, Buffer.from(row.public_key, 'base64')]));
}


/** @example signWithCenterKey(key, Buffer.from(payload)) */
export function signWithCenterKey(key: CenterSigningKey, message: Buffer): Buffer {
  return nodeCryptoPrimitives.ed25519Sign(key.seed, message);
}

/** @example verifyCenterSignature(publicKey, message, signature) // true */
export function verifyCenterSignature(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  try {
    return nodeCryptoPrimitives.ed25519Verify(publicKey, message, signature);
  } catch {
    return false;
  }
}
