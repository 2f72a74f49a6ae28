import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fromBase64, toBase64, unwrapKey, wrapKey, zeroize, type WrappedKey } from './key-slots';
import type { CryptoPrimitives } from './primitives';

/**
 * A slot's X25519 key pair, used for one thing only: receiving a new **database** key when keys
 * are rotated, without the slot owner's password. The secret half is wrapped under the slot's
 * key-encryption key (so only the owner's password, or the recovery code, opens it); the public
 * half lies in the file. The confidential key is never sealed to a box: it travels in person.
 */
const base64Schema = (maxLength: number) => z.string().max(maxLength).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const wrappedSchema = z.object({ iv: base64Schema(24), tag: base64Schema(32), ciphertext: base64Schema(64) });

export const slotBoxSchema = z.object({ publicKey: base64Schema(64), secretKey: wrappedSchema });
export const sealedKeySchema = z.object({
  /** The ephemeral public key of the sender. */
  epk: base64Schema(64),
  iv: base64Schema(24),
  tag: base64Schema(32),
  ciphertext: base64Schema(64),
  /** The id of the sealed database key (`databaseKeyId`): which key version this is. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
});

export type SlotBox = z.infer<typeof slotBoxSchema>;
export type SealedKey = z.infer<typeof sealedKeySchema>;

const boxAad = (slotId: string): Buffer => Buffer.from(`inson/keyring/v2/${slotId}/boxSecret`, 'utf8');
const sealAad = (slotId: string, keyId: string): Buffer => Buffer.from(`inson/keyring/v2/${slotId}/sealedDatabaseKey/${keyId}`, 'utf8');

/**
 * The id of a database key version: 64 bits of an HMAC under the key, safe to write down (it
 * names the key without revealing it), so the keyring and the audit log can say which key is which.
 *
 * @example databaseKeyId(primitives, key) // '9c1f…' (16 hex digits)
 */
export function databaseKeyId(primitives: CryptoPrimitives, databaseKey: Buffer): string {
  return primitives.hmacSha256(databaseKey, Buffer.from('inson/database/key-id', 'utf8')).toString('hex').slice(0, 16);
}

/**
 * The id of a slot's box (64 bits of SHA-256 over its public key): what the audit log records
 * whenever a box is made or its owner's password shows it is hers (box-attestation.ts), so a
 * public key planted in the file later is told apart before a rotation seals a key to it.
 *
 * @example boxKeyId(slot.box) // '4be1…' (16 hex digits)
 */
export function boxKeyId(box: SlotBox): string {
  return createHash('sha256').update('inson/keyring/box-id/').update(fromBase64(box.publicKey)).digest('hex').slice(0, 16);
}

/** Whether the box's secret half opens with this key-encryption key and is the secret of its public half: nobody swapped the pair. */
export function isSlotBoxIntact(primitives: CryptoPrimitives, kek: Buffer, box: SlotBox, slotId: string): boolean {
  const secret = openSlotBoxSecret(primitives, kek, box, slotId);
  if (!secret) return false;
  try {
    return primitives.x25519PublicKey(secret).equals(fromBase64(box.publicKey));
  } catch {
    return false;
  } finally {
    zeroize(secret);
  }
}

/** A fresh key pair for a slot, its secret wrapped under the slot's key-encryption key. */
export function createSlotBox(primitives: CryptoPrimitives, kek: Buffer, slotId: string): SlotBox {
  const secret = randomBytes(32);
  try {
    const publicKey = primitives.x25519PublicKey(secret);
    return { publicKey: toBase64(publicKey), secretKey: wrapKey(primitives, kek, secret, boxAad(slotId)) };
  } finally {
    zeroize(secret);
  }
}

/** The box's secret half, or null when the key-encryption key is not this slot's. The caller zeroes it. */
export function openSlotBoxSecret(primitives: CryptoPrimitives, kek: Buffer, box: SlotBox, slotId: string): Buffer | null {
  return unwrapKey(primitives, kek, box.secretKey as WrappedKey, boxAad(slotId));
}

function sealingKey(primitives: CryptoPrimitives, shared: Buffer, epk: Buffer, recipient: Buffer, slotId: string): Buffer {
  const key = primitives.hkdfSha256(shared, Buffer.concat([epk, recipient]), Buffer.from(`inson/keyring/v2/seal/${slotId}`, 'utf8'), 32);
  zeroize(shared);
  return key;
}

/**
 * Seals a database key to a slot's public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM bound to
 * the slot and the key id). Only the holder of the slot's secret half opens it.
 *
 * @example slot.sealedDatabaseKey = sealToSlotBox(primitives, slot.box, newKey, `user:${slot.userId}`);
 */
export function sealToSlotBox(primitives: CryptoPrimitives, box: SlotBox, databaseKey: Buffer, slotId: string): SealedKey {
  const ephemeral = randomBytes(32);
  const recipient = fromBase64(box.publicKey);
  try {
    const epk = primitives.x25519PublicKey(ephemeral);
    const key = sealingKey(primitives, primitives.x25519SharedSecret(ephemeral, recipient), epk, recipient, slotId);
    const keyId = databaseKeyId(primitives, databaseKey);
    const iv = randomBytes(12);
    const sealed = primitives.aes256GcmEncrypt(key, iv, databaseKey, sealAad(slotId, keyId));
    zeroize(key);
    return { epk: toBase64(epk), iv: toBase64(iv), tag: toBase64(sealed.tag), ciphertext: toBase64(sealed.ciphertext), keyId };
  } finally {
    zeroize(ephemeral);
  }
}

/** Opens a sealed database key with the slot's secret half; null when it does not open or its id does not match. */
export function openSealedKey(primitives: CryptoPrimitives, secret: Buffer, box: SlotBox, sealed: SealedKey, slotId: string): Buffer | null {
  try {
    const epk = fromBase64(sealed.epk);
    const key = sealingKey(primitives, primitives.x25519SharedSecret(secret, epk), epk, fromBase64(box.publicKey), slotId);
    try {
      const opened = primitives.aes256GcmDecrypt(key, fromBase64(sealed.iv), { ciphertext: fromBase64(sealed.ciphertext), tag: fromBase64(sealed.tag) }, sealAad(slotId, sealed.keyId));
      if (databaseKeyId(primitives, opened) === sealed.keyId) return opened;
      zeroize(opened);
      return null;
    } finally {
      zeroize(key);
    }
  } catch {
    return null;
  }
}
