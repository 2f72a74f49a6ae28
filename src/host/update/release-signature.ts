import { nodeCryptoPrimitives } from '../../core/crypto/primitives';
import type { FeedFile, UpdateFeed } from './feed';

/**
 * The agency's signature on a release: Ed25519 over the version and every artifact's name, size
 * and SHA-512, so neither a swapped installer nor an old release relabelled as new passes. The
 * public key is pinned in the app's settings (update-settings.ts); a release that is unsigned,
 * signed by another key or changed after signing is refused. There is no "warn and install".
 */

const DOMAIN = 'INSON-UPDATE-V1';

/** The exact bytes signed. @example releaseMessage({ version: '1.2.0', files }) */
export function releaseMessage(release: { readonly version: string; readonly files: readonly FeedFile[] }): Buffer {
  const lines = [DOMAIN, `version=${release.version}`, ...release.files.map((file) => `file=${file.url}\t${file.sizeBytes}\t${file.sha512}`)];
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Decodes a raw 32-byte Ed25519 key given as base64; null for anything else. */
export function decodeAgencyKey(base64: string): Buffer | null {
  const bytes = Buffer.from(base64.trim(), 'base64');
  return bytes.length === 32 && bytes.toString('base64') === base64.trim() ? bytes : null;
}

/** @example const signature = signRelease(agencySeed, feed); // base64, goes into latest.yml as insonSignature */
export function signRelease(agencySeed: Buffer, release: { readonly version: string; readonly files: readonly FeedFile[] }): string {
  return nodeCryptoPrimitives.ed25519Sign(agencySeed, releaseMessage(release)).toString('base64');
}

/**
 * True only for a signature by the pinned agency key over this very feed. A missing key, a
 * missing signature, malformed base64 or a verify error are all "no".
 *
 * @example if (!isReleaseSignedByAgency(feed, pinnedKey)) refuse('badSignature');
 */
export function isReleaseSignedByAgency(feed: UpdateFeed, agencyPublicKey: Buffer | null): boolean {
  if (agencyPublicKey === null || agencyPublicKey.length !== 32 || feed.signature === null) return false;
  const signature = Buffer.from(feed.signature, 'base64');
  if (signature.length !== 64) return false;
  try {
    return nodeCryptoPrimitives.ed25519Verify(agencyPublicKey, releaseMessage(feed), signature);
  } catch {
    return false;
  }
}
