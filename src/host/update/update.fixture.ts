import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { nodeCryptoPrimitives } from '../../core/crypto/primitives';
import { startTestRegistry, type TestRegistry } from '../../registry/registry.fixture';
import { signFeedText } from './sign-release';

/**
 * For the updater's tests: an agency key and releases written into an updates folder the way
 * electron-builder writes them (latest.yml beside the installer), then signed as the agency does.
 */

export interface AgencyKey {
  readonly seed: Buffer;
  readonly publicKey: Buffer;
}

export function newAgencyKey(): AgencyKey {
  const seed = randomBytes(32);
  return { seed, publicKey: nodeCryptoPrimitives.ed25519PublicKey(seed) };
}

/**
 * A test file's update server: the real registry serving a fresh updates folder over loopback HTTP
 * (nothing of HTTP is faked), a download cache folder and an agency key; all gone after the file.
 * Call it at the top of the file: it registers the file's beforeAll and afterAll.
 */
export function updateServerForFile(): { readonly updatesDir: string; readonly cacheDir: string; readonly agency: AgencyKey; readonly registry: () => TestRegistry } {
  const updatesDir = mkdtempSync(join(tmpdir(), 'inson-updates-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'inson-update-cache-'));
  let running: TestRegistry | null = null;
  beforeAll(async () => {
    running = await startTestRegistry({ updatesDir, usePostgres: false });
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    rmSync(updatesDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });
  return {
    updatesDir,
    cacheDir,
    agency: newAgencyKey(),
    registry: () => {
      if (running === null) throw new Error('the update server starts in beforeAll');
      return running;
    },
  };
}

export interface PublishedRelease {
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly sha512: string;
  readonly feedPath: string;
}

/**
 * Writes `<updatesDir>/<channel>/latest.yml` and its installer; `signedBy: null` leaves it unsigned.
 *
 * @example publishRelease(dir, { channel: 'stable', version: '1.3.0', signedBy: agency, stagingPercentage: 30 })
 */
export function publishRelease(
  updatesDir: string,
  options: { readonly channel: string; readonly version: string; readonly signedBy: AgencyKey | null; readonly stagingPercentage?: number; readonly sizeBytes?: number },
): PublishedRelease {
  const folder = join(updatesDir, options.channel);
  mkdirSync(folder, { recursive: true });
  const fileName = `INSON-Center-Setup-${options.version}.exe`;
  const bytes = randomBytes(options.sizeBytes ?? 200_000);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(join(folder, fileName), bytes);
  const lines = [
    `version: ${options.version}`,
    'files:',
    `  - url: ${fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `path: ${fileName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-04T10:00:00.000Z'",
    ...(options.stagingPercentage === undefined ? [] : [`stagingPercentage: ${options.stagingPercentage}`]),
  ];
  const text = `${lines.join('\n')}\n`;
  const feedPath = join(folder, 'latest.yml');
  writeFileSync(feedPath, options.signedBy ? signFeedText(text, options.signedBy.seed) : text);
  return { fileName, bytes, sha512, feedPath };
}
