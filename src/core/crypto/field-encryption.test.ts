import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField } from './field-encryption';

describe('field encryption', () => {
  const key = randomBytes(32);

  it('round-trips text and hides it', () => {
    const stored = encryptField(key, 'note-1', 'Mijoz bilan suhbat: xavfsizlik rejasi');
    expect(stored.startsWith('cf1.')).toBe(true);
    expect(stored).not.toContain('xavfsizlik');
    expect(decryptField(key, 'note-1', stored)).toBe('Mijoz bilan suhbat: xavfsizlik rejasi');
    expect(encryptField(key, 'note-1', 'same')).not.toBe(encryptField(key, 'note-1', 'same'));
  });

  it('refuses another record id, another key and altered bytes', () => {
    const stored = encryptField(key, 'note-1', 'secret');
    expect(() => decryptField(key, 'note-2', stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decryptField(randomBytes(32), 'note-1', stored)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    const bytes = Buffer.from(stored.slice(4), 'base64');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => decryptField(key, 'note-1', `cf1.${bytes.toString('base64')}`)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => decryptField(key, 'note-1', 'plain text')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
