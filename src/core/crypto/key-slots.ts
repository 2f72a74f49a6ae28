import { randomBytes } from 'node:crypto';
import type { CryptoPrimitives, ScryptParams } from './primitives';

/**
 * Key slots (DESIGN.md D7): the database key and the confidential key are random; a slot wraps
 * them under a key derived from one secret (a staff password or the printed recovery code).
 * This file holds the pure wrapping; `keyring.ts` holds the file that stores the slots.
 */

export { DEFAULT_SCRYPT_PARAMS, TEST_SCRYPT_PARAMS } from './primitives';

export const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;

/** A key sealed with AES-256-GCM; all fields base64. */
export interface WrappedKey {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export interface ScryptKdf extends ScryptParams {
  readonly name: 'scrypt';
  /** base64 */
  readonly salt: string;
}

const b64 = (bytes: Buffer): string => bytes.toString('base64');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64');

/** Binds a wrapped key to the slot and purpose it was made for, so blobs cannot be swapped between slots. */
export function slotAad(slotId: string, purpose: string): Buffer {
  return Buffer.from(`inson/keyring/v1/${slotId}/${purpose}`, 'utf8');
}

/** Passwords are compared as typed on any keyboard layout: NFC, so "ö" typed two ways is one password. */
export function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.normalize('NFC'), 'utf8');
}

/**
 * Derives the slot's key-encryption key from a secret; a fresh salt when none is given.
 *
 * @example const { kek, kdf } = await deriveSlotKey(primitives, 'correct horse battery', DEFAULT_SCRYPT_PARAMS);
 */
export async function deriveSlotKey(
  primitives: CryptoPrimitives,
  secret: string,
  params: ScryptParams,
  existing?: ScryptKdf,
): Promise<{ kek: Buffer; kdf: ScryptKdf }> {
  const kdf: ScryptKdf = existing ?? { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: b64(randomBytes(SALT_BYTES)) };
  const secretCopy = secretBytes(secret);
  try {
    const kek = await primitives.scrypt(secretCopy, unb64(kdf.salt), KEY_BYTES, kdf);
    return { kek, kdf };
  } finally {
    secretCopy.fill(0);
  }
}

/** @example const wrapped = wrapKey(primitives, kek, databaseKey, slotAad('user:42', 'databaseKey')); */
export function wrapKey(primitives: CryptoPrimitives, kek: Buffer, key: Buffer, aad: Buffer): WrappedKey {
  const iv = randomBytes(IV_BYTES);
  const sealed = primitives.aes256GcmEncrypt(kek, iv, key, aad);
  return { iv: b64(iv), tag: b64(sealed.tag), ciphertext: b64(sealed.ciphertext) };
}

/** Returns null when the key-encryption key is wrong or the blob was altered (GCM does not authenticate). */
export function unwrapKey(primitives: CryptoPrimitives, kek: Buffer, wrapped: WrappedKey, aad: Buffer): Buffer | null {
  try {
    return primitives.aes256GcmDecrypt(kek, unb64(wrapped.iv), { ciphertext: unb64(wrapped.ciphertext), tag: unb64(wrapped.tag) }, aad);
  } catch {
    return null;
  }
}

/**
 * Random bytes in the shape of a wrapped 32-byte key. A slot that does not hold the confidential
 * key carries one in its place, so the keyring file does not say which accounts hold it: without
 * the slot's key-encryption key, GCM output and random bytes look the same.
 */
export function wrappedKeyFiller(): WrappedKey {
  return { iv: b64(randomBytes(IV_BYTES)), tag: b64(randomBytes(16)), ciphertext: b64(randomBytes(KEY_BYTES)) };
}

/** Overwrites key material once it is no longer needed (the GC may keep a copy of a freed buffer's bytes otherwise). */
export function zeroize(...buffers: readonly (Buffer | null | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0);
}

/**
 * Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand from paper survives;
 * on input, O is read as 0 and I or L as 1.
 */
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_GROUPS = 8;
const RECOVERY_GROUP_LENGTH = 5;

/**
 * A fresh recovery code: 8 groups of 5 characters, 200 random bits.
 *
 * @example generateRecoveryCode() // 'K7M2Q-9XH4D-…' (8 groups)
 */
export function generateRecoveryCode(): string {
  const bytes = randomBytes((RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH * 5) / 8);
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += RECOVERY_GROUP_LENGTH) groups.push(text.slice(i, i + RECOVERY_GROUP_LENGTH));
  return groups.join('-');
}

/**
 * The canonical form a recovery code is derived from, or null if it cannot be one: case, spaces and
 * dashes do not matter, and look-alike letters are read as the digits they resemble.
 *
 * @example normalizeRecoveryCode('k7m2q 9xh4d ...') // 'K7M2Q-9XH4D-...'
 */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH) return null;
  for (const char of compact) if (!RECOVERY_ALPHABET.includes(char)) return null;
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += RECOVERY_GROUP_LENGTH) groups.push(compact.slice(i, i + RECOVERY_GROUP_LENGTH));
  return groups.join('-');
}

export { b64 as toBase64, unb64 as fromBase64 };
