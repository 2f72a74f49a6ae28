import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { anchorsPathFor, readAnchors } from '../audit/anchors';
import { fsyncDirectory } from '../crypto/atomic-file';
import { verifyStore } from '../audit/verify-store';
import { isKeyringIntact, keyringSchema } from '../crypto/keyring';
import type { CryptoPrimitives } from '../crypto/primitives';
import { openDatabaseReadOnly, type SqliteHandle } from '../db/open';
import { keyringPath } from '../crypto/keyring-store';
import { backupError } from './backup.errors';
import { BACKUP_PARTS, checkBackupFile, hashFile, manifestMac, PARTIAL_SUFFIX, writeBackupFile, type BackupManifest, type BackupPart, type UnsignedManifest } from './backup-file';
import { copyDatabase, type CopyFacts, readCopyFacts } from './backup-copy';

/** The stages a backup run passes, in order (the crash test stops a child at each). */
export type BackupStage = 'copying' | 'copied' | 'checked' | 'written' | 'renamed';

export interface WriteBackupOptions {
  /** The center's data folder (the database, the keyring and the anchors are read from it). */
  readonly dataDir: string;
  readonly databasePath: string;
  /** The key the open database is under (held by the core while someone is signed in). */
  readonly databaseKey: Buffer;
  /** The backup file to write; it must not exist yet. */
  readonly target: string;
  readonly primitives: CryptoPrimitives;
  readonly appVersion: string;
  readonly now: Date;
  /** Called as each stage begins (progress for a person; the crash test's way in). */
  readonly onStage?: (stage: BackupStage) => void | Promise<void>;
}

export interface WrittenBackup {
  readonly path: string;
  readonly manifest: BackupManifest;
  readonly sizeBytes: number;
  /** SHA-256 of the whole file. */
  readonly sha256: string;
}

/**
 * Checks the copy as `verify` checks a center: `integrity_check`, foreign keys, the audit chain
 * from the first event, every row against the audit log, and the anchors the center had.
 */
function checkCopy(handle: SqliteHandle, anchors: ReturnType<typeof readAnchors>): void {
  const report = verifyStore(handle, anchors === null ? {} : { anchors });
  if (report.ok) return;
  const problem =
    report.integrity[0] !== 'ok' ? 'integrity' : report.foreignKeys.length > 0 ? 'foreignKeys' : !report.auditChain.ok ? 'auditChain' : report.rows.counts.changed + report.rows.counts.unaudited + report.rows.counts.missing > 0 ? 'rows' : 'anchors';
  throw backupError('CONFLICT', 'backupCheckFailed', { problem });
}

/**
 * Writes one backup file, consistent while the application keeps writing:
 *
 * 1. the database is copied by SQLite itself (`VACUUM INTO` on a separate read-only connection:
 *    one read transaction, so the copy is the database as of one commit, while writers go on in
 *    WAL mode); the copy is encrypted under the same key;
 * 2. the copy is opened and checked (`integrity_check`, the audit chain, the rows) and counted;
 * 3. the keyring is read and must be sealed under the key that opens the copy;
 * 4. the file is written under a temporary name (`….partial`), made durable, read back and every
 *    part's SHA-256 checked, and only then renamed to its name. A crash at any point leaves a
 *    `.partial` file that no listing and no restore takes for a backup.
 *
 * Why `VACUUM INTO` and not the driver's `db.backup()` (SQLite's backup API): the driver opens the
 * destination itself, with no key, and SQLite3MultipleCiphers refuses a backup from an encrypted
 * database into an unencrypted one ("backup is not supported with incompatible source and target
 * databases"), so no encrypted copy can be made through it. `VACUUM INTO` writes the copy through
 * the source's own codec: same cipher, same key (backup.test.ts opens it without a key and fails).
 */
export async function writeBackup(options: WriteBackupOptions): Promise<WrittenBackup> {
  const { target } = options;
  if (existsSync(target)) throw backupError('CONFLICT', 'backupExists');
  const partial = `${target}${PARTIAL_SUFFIX}`;
  const copyPath = `${target}.db${PARTIAL_SUFFIX}`;
  const keyringCopy = `${target}.keyring${PARTIAL_SUFFIX}`;
  const anchorsCopy = `${target}.anchors${PARTIAL_SUFFIX}`;
  const temporaries = [partial, copyPath, keyringCopy, anchorsCopy];
  for (const path of temporaries) rmSync(path, { force: true });
  try {
    // The anchors first: the chain only grows, so every anchor read now is at or below the copy's head.
    const anchorsPath = anchorsPathFor(options.databasePath);
    const anchors = readAnchors(anchorsPath);
    if (existsSync(anchorsPath)) writeFileSync(anchorsCopy, readFileSync(anchorsPath), { mode: 0o600, flag: 'wx' });
    await options.onStage?.('copying');
    copyDatabase(options.databasePath, options.databaseKey, copyPath);
    await options.onStage?.('copied');
    let facts: CopyFacts;
    const handle = openDatabaseReadOnly(copyPath, options.databaseKey);
    try {
      checkCopy(handle, anchors);
      facts = readCopyFacts(handle);
    } finally {
      handle.close();
    }
    const keyringBytes = readFileSync(keyringPath(options.dataDir));
    const keyring = keyringSchema.safeParse(JSON.parse(keyringBytes.toString('utf8')));
    // A keyring sealed under another key (a rotation finishing meanwhile) would not open this copy.
    if (!keyring.success || !isKeyringIntact(options.primitives, keyring.data, options.databaseKey)) throw backupError('CONFLICT', 'backupKeyringChanged');
    writeFileSync(keyringCopy, keyringBytes, { mode: 0o600, flag: 'wx' });
    await options.onStage?.('checked');
    const sources: Record<string, string> = { 'center.db': copyPath, 'keyring.json': keyringCopy };
    if (existsSync(anchorsCopy)) sources['audit-anchors.json'] = anchorsCopy;
    const parts: BackupPart[] = BACKUP_PARTS.filter((name) => sources[name] !== undefined).map((name) => ({ name, ...hashFile(sources[name] ?? '') }));
    const unsigned: UnsignedManifest = {
      format: 'inson-backup',
      formatVersion: 1,
      centerId: facts.centerId,
      appVersion: options.appVersion,
      schemaVersion: facts.schemaVersion,
      createdAt: options.now.toISOString(),
      clientCount: facts.clientCount,
      chainHead: facts.chainHead,
      parts,
    };
    const manifest: BackupManifest = { ...unsigned, mac: manifestMac(options.primitives, unsigned, options.databaseKey) };
    writeBackupFile(partial, manifest, sources);
    await options.onStage?.('written');
    // Read back from the drive: what was written is what the manifest says.
    checkBackupFile(partial);
    const { sha256, sizeBytes } = hashFile(partial);
    renameSync(partial, target);
    fsyncDirectory(dirname(target));
    await options.onStage?.('renamed');
    return { path: target, manifest, sizeBytes, sha256 };
  } finally {
    for (const path of temporaries) rmSync(path, { force: true });
  }
}

/** The size of a file, or 0 when it is gone. */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
