import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../crypto/atomic-file';
import { backupError } from './backup.errors';
import { BACKUP_FILE_SUFFIX, checkBackupFile, PARTIAL_SUFFIX, readBackupHeader, type BackupManifest } from './backup-file';
import { keptBackups, DEFAULT_ROTATION, type RotationPolicy } from './backup-rotation';
import { writeBackup, type WriteBackupOptions, type WrittenBackup } from './backup-write';

/** A backup file found in a folder. */
export interface FoundBackup {
  readonly path: string;
  readonly fileName: string;
  readonly manifest: BackupManifest;
  readonly sizeBytes: number;
}

/**
 * `inson-2026-12-04T150000Z.inson-backup`: sortable, no characters Windows refuses. A second
 * backup within the same second (the schedule's and "Back up now", or two clicks) takes the next
 * free `-2`, `-3`… rather than being refused; listings order by the manifest's time, not the name.
 */
export function backupFileName(at: Date, isTaken: (fileName: string) => boolean = () => false): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  for (let n = 1; ; n += 1) {
    const fileName = `inson-${stamp}${n === 1 ? '' : `-${n}`}${BACKUP_FILE_SUFFIX}`;
    if (!isTaken(fileName)) return fileName;
  }
}

/**
 * The backups of one center in a folder, newest first. Only whole files count: a `.partial` file
 * (a run that was cut off) is never listed, nor a file whose size does not match its manifest.
 * `deep` also checks every part's SHA-256 (reads every file whole).
 *
 * @example listBackups('/media/usb/inson', { centerId })[0]?.manifest.createdAt
 */
export function listBackups(folder: string, options: { readonly centerId?: string; readonly deep?: boolean } = {}): FoundBackup[] {
  if (!existsSync(folder)) return [];
  const found: FoundBackup[] = [];
  for (const fileName of readdirSync(folder)) {
    if (!fileName.endsWith(BACKUP_FILE_SUFFIX)) continue;
    const path = join(folder, fileName);
    try {
      const header = options.deep === true ? checkBackupFile(path) : readBackupHeader(path);
      if (options.centerId !== undefined && header.manifest.centerId !== options.centerId) continue;
      found.push({ path, fileName, manifest: header.manifest, sizeBytes: header.fileSizeBytes });
    } catch {
      // Not a whole backup: never offered, never counted, never deleted by rotation.
    }
  }
  return found.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.fileName.localeCompare(a.fileName));
}

/** Removes what runs cut off by a crash left behind (`*.partial`), never a whole backup. */
export function removePartialFiles(folder: string): number {
  let removed = 0;
  for (const fileName of readdirSync(folder)) {
    if (!fileName.endsWith(PARTIAL_SUFFIX)) continue;
    rmSync(join(folder, fileName), { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Deletes this center's backups the rotation does not keep (7 daily, 4 weekly, 12 monthly).
 * Another center's backups in the same folder, and files that are not whole backups, are left.
 */
export function rotateBackups(folder: string, centerId: string, policy: RotationPolicy = DEFAULT_ROTATION): readonly string[] {
  const backups = listBackups(folder, { centerId });
  const kept = keptBackups(
    backups.map((backup) => ({ name: backup.fileName, createdAt: new Date(backup.manifest.createdAt) })),
    policy,
  );
  const removed = backups.filter((backup) => !kept.has(backup.fileName));
  for (const backup of removed) rmSync(backup.path, { force: true });
  return removed.map((backup) => backup.fileName);
}

/**
 * Writes a backup into `folder` under a dated name, then rotates the folder. The folder must exist
 * (a USB drive that is not plugged in is not created on the PC's own disk).
 */
export async function backupToFolder(folder: string, options: Omit<WriteBackupOptions, 'target'>): Promise<WrittenBackup & { readonly removed: readonly string[] }> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw backupError('BAD_REQUEST', 'backupFolderMissing');
  removePartialFiles(folder);
  const written = await writeBackup({ ...options, target: join(folder, backupFileName(options.now, (fileName) => existsSync(join(folder, fileName)))) });
  const removed = rotateBackups(folder, written.manifest.centerId);
  return { ...written, removed };
}

/**
 * Beside the database, in the clear: where this center's backups go and which was the last good
 * one. The damaged-database screen needs it when the database (and the settings in it) cannot be
 * read. No personal data: a folder path, a file name, a date.
 */
export const BACKUP_POINTER_FILE_NAME = 'backup-location.json';

export interface BackupPointer {
  readonly folder: string;
  readonly lastGood?: { readonly path: string; readonly createdAt: string };
}

export function readBackupPointer(dataDir: string): BackupPointer | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, BACKUP_POINTER_FILE_NAME), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { folder?: unknown }).folder !== 'string') return null;
    const { folder, lastGood } = parsed as { folder: string; lastGood?: { path?: unknown; createdAt?: unknown } };
    const good = lastGood && typeof lastGood.path === 'string' && typeof lastGood.createdAt === 'string' ? { path: lastGood.path, createdAt: lastGood.createdAt } : undefined;
    return { folder, ...(good ? { lastGood: good } : {}) };
  } catch {
    return null;
  }
}

export function writeBackupPointer(dataDir: string, pointer: BackupPointer): void {
  writeFileAtomic(join(dataDir, BACKUP_POINTER_FILE_NAME), `${JSON.stringify(pointer, null, 2)}\n`);
}
