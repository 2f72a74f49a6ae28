import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoreServices } from '../api/context';
import { AppError } from '../api/errors';
import type { ReadDb, WriteTx } from '../db/handles';
import { DATABASE_FILE_NAME } from '../db/store';
import { KEYRING_FILE_NAME } from '../crypto/keyring-store';
import { ANCHORS_FILE_NAME } from '../audit/anchors';
import { openStoreWithKey, releaseKeysIfNobodySignedIn, requireDatabaseKey } from '../auth/key-access';
import { zeroize } from '../crypto/key-slots';
import { backupError } from './backup.errors';
import { backupToFolder, listBackups, readBackupPointer, writeBackupPointer } from './backup-folder';
import { restoreBackupFiles, type RestoreCredentials } from './backup-restore';
import { backupSettingsSchema, DEFAULT_BACKUP_SETTINGS, type BackupSettings, type BackupStatus, type RestoreResult } from './backup.schema';
import { writeBackup, type BackupStage, type WrittenBackup } from './backup-write';

const SETTINGS_KEY = 'backup';

/** What one running core knows about its backups beyond the database: the run in progress, the last failure. */
interface BackupRuntime {
  running: Promise<unknown> | null;
  lastFailure: BackupStatus['lastFailure'];
}

// Keyed by the core's services: per core, not a module singleton; dropped with the core.
const runtimes = new WeakMap<CoreServices, BackupRuntime>();

function runtimeOf(core: CoreServices): BackupRuntime {
  let runtime = runtimes.get(core);
  if (!runtime) {
    runtime = { running: null, lastFailure: null };
    runtimes.set(core, runtime);
  }
  return runtime;
}

/** The center's backup settings (the defaults until the administrator saves some). */
export async function readBackupSettings(db: ReadDb): Promise<BackupSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_BACKUP_SETTINGS;
  try {
    const parsed = backupSettingsSchema.safeParse({ ...DEFAULT_BACKUP_SETTINGS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
  } catch {
    return DEFAULT_BACKUP_SETTINGS;
  }
}

/** Saves the backup settings (inside the caller's write). */
export async function saveBackupSettings(trx: WriteTx, settings: BackupSettings, at: Date): Promise<void> {
  const value = JSON.stringify(settings);
  await trx
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at.toISOString() }))
    .execute();
}

/** The newest backup this center recorded, its age, and whether it is overdue by the setting. */
export async function backupStatus(core: CoreServices, db: ReadDb, now: Date): Promise<BackupStatus> {
  const settings = await readBackupSettings(db);
  const last = await db.selectFrom('backups').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const runtime = runtimeOf(core);
  const ageHours = last ? Math.max(0, (now.getTime() - Date.parse(last.created_at)) / 3_600_000) : null;
  return {
    settings,
    last: last
      ? { createdAt: last.created_at, fileName: last.file_name, folder: last.folder, sizeBytes: last.size_bytes, clientCount: last.client_count, ageHours: ageHours ?? 0 }
      : null,
    isOverdue: ageHours === null || ageHours > settings.intervalHours,
    isRunning: runtime.running !== null,
    databaseCheck: core.store.fullCheck,
    lastFailure: runtime.lastFailure,
  };
}

/** Records a checked backup in the database (audited) and in the pointer file beside it. */
async function recordBackup(core: CoreServices, actorId: string | null, written: WrittenBackup): Promise<void> {
  await core.write(actorId, async (w) => {
    const id = randomUUID();
    await w.trx
      .insertInto('backups')
      .values({
        id,
        created_at: written.manifest.createdAt,
        file_name: written.path.split(/[\\/]/).at(-1) ?? written.path,
        folder: dirname(written.path),
        size_bytes: written.sizeBytes,
        sha256: written.sha256,
        client_count: written.manifest.clientCount,
        chain_head_seq: written.manifest.chainHead.seq,
        made_by: actorId,
      })
      .execute();
    await w.audit({
      action: 'backup.created',
      entityType: 'backup',
      entityId: id,
      details: { sizeBytes: written.sizeBytes, clientCount: written.manifest.clientCount, chainHeadSeq: written.manifest.chainHead.seq, isScheduled: actorId === null },
    });
  });
}

/** Runs one backup at a time per core; a second request while one runs is told so. */
async function exclusive<T>(core: CoreServices, work: () => Promise<T>): Promise<T> {
  const runtime = runtimeOf(core);
  if (runtime.running !== null) throw backupError('CONFLICT', 'backupRunning');
  const running = work();
  runtime.running = running;
  try {
    const result = await running;
    runtime.lastFailure = null;
    return result;
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError('INTERNAL');
    const reason = appError.details?.reason;
    runtime.lastFailure = { at: core.now().toISOString(), code: appError.code, ...(typeof reason === 'string' ? { reason } : {}) };
    core.log.warn('backup.failed', { code: appError.code, ...(typeof reason === 'string' ? { reason } : {}) });
    throw error;
  } finally {
    runtime.running = null;
  }
}

export interface BackupRunOptions {
  readonly onStage?: (stage: BackupStage) => void | Promise<void>;
}

/**
 * Backs the open center up into its backup folder (the setting), rotates the folder and records
 * the backup. `actorId` is the administrator who asked, or null for the schedule.
 */
