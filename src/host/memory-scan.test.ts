import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../core/client';
import { unlockRecoverySlot } from '../core/crypto/keyring';
import { readKeyringFile } from '../core/crypto/keyring-store';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { createHttpTransport } from '../ui/api/transport';

const FIXTURE = join(__dirname, 'memory-scan.fixture.ts');

function startCoreChild(dataDir: string, staticDir: string): Promise<{ child: ChildProcess; origin: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', FIXTURE, dataDir, staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve({ child, ...(JSON.parse(line) as { origin: string; token: string }) });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`core child exited (${String(code)}): ${stderr}`)));
  });
}

/** Every readable mapping of a process, read through /proc/PID/mem (the kernel allows a parent to read its child). */
function* readableRegions(pid: number): Generator<Buffer> {
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n');
  const mem = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of maps) {
      const match = /^([0-9a-f]+)-([0-9a-f]+) (r)[-w][-x][ps] \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (!match) continue;
      const path = match[4] ?? '';
      if (path === '[vvar]' || path === '[vsyscall]' || path.startsWith('/')) continue; // file-backed pages are code and data files, not the heap
      const start = Number.parseInt(match[1] ?? '0', 16);
      const end = Number.parseInt(match[2] ?? '0', 16);
      for (let at = start; at < end; at += 16 * 1024 * 1024) {
        const length = Math.min(16 * 1024 * 1024, end - at);
        const chunk = Buffer.alloc(length);
        try {
          readSync(mem, chunk, 0, length, at);
        } catch {
          continue; // a guard page or a mapping that went away
        }
        yield chunk;
      }
    }
  } finally {
    closeSync(mem);
  }
}

function countCopies(pid: number, needles: Readonly<Record<string, Buffer>>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(needles).map((name) => [name, 0]));
  for (const region of readableRegions(pid)) {
    for (const [name, needle] of Object.entries(needles)) {
      for (let at = region.indexOf(needle); at !== -1; at = region.indexOf(needle, at + 1)) counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return counts;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('keys leave the core process memory', () => {
  it('holds no copy of the database key or the confidential key once every user signed out', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inson-memscan-'));
    const staticDir = mkdtempSync(join(tmpdir(), 'inson-memscan-static-'));
    dirs.push(dataDir, staticDir);
    const { child, origin, token } = await startCoreChild(dataDir, staticDir);
    try {
      const connect = (id: string) => createApiClient(createHttpTransport(token, `memscan-${id}`, origin, fetch));
      const adminDesk = connect('admin');
      const { recoveryCode } = await adminDesk.invoke('setup.createCenter', {
        center: { name: 'Yunusobod markazi', type: 'rehabilitation', regionCode: '1726', districtCode: '1726266' },
        admin: { displayName: 'Malika Yusupova', username: 'malika', password: 'Yashil-choy-stakan-9' },
      });
      await adminDesk.invoke('auth.signIn', { username: 'malika', password: 'Yashil-choy-stakan-9' });
      const { userId, temporaryPassword } = await adminDesk.invoke('staff.add', { displayName: 'Nodira Sobirova', username: 'nodira', role: 'psychologist' });
      const psyDesk = connect('psy');
      await psyDesk.invoke('auth.signIn', { username: 'nodira', password: temporaryPassword });
      await psyDesk.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'Olma-anor-uzum-2026' });
      await adminDesk.invoke('staff.grantConfidentialByRecovery', { userId, recoveryCode, password: 'Olma-anor-uzum-2026' });
      await psyDesk.invoke('auth.signOut', {});
      expect(await psyDesk.invoke('auth.signIn', { username: 'nodira', password: 'Olma-anor-uzum-2026' })).toMatchObject({ holdsConfidential: true });
      await psyDesk.invoke('auth.lock', {});
      await psyDesk.invoke('auth.unlock', { password: 'Olma-anor-uzum-2026' });
      await psyDesk.invoke('auth.signOut', {});
      await adminDesk.invoke('auth.signOut', {});
      expect(await adminDesk.invoke('system.info', {})).toMatchObject({ database: 'locked' });
      await new Promise((resolve) => setTimeout(resolve, 500)); // a few collections in the child

      const keyring = readKeyringFile(join(dataDir, 'keyring.json'));
      const keys = keyring && (await unlockRecoverySlot(nodeCryptoPrimitives, keyring, recoveryCode));
      if (!keys?.confidentialKey || !child.pid) throw new Error('no keys to look for');
      const copies = countCopies(child.pid, {
        databaseKey: keys.databaseKey,
        databaseKeyHex: Buffer.from(keys.databaseKey.toString('hex'), 'ascii'),
        confidentialKey: keys.confidentialKey,
        confidentialKeyHex: Buffer.from(keys.confidentialKey.toString('hex'), 'ascii'),
      });
      expect(copies).toEqual({ databaseKey: 0, databaseKeyHex: 0, confidentialKey: 0, confidentialKeyHex: 0 });
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
