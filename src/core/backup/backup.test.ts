import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import driverModule from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyStore } from '../audit/verify-store';
import { unlockRecoverySlot } from '../crypto/keyring';
import { readKeyringFile } from '../crypto/keyring-store';
import { nodeCryptoPrimitives } from '../crypto/primitives';
import { openDatabaseReadOnly } from '../db/open';
import { createTestCenterTemplate, clientOf, rejection, startTestCore, TEST_ADMIN, type TestCenter } from '../testing/test-center';
import { PAGE_SIZE_BYTES } from '../db/page-check';
import { extractPart, readBackupHeader } from './backup-file';
import { listBackups } from './backup-folder';
import { migrations } from '../../../migrations';

const NOW = new Date('2026-12-04T15:00:00.000Z');
const centers = createTestCenterTemplate({ roles: ['administrator', 'receptionist'], now: () => NOW }, async (center) => {
  for (const tag of ['a', 'b', 'c']) await center.registerClient(tag);
});

const temporaries: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaries.push(dir);
  return dir;
}

afterAll(async () => {
  await centers.dispose();
  for (const dir of temporaries) rmSync(dir, { recursive: true, force: true });
});

/** A center with a backup folder set and one backup made through the API. */
async function backedUpCenter(): Promise<{ t: TestCenter<'administrator' | 'receptionist'>; folder: string; file: string }> {
  const t = await centers.copy();
  const folder = tempDir('inson-backups-');
  await t.as.administrator.invoke('backup.updateSettings', { folder, intervalHours: 24 });
  const made = await t.as.administrator.invoke('backup.runNow', {});
  return { t, folder, file: join(folder, made.fileName) };
}