export async function backUpNow(core: CoreServices, actorId: string | null, options: BackupRunOptions = {}): Promise<WrittenBackup> {
  return exclusive(core, async () => {
    const store = core.store.require();
    const settings = await readBackupSettings(store.db);
    if (settings.folder === null) throw backupError('CONFLICT', 'backupFolderNotSet');
    const written = await backupToFolder(settings.folder, {
      dataDir: core.dataDir,
      databasePath: store.databasePath,
      databaseKey: requireDatabaseKey(core),
      primitives: core.auth.primitives,
      appVersion: core.appVersion,
      now: core.now(),
      ...(options.onStage ? { onStage: options.onStage } : {}),
    });
    await recordBackup(core, actorId, written);
    writeBackupPointer(core.dataDir, { folder: settings.folder, lastGood: { path: written.path, createdAt: written.manifest.createdAt } });
    core.log.info('backup.created', { sizeBytes: written.sizeBytes, removed: written.removed.length });
    return written;
  });
}

/** Backs the open center up into one named file (the CLI's `backup --to FILE`), recorded like any other. */
export async function backUpToFile(core: CoreServices, actorId: string, target: string, options: BackupRunOptions = {}): Promise<WrittenBackup> {
  return exclusive(core, async () => {
    const store = core.store.require();
    if (!existsSync(dirname(target))) throw backupError('BAD_REQUEST', 'backupFolderMissing');
    const written = await writeBackup({
      dataDir: core.dataDir,
      databasePath: store.databasePath,
      databaseKey: requireDatabaseKey(core),
      primitives: core.auth.primitives,
      appVersion: core.appVersion,
      now: core.now(),
      target,
      ...(options.onStage ? { onStage: options.onStage } : {}),
    });
    await recordBackup(core, actorId, written);
    return written;
  });
}

/**
 * The schedule's tick: backs up when a folder is set, the database is open and the newest backup
 * is older than the interval. Never throws (a USB drive left out is reported on the home page).
 */
export async function backUpIfDue(core: CoreServices): Promise<boolean> {
  if (!core.store.isOpen || !core.auth.databaseKey || runtimeOf(core).running !== null) return false;
  try {
    const { db } = core.store.require();
    const status = await backupStatus(core, db, core.now());
    if (status.settings.folder === null || !status.isOverdue) return false;
    await backUpNow(core, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves a damaged center's files aside into `damaged-<time>/` in the data folder (kept for the
 * agency's support, never deleted, never repaired in place), so a backup can be restored there.
 */
export function moveDamagedAside(dataDir: string, now: Date): string {
  const aside = join(dataDir, `damaged-${now.toISOString().replace(/[:.]/g, '')}`);
  mkdirSync(aside, { recursive: false, mode: 0o700 });
  for (const name of [DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, KEYRING_FILE_NAME, ANCHORS_FILE_NAME]) {
    const path = join(dataDir, name);
    if (existsSync(path)) renameSync(path, join(aside, name));
  }
  return aside;
}

/** The newest good backup of this center that the damaged-database screen can offer. */
export function latestBackupOffer(dataDir: string): { readonly path: string; readonly createdAt: string; readonly clientCount: number } | null {
  const pointer = readBackupPointer(dataDir);
  if (pointer === null) return null;
  const newest = listBackups(pointer.folder)[0];
  if (newest) return { path: newest.path, createdAt: newest.manifest.createdAt, clientCount: newest.manifest.clientCount };
  return null;
}

/**
 * Restores a center from a backup file into this core's data folder: an empty one (first start
 * on a new PC) or one whose database the check at opening found damaged (its files are moved
 * aside first). Records the restore in the restored database (`center_restores`, audited) and
 * closes it again: staff then sign in as usual, with the passwords they had at the backup.
 */
export async function restoreFromBackup(core: CoreServices, file: string, credentials: RestoreCredentials): Promise<RestoreResult> {
  const state = core.store.state();
  if (state !== 'notSetUp' && state !== 'damaged') throw new AppError('ALREADY_SET_UP');
  if (core.auth.isSetupRunning) throw new AppError('ALREADY_SET_UP');
  core.auth.isSetupRunning = true;
  let movedAside: string | null = null;
  try {
    // The damaged center is moved aside only once the backup is whole and the typed secret opens it.
    const restored = await restoreBackupFiles(
      core.auth.primitives,
      file,
      core.dataDir,
      credentials,
      state === 'damaged'
        ? () => {
            movedAside = moveDamagedAside(core.dataDir, core.now());
          }
        : undefined,
    );
    core.store.damage = null;
    try {
      const store = await openStoreWithKey(core, restored.databaseKey);
      await core.write(null, async (w) => {
        const id = randomUUID();
        await w.trx
          .insertInto('center_restores')
          .values({
            id,
            restored_at: w.now.toISOString(),
            restored_from: restored.fileName,
            backup_created_at: restored.manifest.createdAt,
            backup_chain_head_seq: restored.manifest.chainHead.seq,
            backup_chain_head_hash: restored.manifest.chainHead.hash,
            unlocked_with: restored.unlockedWith,
          })
          .execute();
        await w.audit({
          action: 'backup.restored',
          entityType: 'center',
          entityId: restored.manifest.centerId,
          details: { backupCreatedAt: restored.manifest.createdAt, backupChainHeadSeq: restored.manifest.chainHead.seq, unlockedWith: restored.unlockedWith, wasDamaged: movedAside !== null },
        });
      });
      const clients = await store.db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      core.log.info('backup.restored', { wasDamaged: movedAside !== null });
      return { centerId: restored.manifest.centerId, backupCreatedAt: restored.manifest.createdAt, clientCount: Number(clients.count), movedDamagedAside: movedAside !== null };
    } finally {
      zeroize(restored.databaseKey);
      core.auth.isSetupRunning = false;
      await releaseKeysIfNobodySignedIn(core);
    }
  } finally {
    core.auth.isSetupRunning = false;
  }
}
