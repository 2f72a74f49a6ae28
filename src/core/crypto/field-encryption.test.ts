import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { confidentialKeyId, decryptField, describeStoredField, encryptField, needsReencryption } from './field-encryption';

/** A version-1 value as the code before associated data v2 wrote it (record id only). */
function encryptV1(key: Buffer, recordId: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`inson/field/v1/${recordId}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `cf1.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
}

describe('field encryption', () => {
  const key = randomBytes(32);
  const at = { recordId: 'note-1', field: 'text', version: 3 };

  it('round-trips text and hides it, with the key id in the prefix', () => {
    const stored = encryptField(key, at, 'Mijoz bilan suhbat: xavfsizlik rejasi');
    expect(stored.startsWith(`cf2.${confidentialKeyId(key)}.`)).toBe(true);
    expect(stored).not.toContain('xavfsizlik');
    expect(decryptField(key, at, stored)).toBe('Mijoz bilan suhbat: xavfsizlik rejasi');
    expect(encryptField(key, at, 'same')).not.toBe(encryptField(key, at, 'same'));
    expect(describeStoredField(stored)).toEqual({ format: 2, keyId: confidentialKeyId(key) });
  });

  it('refuses a value moved to another record, another field or an older version, another key and altered bytes', () => {
    const stored = encryptField(key, at, 'secret');
    expect(() => decryptField(key, { ...at, recordId: 'note-2' }, stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decryptField(key, { ...at, field: 'riskAnswers' }, stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decryptField(key, { ...at, version: 4 }, stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decryptField(randomBytes(32), at, stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { reason: 'otherKey' } }));
    const prefix = stored.slice(0, 21);
    const bytes = Buffer.from(stored.slice(21), 'base64');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => decryptField(key, at, `${prefix}${bytes.toString('base64')}`)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { reason: 'undecryptable' } }));
    expect(() => decryptField(key, at, 'plain text')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { reason: 'notEncrypted' } }));
  });

  it('still reads version-1 values, and says which values the re-encryption job must rewrite', () => {
    const old = encryptV1(key, 'note-1', 'written before v2');
    expect(decryptField(key, at, old)).toBe('written before v2');
    expect(() => decryptField(key, { ...at, recordId: 'note-2' }, old)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    const current = confidentialKeyId(key);
    expect(needsReencryption(old, current)).toBe(true);
    expect(needsReencryption(encryptField(key, at, 'x'), current)).toBe(false);
    expect(needsReencryption(encryptField(randomBytes(32), at, 'x'), current)).toBe(true);
  });
});
