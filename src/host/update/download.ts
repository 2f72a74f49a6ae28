import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FeedFile } from './feed';

/**
 * The artifact on disk. A download goes to `<name>.partial` and is renamed to its final name only
 * once its size and SHA-512 match the feed; an interrupted, truncated or changed transfer leaves
 * no file that could be taken for a ready update, and the running version is never touched.
 */

export type ArtifactCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing' | 'sizeMismatch' | 'sha512Mismatch' };

/**
 * Hashes a file on disk and compares it with the feed's entry (also run on the file
 * electron-updater downloaded, just before installing).
 *
 * @example const check = await checkArtifactFile(downloadedFile, feed.files[0]);
 */
export async function checkArtifactFile(path: string, expected: FeedFile): Promise<ArtifactCheck> {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(path)).size;
  } catch {
    return { ok: false, reason: 'missing' };
  }
  if (sizeBytes !== expected.sizeBytes) return { ok: false, reason: 'sizeMismatch' };
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);
  return hash.digest('base64') === expected.sha512 ? { ok: true } : { ok: false, reason: 'sha512Mismatch' };
}

export type DownloadOutcome =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly reason: 'unreachable' | 'httpStatus' | 'interrupted' | 'tooLarge' | 'sizeMismatch' | 'sha512Mismatch'; readonly status?: number };

class TooLargeError extends Error {}

/**
 * Downloads one artifact of the feed into `directory`, checking size and SHA-512 on the way.
 *
 * @example const outcome = await downloadArtifact(`${feedUrl}/${file.url}`, file, updatesCacheDir);
 */
export async function downloadArtifact(url: string, expected: FeedFile, directory: string, options: { readonly signal?: AbortSignal } = {}): Promise<DownloadOutcome> {
  await mkdir(directory, { recursive: true });
  const finalPath = join(directory, basename(expected.url));
  const partialPath = `${finalPath}.partial`;
  await rm(partialPath, { force: true });
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal, redirect: 'error' });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (response.status !== 200 || response.body === null) {
    await response.body?.cancel();
    return { ok: false, reason: 'httpStatus', status: response.status };
  }
  const hash = createHash('sha512');
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > expected.sizeBytes) return done(new TooLargeError());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(partialPath));
  } catch (error) {
    await rm(partialPath, { force: true });
    return { ok: false, reason: error instanceof TooLargeError ? 'tooLarge' : 'interrupted' };
  }
  if (received !== expected.sizeBytes || hash.digest('base64') !== expected.sha512) {
    await rm(partialPath, { force: true });
    return { ok: false, reason: received !== expected.sizeBytes ? 'sizeMismatch' : 'sha512Mismatch' };
  }
  await rename(partialPath, finalPath);
  return { ok: true, file: finalPath };
}
