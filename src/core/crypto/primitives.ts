import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  scrypt,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** scrypt cost parameters, recorded in every key slot so old slots still open after a default changes. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * Default cost for new slots: N=2^17, r=8, p=1 (128 MiB), issue 8 item 8. Measured with
 * `npm run bench -- unlock` (bench/unlock.ts) on the reference 2-core machine (AMD EPYC, Node 24,
 * 2026-12-02): a whole unlock at 2^17 takes 0.58–0.62 s of CPU (2^16: 0.32 s; 2^18: 1.2–1.3 s,
 * over the 1 s budget), so 2^17 is the largest power of two that keeps an unlock under 1 s.
 * Slots made at a lower cost are rewrapped at this one at their owner's next sign-in
 * (auth/slot-cost.ts). Tests pass TEST_SCRYPT_PARAMS through the core's `keySlotParams`.
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** For tests only: orders of magnitude cheaper, so a test suite can create dozens of slots. */
export const TEST_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export interface GcmSealed {
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * Every cryptographic primitive the core uses, behind one interface, so the start-up self-test
 * checks exactly the implementations the rest of the core calls (and a test can inject a broken one).
 */
export interface CryptoPrimitives {
  scrypt(password: Buffer, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer>;
  sha256(data: Buffer): Buffer;
  hmacSha256(key: Buffer, data: Buffer): Buffer;
  hkdfSha256(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer;
  aes256GcmEncrypt(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): GcmSealed;
  /** Throws when the tag does not authenticate (wrong key, tampered bytes, other AAD). */
  aes256GcmDecrypt(key: Buffer, iv: Buffer, sealed: GcmSealed, aad: Buffer): Buffer;
  ed25519PublicKey(seed: Buffer): Buffer;
  ed25519Sign(seed: Buffer, message: Buffer): Buffer;
  ed25519Verify(publicKey: Buffer, message: Buffer, signature: Buffer): boolean;
  x25519PublicKey(privateKey: Buffer): Buffer;
  x25519SharedSecret(privateKey: Buffer, peerPublicKey: Buffer): Buffer;
}

// Raw 32-byte keys become KeyObjects through their fixed DER prefixes (RFC 8410): Node has no raw import.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function rawKey(bytes: Buffer, name: string): Buffer {
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes`);
  return bytes;
}

function privateKeyFrom(prefix: Buffer, raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([prefix, rawKey(raw, 'private key')]), format: 'der', type: 'pkcs8' });
}

function publicKeyFrom(prefix: Buffer, raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([prefix, rawKey(raw, 'public key')]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below our default cost. */
function scryptMaxMem(params: ScryptParams): number {
  return 128 * params.N * params.r * (params.p + 1) + 16 * 1024 * 1024;
}

/**
 * The primitives as Node's (or Electron's BoringSSL-backed) crypto module provides them.
 *
 * @example const digest = nodeCryptoPrimitives.sha256(Buffer.from('abc'));
 */
export const nodeCryptoPrimitives: CryptoPrimitives = {
  scrypt: (password, salt, keyLength, params) =>
    new Promise((resolve, reject) => {
      // The async form runs on libuv's pool, so a sign-in does not freeze other connections.
      scrypt(password, salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem: scryptMaxMem(params) }, (error, key) => {
        if (error) reject(error);
        else resolve(key);
      });
    }),
  sha256: (data) => createHash('sha256').update(data).digest(),
  hmacSha256: (key, data) => createHmac('sha256', key).update(data).digest(),
  hkdfSha256: (ikm, salt, info, length) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length)),
  aes256GcmEncrypt(key, iv, plaintext, aad) {
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { ciphertext, tag: cipher.getAuthTag() };
  },
  aes256GcmDecrypt(key, iv, sealed, aad) {
    if (sealed.tag.length !== 16) throw new Error('GCM tag must be 16 bytes');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    // The parts are zeroed once joined: what is decrypted here is mostly key material.
    const head = decipher.update(sealed.ciphertext);
    const tail = decipher.final();
    const plaintext = Buffer.concat([head, tail]);
    head.fill(0);
    tail.fill(0);
    return plaintext;
  },
  ed25519PublicKey: (seed) => rawPublicKey(createPublicKey(privateKeyFrom(ED25519_PKCS8_PREFIX, seed))),
  ed25519Sign: (seed, message) => sign(null, message, privateKeyFrom(ED25519_PKCS8_PREFIX, seed)),
  ed25519Verify: (publicKey, message, signature) =>
    verify(null, message, publicKeyFrom(ED25519_SPKI_PREFIX, publicKey), signature),
  x25519PublicKey: (privateKey) => rawPublicKey(createPublicKey(privateKeyFrom(X25519_PKCS8_PREFIX, privateKey))),
  x25519SharedSecret: (privateKey, peerPublicKey) =>
    diffieHellman({
      privateKey: privateKeyFrom(X25519_PKCS8_PREFIX, privateKey),
      publicKey: publicKeyFrom(X25519_SPKI_PREFIX, peerPublicKey),
    }),
};
