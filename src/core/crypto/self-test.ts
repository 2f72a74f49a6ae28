import { AppError } from '../api/errors';
import type { CryptoPrimitives } from './primitives';

/**
 * Known-answer tests of every primitive the core uses. Electron's Node links BoringSSL rather than
 * OpenSSL, and a build may lack or break an algorithm; the core refuses to start rather than
 * write data it might not be able to read back. All vectors are the published ones, byte for byte.
 */
const hex = (value: string): Buffer => Buffer.from(value, 'hex');

export type SelfTestName = 'scrypt' | 'sha256' | 'hmacSha256' | 'hkdfSha256' | 'aes256Gcm' | 'ed25519' | 'x25519';

interface KnownAnswerTest {
  readonly name: SelfTestName;
  /** Resolves true when the primitive reproduces the published answer. */
  run(primitives: CryptoPrimitives): Promise<boolean> | boolean;
}

const KNOWN_ANSWER_TESTS: readonly KnownAnswerTest[] = [
  {
    // RFC 7914 §12, first vector (the cheap one: N=16, r=1, p=1, empty password and salt).
    name: 'scrypt',
    async run(p) {
      const key = await p.scrypt(Buffer.alloc(0), Buffer.alloc(0), 64, { N: 16, r: 1, p: 1 });
      return key.equals(
        hex(
          '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442' +
            'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
        ),
      );
    },
  },
  {
    // FIPS 180-2 Appendix B.1: SHA-256("abc").
    name: 'sha256',
    run: (p) =>
      p.sha256(Buffer.from('abc', 'ascii')).equals(hex('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')),
  },
  {
    // RFC 4231 §4.3 (test case 2: key "Jefe").
    name: 'hmacSha256',
    run: (p) =>
      p
        .hmacSha256(Buffer.from('Jefe', 'ascii'), Buffer.from('what do ya want for nothing?', 'ascii'))
        .equals(hex('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')),
  },
  {
    // RFC 5869 Appendix A.1 (test case 1).
    name: 'hkdfSha256',
    run: (p) =>
      p
        .hkdfSha256(Buffer.alloc(22, 0x0b), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42)
        .equals(hex('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865')),
  },
  {
    // The GCM specification (McGrew & Viega), test case 16: AES-256, 96-bit IV, with AAD.
    // Also checks that a flipped tag bit is refused: a GCM that "decrypts" anything is worse than none.
    name: 'aes256Gcm',
    run(p) {
      const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
      const iv = hex('cafebabefacedbaddecaf888');
      const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
      const plaintext = hex(
        'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
          '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
      );
      const expectedCiphertext = hex(
        '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
          '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
      );
      const expectedTag = hex('76fc6ece0f4e1768cddf8853bb2d551b');
      const sealed = p.aes256GcmEncrypt(key, iv, plaintext, aad);
      if (!sealed.ciphertext.equals(expectedCiphertext) || !sealed.tag.equals(expectedTag)) return false;
      if (!p.aes256GcmDecrypt(key, iv, sealed, aad).equals(plaintext)) return false;
      const badTag = Buffer.from(expectedTag);
      badTag[0] = (badTag[0] ?? 0) ^ 1;
      try {
        p.aes256GcmDecrypt(key, iv, { ciphertext: expectedCiphertext, tag: badTag }, aad);
        return false;
      } catch {
        return true;
      }
    },
  },
  {
    // RFC 8032 §7.1, TEST 1 (empty message).
    name: 'ed25519',
    run(p) {
      const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
      const publicKey = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
      const signature = hex(
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155' +
          '5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      );
      const message = Buffer.alloc(0);
      if (!p.ed25519PublicKey(seed).equals(publicKey)) return false;
      if (!p.ed25519Sign(seed, message).equals(signature)) return false;
      if (!p.ed25519Verify(publicKey, message, signature)) return false;
      return !p.ed25519Verify(publicKey, Buffer.from([0x72]), signature);
    },
  },
  {
    // RFC 7748 §6.1: Alice's public key and the Alice–Bob shared secret, from both sides.
    name: 'x25519',
    run(p) {
      const alicePrivate = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
      const alicePublic = hex('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
      const bobPrivate = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
      const bobPublic = hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
      const shared = hex('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
      return (
        p.x25519PublicKey(alicePrivate).equals(alicePublic) &&
        p.x25519SharedSecret(alicePrivate, bobPublic).equals(shared) &&
        p.x25519SharedSecret(bobPrivate, alicePublic).equals(shared)
      );
    },
  },
];

export interface SelfTestReport {
  readonly isPassed: boolean;
  /** Names of the primitives that gave a wrong answer or threw (an algorithm missing from the build). */
  readonly failed: readonly SelfTestName[];
}

/**
 * Runs every known-answer test; never throws.
 *
 * @example const report = await runCryptoSelfTest(nodeCryptoPrimitives); // { isPassed: true, failed: [] }
 */
export async function runCryptoSelfTest(primitives: CryptoPrimitives): Promise<SelfTestReport> {
  const failed: SelfTestName[] = [];
  for (const test of KNOWN_ANSWER_TESTS) {
    let isCorrect: boolean;
    try {
      isCorrect = await test.run(primitives);
    } catch {
      isCorrect = false;
    }
    if (!isCorrect) failed.push(test.name);
  }
  return { isPassed: failed.length === 0, failed };
}

/**
 * The start-up gate: throws `SELF_TEST_FAILED` (with the failing primitives' names) if any test fails.
 *
 * @example await assertCryptoSelfTest(nodeCryptoPrimitives);
 */
export async function assertCryptoSelfTest(primitives: CryptoPrimitives): Promise<void> {
  const report = await runCryptoSelfTest(primitives);
  if (!report.isPassed) throw new AppError('SELF_TEST_FAILED', { failed: report.failed });
}
