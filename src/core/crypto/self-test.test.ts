import { describe, expect, it } from 'vitest';
import { nodeCryptoPrimitives, type CryptoPrimitives } from './primitives';
import { assertCryptoSelfTest, runCryptoSelfTest, type SelfTestName } from './self-test';

/** One primitive replaced by a broken one, everything else Node's. */
const BROKEN: Readonly<Record<SelfTestName, Partial<CryptoPrimitives>>> = {
  scrypt: { scrypt: async (password, salt, length) => nodeCryptoPrimitives.sha256(Buffer.concat([password, salt])).subarray(0, length) },
  sha256: { sha256: (data) => nodeCryptoPrimitives.sha256(Buffer.concat([data, Buffer.from([0])])) },
  // Keyed with the key's digest rather than the key: right length, wrong answer.
  hmacSha256: { hmacSha256: (key, data) => nodeCryptoPrimitives.hmacSha256(nodeCryptoPrimitives.sha256(key), data) },
  hkdfSha256: {
    hkdfSha256: () => {
      throw new Error('Unsupported algorithm');
    },
  },
  // A GCM that never checks the tag: encryption is right, but tampering passes.
  aes256Gcm: {
    aes256GcmDecrypt: (key, iv, sealed, aad) => {
      try {
        return nodeCryptoPrimitives.aes256GcmDecrypt(key, iv, sealed, aad);
      } catch {
        return Buffer.alloc(sealed.ciphertext.length);
      }
    },
  },
  ed25519: { ed25519Verify: () => true },
  x25519: { x25519SharedSecret: (privateKey) => privateKey },
};

describe('crypto self-test', () => {
  it('passes on the Node crypto the core uses', async () => {
    expect(await runCryptoSelfTest(nodeCryptoPrimitives)).toEqual({ isPassed: true, failed: [] });
    await expect(assertCryptoSelfTest(nodeCryptoPrimitives)).resolves.toBeUndefined();
  });

  for (const [name, broken] of Object.entries(BROKEN) as [SelfTestName, Partial<CryptoPrimitives>][]) {
    it(`catches a broken ${name}`, async () => {
      const primitives: CryptoPrimitives = { ...nodeCryptoPrimitives, ...broken };
      expect(await runCryptoSelfTest(primitives)).toEqual({ isPassed: false, failed: [name] });
      await expect(assertCryptoSelfTest(primitives)).rejects.toMatchObject({ code: 'SELF_TEST_FAILED', details: { failed: [name] } });
    });
  }
});
