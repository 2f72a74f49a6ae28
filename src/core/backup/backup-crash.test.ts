import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientOf, createTestCenter, startTestCore, TEST_ADMIN } from '../testing/test-center';
import { BACKUP_FILE_SUFFIX, PARTIAL_SUFFIX } from './backup-file';
import { listBackups } from './backup-folder';

const FIXTURE = join(__dirname, 'backup-kill.fixture.ts');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Runs the fixture until it reports `stage`, then kills it with SIGKILL. */
function killAt(dataDir: string, stage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, stage, TEST_ADMIN.username, TEST_ADMIN.password], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes(`at ${stage}`)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the fixture ended with ${String(code)} before ${stage}: ${stderr}`))));
  });
}

describe('a backup killed part-way', () => {
  it.each(['copied', 'checked', 'written'])('SIGKILL at %s leaves the previous backup intact and nothing half-written taken for a backup', async (stage) => {
    const t = await createTestCenter({ roles: ['administrator', 'receptionist'] });
    const folder = mkdtempSync(join(tmpdir(), 'inson-backup-crash-'));
    folders.push(folder);
    await t.registerClient('a');
    await t.as.administrator.invoke('backup.updateSettings', { folder, intervalHours: 24 });
    const first = await t.as.administrator.invoke('backup.runNow', {});
    const firstBytes = readFileSync(join(folder, first.fileName));
    await t.registerClient('b');
    await t.close();

    await killAt(t.dataDir, stage);
    // What the killed run left: temporary `.partial` files only, never a file with the backup suffix.
    const left = readdirSync(folder);
    expect(left.filter((name) => name.endsWith(BACKUP_FILE_SUFFIX))).toEqual([first.fileName]);
    expect(left.some((name) => name.endsWith(PARTIAL_SUFFIX))).toBe(true);
    expect(readFileSync(join(folder, first.fileName)).equals(firstBytes)).toBe(true);
    expect(listBackups(folder, { deep: true }).map((backup) => backup.fileName)).toEqual([first.fileName]);

    // The next run (the next day: the rotation keeps one a day) clears the leftovers and writes a whole backup with both clients.
    const core = await startTestCore(t.dataDir, { now: () => new Date(Date.now() + 86_400_000) });
    try {
      const admin = clientOf(core, 'admin');
      await admin.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
      const second = await admin.invoke('backup.runNow', {});
      expect(second.clientCount).toBe(2);
      expect(readdirSync(folder).sort()).toEqual([first.fileName, second.fileName].sort());
      expect(listBackups(folder, { deep: true })).toHaveLength(2);
    } finally {
      await core.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
