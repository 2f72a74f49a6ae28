import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CryptoPrimitives } from '../../crypto/primitives';
import { canonicalBytes } from './canonical-json';

/**
 * Keys of the protocol. Every key has a `kid`: the first 16 hex digits of SHA-256 over its raw
 * public key. The registry has a signing key (Ed25519, receipts and key statements) and an
 * encryption key (X25519, batches); a center has a signing key (Ed25519, batches and transfer
 * manifests). A new key is announced by a statement signed with a key the other side already
 * trusts, so a rotation never needs a new enrollment letter.
 */

export type KeyUse = 'sig' | 'enc';

/** @example keyIdOf(publicKey) // '3f2a9c0d1e4b5a67' */
export function keyIdOf(publicKey: Buffer): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

/**
 * The registry's identity as people compare it: SHA-256 over its first signing key, in groups of
 * four hex digits (the enrollment letter prints the same string).
 *
 * @example registryFingerprint(publicKey) // 'A1B2 C3D4 … (16 groups)'
 */
export function registryFingerprint(rootSigningKey: Buffer): string {
  const hex = createHash('sha256').update(rootSigningKey).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

export const publishedKeySchema = z
  .object({
    kid: z.string().regex(/^[0-9a-f]{16}$/),
    use: z.enum(['sig', 'enc']),
    publicKey: z.string().min(1),
    createdAt: z.string(),
    /** Signed by a signing key the reader already trusts; absent only on the root signing key. */
    endorsement: z.object({ by: z.string().regex(/^[0-9a-f]{16}$/), sig: z.string().min(1) }).strict().nullable(),
  })
  .strict();
export type PublishedKey = z.infer<typeof publishedKeySchema>;

function statementOf(key: { readonly kid: string; readonly use: KeyUse; readonly publicKey: string; readonly createdAt: string }): Buffer {
  return canonicalBytes({ kind: 'inson.key/1.0', kid: key.kid, use: key.use, publicKey: key.publicKey, createdAt: key.createdAt });
}

/** Signs a new key with a trusted signing key (`by`). */
export function endorseKey(
  crypto: CryptoPrimitives,
  key: { readonly use: KeyUse; readonly publicKey: Buffer; readonly createdAt: string },
  by: { readonly kid: string; readonly seed: Buffer },
): PublishedKey {
  const published = { kid: keyIdOf(key.publicKey), use: key.use, publicKey: key.publicKey.toString('base64'), createdAt: key.createdAt };
  return { ...published, endorsement: { by: by.kid, sig: crypto.ed25519Sign(by.seed, statementOf(published)).toString('base64') } };
}

/**
 * Of a list of published keys, those that chain to the trusted signing keys through endorsements
 * (a key endorsed by a key that is itself trusted, transitively). Keys whose kid does not match
 * their bytes, or whose endorsement does not verify, are left out.
 *
 * @example trustedKeys(crypto, hello.keys, new Map([[pinnedKid, pinnedKey]]))
 */
export function trustedKeys(crypto: CryptoPrimitives, published: readonly PublishedKey[], trustedSigning: ReadonlyMap<string, Buffer>): Map<string, PublishedKey & { readonly raw: Buffer }> {
  const signing = new Map(trustedSigning);
  const result = new Map<string, PublishedKey & { readonly raw: Buffer }>();
  let isGrowing = true;
  while (isGrowing) {
    isGrowing = false;
    for (const key of published) {
      if (result.has(key.kid)) continue;
      const raw = Buffer.from(key.publicKey, 'base64');
      if (raw.length !== 32 || keyIdOf(raw) !== key.kid) continue;
      const isRoot = key.use === 'sig' && trustedSigning.get(key.kid)?.equals(raw) === true;
      const endorser = key.endorsement ? signing.get(key.endorsement.by) : undefined;
      let isEndorsed = false;
      if (!isRoot && endorser !== undefined && key.endorsement) {
        try {
          isEndorsed = crypto.ed25519Verify(endorser, statementOf(key), Buffer.from(key.endorsement.sig, 'base64'));
        } catch {
          isEndorsed = false;
        }
      }
      if (!isRoot && !isEndorsed) continue;
      result.set(key.kid, { ...key, raw });
      if (key.use === 'sig') signing.set(key.kid, raw);
      isGrowing = true;
    }
  }
  return result;
}

/**
 * The pseudonym of a person the registry may not identify: HMAC-SHA256 of the PINFL under the
 * registry's pseudonym key. The same person has the same pseudonym at every center, so national
 * counts count people; only a holder of the key can test a guessed PINFL (docs/security.md).
 *
 * @example pseudonymOf(crypto, key, '31507851234567') // 'p1:9c4e…' (64 hex digits)
 */
export function pseudonymOf(crypto: CryptoPrimitives, pseudonymKey: Buffer, pinfl: string): string {
  return `p1:${crypto.hmacSha256(pseudonymKey, Buffer.from(`inson.pseudonym/1:${pinfl}`, 'utf8')).toString('hex')}`;
}
