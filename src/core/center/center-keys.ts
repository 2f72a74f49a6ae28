import { createHash, randomBytes } from 'node:crypto';
import type { ReadDb, WriteTx } from '../db/handles';
import { nodeCryptoPrimitives } from '../crypto/primitives';

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

/** @example const key = await ensureCenterSigningKey(w.trx, w.now); */
export async function ensureCenterSigningKey(trx: WriteTx, now: Date): Promise<CenterSigningKey> {
  const existing = await trx.selectFrom('center_signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('key_id').executeTakeFirst();
  if (existing !== undefined) return { keyId: existing.key_id, publicKey: Buffer.from(existing.public_key, 'base64'), seed: Buffer.from(existing.seed, 'base64') };
  const seed = randomBytes(32);
  const publicKey = nodeCryptoPrimitives.ed25519PublicKey(seed);
  const keyId = keyIdOf(publicKey);
  await trx.insertInto('center_signing_keys').values({ key_id: keyId, public_key: publicKey.toString('base64'), seed: seed.toString('base64'), created_at: now.toISOString() }).execute();
  return { keyId, publicKey, seed };
}

/** The public half of every key this center has signed with, by key id. */
export async function centerPublicKeys(db: ReadDb): Promise<Map<string, Buffer>> {
  const rows = await db.selectFrom('center_signing_keys').select(['key_id', 'public_key']).execute();
  return new Map(rows.map((row) => [row.key_id, Buffer.from(row.public_key, 'base64')]));
}

/** @example keyIdOf(publicKey) // '3f2a…' (16 hex digits) */
export function keyIdOf(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
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
