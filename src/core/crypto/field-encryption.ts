import { randomBytes } from 'node:crypto';
import { AppError } from '../api/errors';
import { nodeCryptoPrimitives, type CryptoPrimitives } from './primitives';

/**
 * Confidential fields (counseling notes, risk answers, safety plans) are encrypted a second time,
 * inside the encrypted database, under the confidential key that only psychologists' and
 * supervisors' slots wrap. The record id is the AAD, so a note copied onto another record fails.
 *
 * Stored form: `cf1.` + base64(iv ‖ ciphertext ‖ tag).
 */
const PREFIX = 'cf1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function aadFor(recordId: string): Buffer {
  return Buffer.from(`inson/field/v1/${recordId}`, 'utf8');
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new AppError('INTERNAL', { reason: 'confidentialKeyLength' });
}

/**
 * @example const stored = encryptField(confidentialKey, note.id, note.text);
 */
export function encryptField(
  confidentialKey: Buffer,
  recordId: string,
  plaintext: string,
  primitives: CryptoPrimitives = nodeCryptoPrimitives,
): string {
  checkKey(confidentialKey);
  const iv = randomBytes(IV_BYTES);
  const sealed = primitives.aes256GcmEncrypt(confidentialKey, iv, Buffer.from(plaintext, 'utf8'), aadFor(recordId));
  return PREFIX + Buffer.concat([iv, sealed.ciphertext, sealed.tag]).toString('base64');
}

/**
 * Throws `FORBIDDEN` when the key or record id does not match or the value was altered: from the
 * caller's side that is "you cannot read this", never a crash.
 *
 * @example const text = decryptField(confidentialKey, note.id, row.text);
 */
export function decryptField(
  confidentialKey: Buffer,
  recordId: string,
  stored: string,
  primitives: CryptoPrimitives = nodeCryptoPrimitives,
): string {
  checkKey(confidentialKey);
  if (!stored.startsWith(PREFIX)) throw new AppError('FORBIDDEN', { reason: 'notEncrypted' });
  const bytes = Buffer.from(stored.slice(PREFIX.length), 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new AppError('FORBIDDEN', { reason: 'undecryptable' });
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    return primitives.aes256GcmDecrypt(confidentialKey, iv, { ciphertext, tag }, aadFor(recordId)).toString('utf8');
  } catch {
    throw new AppError('FORBIDDEN', { reason: 'undecryptable' });
  }
}
