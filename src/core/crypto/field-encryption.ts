import { randomBytes } from 'node:crypto';
import { AppError } from '../api/errors';
import { nodeCryptoPrimitives, type CryptoPrimitives } from './primitives';

/**
 * Confidential fields (counseling notes, risk answers, safety plans) are encrypted a second time,
 * inside the encrypted database, under the confidential key that only psychologists' and
 * supervisors' slots wrap.
 *
 * Stored form, version 2: `cf2.<keyId>.` + base64(iv ‖ ciphertext ‖ tag), the associated data
 * `inson/field/v2/<recordId>/<field>/<version>/<keyId>`: a ciphertext copied onto another record,
 * into another field of the same record, or back over a newer version of the field fails. The key
 * id (derived from the key itself, so nothing stores it) tells which confidential key a value is
 * under while a re-encryption job moves fields from an old key to a new one.
 *
 * Version 1 (`cf1.` + base64, the record id as the only associated data) is still read, so values
 * written before stay readable until the re-encryption job rewrites them as version 2.
 */
const PREFIX_V1 = 'cf1.';
const PREFIX_V2 = 'cf2.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_HEX_LENGTH = 16;

/** Where a confidential value lives: the row, the column, and the row's version the value belongs to. */
export interface FieldLocation {
  readonly recordId: string;
  readonly field: string;
  readonly version: number;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new AppError('INTERNAL', { reason: 'confidentialKeyLength' });
}

/**
 * The id of a confidential key: 64 bits of an HMAC under the key, safe to store beside the
 * ciphertext (it says which key, not what the key is).
 *
 * @example confidentialKeyId(key) // '3f9a0c1d2b4e5f60'
 */
export function confidentialKeyId(confidentialKey: Buffer, primitives: CryptoPrimitives = nodeCryptoPrimitives): string {
  checkKey(confidentialKey);
  return primitives.hmacSha256(confidentialKey, Buffer.from('inson/field/key-id', 'utf8')).toString('hex').slice(0, KEY_ID_HEX_LENGTH);
}

function aadV2(location: FieldLocation, keyId: string): Buffer {
  if (location.recordId.includes('/') || location.field.includes('/') || !Number.isSafeInteger(location.version)) {
    throw new AppError('INTERNAL', { reason: 'fieldLocation' });
  }
  return Buffer.from(`inson/field/v2/${location.recordId}/${location.field}/${location.version}/${keyId}`, 'utf8');
}

const aadV1 = (recordId: string): Buffer => Buffer.from(`inson/field/v1/${recordId}`, 'utf8');

/**
 * @example const stored = encryptField(confidentialKey, { recordId: note.id, field: 'text', version: note.version }, note.text);
 */
export function encryptField(
  confidentialKey: Buffer,
  location: FieldLocation,
  plaintext: string,
  primitives: CryptoPrimitives = nodeCryptoPrimitives,
): string {
  checkKey(confidentialKey);
  const keyId = confidentialKeyId(confidentialKey, primitives);
  const iv = randomBytes(IV_BYTES);
  const sealed = primitives.aes256GcmEncrypt(confidentialKey, iv, Buffer.from(plaintext, 'utf8'), aadV2(location, keyId));
  return `${PREFIX_V2}${keyId}.${Buffer.concat([iv, sealed.ciphertext, sealed.tag]).toString('base64')}`;
}

/** What a stored value says about itself without any key: its format and, for version 2, its key id. */
export function describeStoredField(stored: string): { format: 1 | 2; keyId: string | null } | null {
  if (stored.startsWith(PREFIX_V1)) return { format: 1, keyId: null };
  if (stored.startsWith(PREFIX_V2)) {
    const keyId = stored.slice(PREFIX_V2.length, PREFIX_V2.length + KEY_ID_HEX_LENGTH);
    return /^[0-9a-f]{16}$/.test(keyId) && stored.charAt(PREFIX_V2.length + KEY_ID_HEX_LENGTH) === '.' ? { format: 2, keyId } : null;
  }
  return null;
}

function splitSealed(body: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const bytes = Buffer.from(body, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new AppError('FORBIDDEN', { reason: 'undecryptable' });
  return { iv: bytes.subarray(0, IV_BYTES), ciphertext: bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES), tag: bytes.subarray(bytes.length - TAG_BYTES) };
}

/**
 * Throws `FORBIDDEN` when the key or location does not match or the value was altered: from the
 * caller's side that is "you cannot read this", never a crash.
 *
 * @example const text = decryptField(confidentialKey, { recordId: note.id, field: 'text', version: note.version }, row.text);
 */
export function decryptField(
  confidentialKey: Buffer,
  location: FieldLocation,
  stored: string,
  primitives: CryptoPrimitives = nodeCryptoPrimitives,
): string {
  checkKey(confidentialKey);
  const described = describeStoredField(stored);
  if (!described) throw new AppError('FORBIDDEN', { reason: 'notEncrypted' });
  let aad: Buffer;
  let body: string;
  if (described.format === 1) {
    aad = aadV1(location.recordId);
    body = stored.slice(PREFIX_V1.length);
  } else {
    if (described.keyId !== confidentialKeyId(confidentialKey, primitives)) throw new AppError('FORBIDDEN', { reason: 'otherKey' });
    aad = aadV2(location, described.keyId ?? '');
    body = stored.slice(PREFIX_V2.length + KEY_ID_HEX_LENGTH + 1);
  }
  const { iv, ciphertext, tag } = splitSealed(body);
  try {
    return primitives.aes256GcmDecrypt(confidentialKey, iv, { ciphertext, tag }, aad).toString('utf8');
  } catch {
    throw new AppError('FORBIDDEN', { reason: 'undecryptable' });
  }
}

/** Whether a stored value should be rewritten by the re-encryption job: an old format, or another key. */
export function needsReencryption(stored: string, currentKeyId: string): boolean {
  const described = describeStoredField(stored);
  return described !== null && (described.format !== 2 || described.keyId !== currentKeyId);
}
