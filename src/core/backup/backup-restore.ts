import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fsyncDirectory } from '../crypto/atomic-file';
import { zeroize } from '../crypto/key-slots';
import { unlockRecoverySlot, unlockUserSlot } from '../crypto/keyring';
import { KEYRING_FILE_NAME, readKeyringFile } from '../crypto/keyring-store';
import { unlockUserSlotV1 } from '../crypto/keyring-v1';
import type { CryptoPrimitives } from '../crypto/primitives';
import { ensurePrivateDataDir } from '../db/data-dir';
import { openDatabaseReadOnly } from '../db/open';
import { DATABASE_FILE_NAME } from '../db/store';
import { AppError } from '../api/errors';
import { ANCHORS_FILE_NAME } from '../audit/anchors';
import { migrations as knownMigrations } from '../../../migrations';
import { backupError } from './backup.errors';
import { checkBackupFile, extractPart, isManifestAuthentic, type BackupManifest } from './backup-file';
import { countClients } from './backup-copy';

export type RestoreCredentials = { readonly recoveryCode: string } | { readonly username: string; readonly password: string };

export interface RestoredFiles {
  readonly manifest: BackupManifest;
  /** The database key the credentials unwrapped; the caller opens the store with it and zeroes it. */
  readonly databaseKey: Buffer;
  readonly unlockedWith: 'recoveryCode' | 'password';
  readonly fileName: string;
}

const RESTORING = '.restoring';

/** True when the folder holds no center (no database, no keyring): the only place a restore writes. */
export function isEmptyCenterFolder(dataDir: string): boolean {
  return !existsSync(join(dataDir, DATABASE_FILE_NAME)) && !existsSync(join(dataDir, KEYRING_FILE_NAME));
}

/**
 * Puts a center back from a backup file into an empty data folder: checks every part against the
 * manifest, opens the keyring's recovery slot (or a staff slot) with what the person typed,
 * checks the manifest's MAC under the key it gave, opens the database copy with it and counts
 * its clients against the manifest; only then moves the files into place, the keyring last (the
 * keyring is what makes a folder "set up"). Every slot comes back: the keyring is the center's own.
 *
 * No attempt counter: whoever holds the file can guess against it offline at full speed; the
 * slots' scrypt cost is what protects them, as for `verify`.
 *
 * @example const restored = await restoreBackupFiles(primitives, file, dataDir, { recoveryCode });
 */
export async function restoreBackupFiles(
  primitives: CryptoPrimitives,
  file: string,
  dataDir: string,
  credentials: RestoreCredentials,
  /** Runs once the backup is known good and the credentials open it, before any file is placed (moving a damaged center aside). */
  beforePlacing?: () => void,
): Promise<RestoredFiles> {
  ensurePrivateDataDir(dataDir, { create: true });
  if (!beforePlacing && !isEmptyCenterFolder(dataDir)) throw backupError('CONFLICT', 'restoreTargetNotEmpty');
  const header = checkBackupFile(file);
  const { manifest } = header;
  // A migration this build does not know: a newer version wrote the backup (the store would refuse to open it).
  if (!(manifest.schemaVersion in knownMigrations)) throw new AppError('DATABASE_TOO_NEW', { unknownMigrations: [manifest.schemaVersion] });
  const databaseTemp = join(dataDir, `${DATABASE_FILE_NAME}${RESTORING}`);
  const keyringTemp = join(dataDir, `${KEYRING_FILE_NAME}${RESTORING}`);
  const anchorsTemp = join(dataDir, `${ANCHORS_FILE_NAME}${RESTORING}`);
  const temporaries = [databaseTemp, keyringTemp, anchorsTemp];
  for (const path of temporaries) rmSync(path, { force: true });
  let databaseKey: Buffer | null = null;
  try {
    extractPart(file, header, 'keyring.json', keyringTemp);
    const keyring = readKeyringFile(keyringTemp);
    if (keyring === null) throw backupError('BAD_REQUEST', 'backupUnreadable', { detail: 'keyring' });
    let unlockedWith: RestoredFiles['unlockedWith'];
    if ('recoveryCode' in credentials) {
      const keys = await unlockRecoverySlot(primitives, keyring, credentials.recoveryCode);
      if (!keys) throw new AppError('WRONG_RECOVERY_CODE');
      zeroize(keys.confidentialKey, keys.pendingDatabaseKey);
      databaseKey = keys.databaseKey;
      unlockedWith = 'recoveryCode';
    } else {
      const unlocked =
        keyring.version === 1
          ? await unlockUserSlotV1(primitives, keyring, credentials.username, credentials.password)
          : await unlockUserSlot(primitives, keyring, credentials.username, credentials.password);
      if (!unlocked) throw new AppError('WRONG_PASSWORD');
      zeroize(unlocked.confidentialKey, unlocked.previousConfidentialKey ?? null, unlocked.pendingDatabaseKey ?? null);
      databaseKey = unlocked.databaseKey;
      unlockedWith = 'password';
    }
    if (!isManifestAuthentic(primitives, manifest, databaseKey)) throw backupError('BAD_REQUEST', 'backupTampered');
    extractPart(file, header, 'center.db', databaseTemp);
    const handle = openDatabaseReadOnly(databaseTemp, databaseKey);
    try {
      const check = handle.pragma('quick_check') as { quick_check: string }[];
      if (check.length !== 1 || check[0]?.quick_check !== 'ok' || countClients(handle) !== manifest.clientCount) throw backupError('BAD_REQUEST', 'backupUnreadable', { detail: 'database' });
    } finally {
      handle.close();
    }
    rmSync(`${databaseTemp}-wal`, { force: true });
    rmSync(`${databaseTemp}-shm`, { force: true });
    if (manifest.parts.some((part) => part.name === 'audit-anchors.json')) extractPart(file, header, 'audit-anchors.json', anchorsTemp);
    beforePlacing?.();
    if (!isEmptyCenterFolder(dataDir)) throw backupError('CONFLICT', 'restoreTargetNotEmpty');
    if (existsSync(anchorsTemp)) {
      renameSync(anchorsTemp, join(dataDir, ANCHORS_FILE_NAME));
    }
    renameSync(databaseTemp, join(dataDir, DATABASE_FILE_NAME));
    renameSync(keyringTemp, join(dataDir, KEYRING_FILE_NAME));
    fsyncDirectory(dataDir);
    const result: RestoredFiles = { manifest, databaseKey, unlockedWith, fileName: basename(file) };
    databaseKey = null;
    return result;
  } finally {
    zeroize(databaseKey);
    for (const path of temporaries) rmSync(path, { force: true });
  }
}
