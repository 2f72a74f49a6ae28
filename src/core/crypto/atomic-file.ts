import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';

function tempPathFor(path: string): string {
  return `${path}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** Makes the rename itself durable. Windows cannot open a directory for fsync; NTFS journals renames. */
export function fsyncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (process.platform !== 'win32' && code !== 'EISDIR' && code !== 'EINVAL') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces a file so that a crash at any instant leaves either the old or the new content, never a
 * mix: write a temporary file beside it, fsync it, rename it over the target, fsync the directory.
 *
 * @example writeFileAtomic(join(dataDir, 'keyring.json'), JSON.stringify(keyring));
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const tempPath = tempPathFor(path);
  const fd = openSync(tempPath, 'wx', mode);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tempPath, path);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}

/**
 * Deletes temporary files a crashed writer left beside `path`. They may hold slots that were
 * removed since (a deactivated account), so they must not linger. Call only when no other writer runs.
 */
export function removeStaleTempFiles(path: string): number {
  const directory = dirname(path);
  const prefix = `${basename(path)}.`;
  let removed = 0;
  for (const name of readdirSync(directory)) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) {
      rmSync(join(directory, name), { force: true });
      removed += 1;
    }
  }
  return removed;
}