describe('backups', () => {
  let t: TestCenter<'administrator' | 'receptionist'> | null = null;
  afterEach(async () => {
    await t?.dispose();
    t = null;
  });

  it('writes one checked file whose database copy opens only with the center key; the home status shows it', async () => {
    const made = await backedUpCenter();
    t = made.t;
    expect(readdirSync(made.folder)).toEqual([made.file.split('/').at(-1)]);
    const header = readBackupHeader(made.file);
    expect(header.manifest).toMatchObject({ format: 'inson-backup', formatVersion: 1, clientCount: 3, schemaVersion: Object.keys(migrations).at(-1), createdAt: NOW.toISOString() });
    expect(header.manifest.parts.map((part) => part.name)).toEqual(['center.db', 'keyring.json', 'audit-anchors.json']);
    // Nothing of a client is in the file in the clear.
    const bytes = readFileSync(made.file);
    expect(bytes.includes(Buffer.from('Dilnoza'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // The copy inside is the encrypted database: without the key SQLite cannot read it.
    const copy = join(tempDir('inson-copy-'), 'center.db');
    extractPart(made.file, header, 'center.db', copy);
    const Driver = driverModule as unknown as new (path: string, options: { readonly: boolean }) => { prepare(sql: string): { get(): unknown }; close(): void };
    const withoutKey = new Driver(copy, { readonly: true });
    expect(() => withoutKey.prepare('SELECT count(*) FROM clients').get()).toThrow(/not a database/);
    withoutKey.close();

    const status = await t.as.administrator.invoke('backup.status', {});
    expect(status).toMatchObject({ isOverdue: false, isRunning: false, last: { clientCount: 3, ageHours: 0, folder: made.folder }, settings: { intervalHours: 24 } });
    // The receptionist does not manage backups.
    expect(await rejection(t.as.receptionist.invoke('backup.status', {}))).toMatchObject({ code: 'FORBIDDEN' });
    const events = await t.db().selectFrom('audit_log').select(['action', 'details_json']).where('action', '=', 'backup.created').execute();
    expect(events).toHaveLength(1);
  });

  it('restores into an empty folder with the recovery code: every slot comes back and the restore is recorded', async () => {
    const made = await backedUpCenter();
    t = made.t;
    const target = tempDir('inson-restored-');
    const restoring = await startTestCore(target, { now: () => NOW });
    try {
      const api = clientOf(restoring, 'first-start');
      expect(await rejection(api.invoke('backup.restore', { file: made.file, recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }))).toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
      expect(readdirSync(target)).toEqual([]);
      const restored = await api.invoke('backup.restore', { file: made.file, recoveryCode: t.recoveryCode });
      expect(restored).toMatchObject({ clientCount: 3, movedDamagedAside: false, backupCreatedAt: NOW.toISOString() });
      expect((await api.invoke('system.info', {})).database).toBe('locked');
      // Both staff slots came back with the center.
      await api.invoke('auth.signIn', { username: t.staff.receptionist.username, password: t.staff.receptionist.password });
      const admin = clientOf(restoring, 'admin');
      await admin.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      const restores = await restoring.services.store.require().db.selectFrom('center_restores').selectAll().execute();
      expect(restores).toEqual([expect.objectContaining({ restored_from: made.file.split('/').at(-1), backup_created_at: NOW.toISOString(), unlocked_with: 'recoveryCode' })]);
      // A second restore over a center is refused.
      expect(await rejection(api.invoke('backup.restore', { file: made.file, recoveryCode: t.recoveryCode }))).toMatchObject({ code: 'ALREADY_SET_UP' });
    } finally {
      await restoring.close();
    }
    // The restored center passes the same check as `verify`, under the key its recovery slot opens.
    const keyring = readKeyringFile(join(target, 'keyring.json'));
    const keys = keyring && (await unlockRecoverySlot(nodeCryptoPrimitives, keyring, t.recoveryCode));
    if (!keys) throw new Error('the recovery code does not open the restored keyring');
    const handle = openDatabaseReadOnly(join(target, 'center.db'), keys.databaseKey);
    try {
      expect(verifyStore(handle).ok).toBe(true);
    } finally {
      handle.close();
    }
  });

  it('restores with a staff password too, and refuses a manifest edited by hand or a file cut short', async () => {
    const made = await backedUpCenter();
    t = made.t;
    // The client count in the manifest changed from 3 to 4 (same length): the MAC no longer holds.
    const edited = join(tempDir('inson-edited-'), 'edited.inson-backup');
    writeFileSync(edited, Buffer.from(readFileSync(made.file).toString('latin1').replace('"clientCount":3', '"clientCount":4'), 'latin1'));
    const cut = join(tempDir('inson-cut-'), 'cut.inson-backup');
    const whole = readFileSync(made.file);
    writeFileSync(cut, whole.subarray(0, whole.length - 5000));
    expect(listBackups(join(cut, '..'))).toEqual([]);

    const target = tempDir('inson-restored-');
    const restoring = await startTestCore(target, { now: () => NOW });
    try {
      const api = clientOf(restoring, 'first-start');
      const credentials = { username: TEST_ADMIN.username, password: TEST_ADMIN.password };
      expect(await rejection(api.invoke('backup.restore', { file: edited, ...credentials }))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'backupTampered' } });
      expect(await rejection(api.invoke('backup.restore', { file: cut, ...credentials }))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'backupUnreadable' } });
      expect(await rejection(api.invoke('backup.restore', { file: made.file, username: TEST_ADMIN.username, password: 'not the password' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(readdirSync(target)).toEqual([]);
      expect(await api.invoke('backup.restore', { file: made.file, ...credentials })).toMatchObject({ clientCount: 3 });
    } finally {
      await restoring.close();
    }
  });

  it('finds a damaged page at opening, keeps the damaged files aside and offers the latest good backup', async () => {
    const made = await backedUpCenter();
    t = made.t;
    await t.registerClient('after');
    await t.close();
    const dataDir = t.dataDir;
    // One page in the middle of the file overwritten, as a failing disk sector would.
    const databasePath = join(dataDir, 'center.db');
    const fd = openSync(databasePath, 'r+');
    writeSync(fd, Buffer.alloc(PAGE_SIZE_BYTES, 0x5a), 0, PAGE_SIZE_BYTES, 5 * PAGE_SIZE_BYTES);
    closeSync(fd);
    const damagedBytes = readFileSync(databasePath);

    const restarted = await startTestCore(dataDir, { now: () => NOW });
    try {
      const api = clientOf(restarted, 'window');
      expect(await rejection(api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }))).toMatchObject({ code: 'DATABASE_DAMAGED' });
      expect((await api.invoke('system.info', {})).database).toBe('damaged');
      const offer = await api.invoke('backup.damage', {});
      expect(offer).toMatchObject({ isDamaged: true, latest: { path: made.file, clientCount: 3, createdAt: NOW.toISOString() } });
      // The damaged file is untouched until someone restores.
      expect(readFileSync(databasePath).equals(damagedBytes)).toBe(true);
      const restored = await api.invoke('backup.restore', { file: made.file, username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      expect(restored).toMatchObject({ movedDamagedAside: true, clientCount: 3 });
      const aside = readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(dataDir, aside[0] ?? '', 'center.db')).equals(damagedBytes)).toBe(true);
      await api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      expect((await api.invoke('system.info', {})).database).toBe('open');
    } finally {
      await restarted.close();
    }
    expect(existsSync(join(dataDir, 'keyring.json'))).toBe(true);
  });

  it('writes a second backup made within the same second under a name of its own, not refused (the rotation keeps one of the day)', async () => {
    const made = await backedUpCenter();
    t = made.t;
    const first = made.file.split('/').at(-1) ?? '';
    const again = await t.as.administrator.invoke('backup.runNow', {});
    expect(again).toMatchObject({ fileName: first.replace('.inson-backup', '-2.inson-backup'), clientCount: 3 });
    expect(listBackups(made.folder, { deep: true })).toHaveLength(1);
    expect(await t.db().selectFrom('audit_log').select('action').where('action', '=', 'backup.created').execute()).toHaveLength(2);
  });

  it('refuses to back up without a folder, and into a folder that is not there', async () => {
    t = await centers.copy();
    expect(await rejection(t.as.administrator.invoke('backup.runNow', {}))).toMatchObject({ code: 'CONFLICT', details: { reason: 'backupFolderNotSet' } });
    await t.as.administrator.invoke('backup.updateSettings', { folder: join(tmpdir(), 'inson-no-such-usb-drive'), intervalHours: 24 });
    expect(await rejection(t.as.administrator.invoke('backup.runNow', {}))).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'backupFolderMissing' } });
    expect(await t.as.administrator.invoke('backup.status', {})).toMatchObject({ last: null, isOverdue: true, lastFailure: { code: 'BAD_REQUEST', reason: 'backupFolderMissing' } });
  });
});

