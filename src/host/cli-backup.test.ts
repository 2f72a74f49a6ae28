import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unlockRecoverySlot } from '../core/crypto/keyring';
import { readKeyringFile } from '../core/crypto/keyring-store';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { openDatabaseReadOnly } from '../core/db/open';

const CLI = join(__dirname, 'cli.ts');
const root = mkdtempSync(join(tmpdir(), 'inson-cli-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the real CLI in a child process, as `npm run cli --` does. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = start(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PASSWORD = { INSON_PASSWORD: 'cli backup admin password 1' };

describe('CLI backup and restore', () => {
  it('a backup taken while a seed writes restores into a new folder with the recovery code, and verify passes there with the same client count', async () => {
    const dir = join(root, 'center');
    const restored = join(root, 'restored');
    const file = join(root, 'center.inson-backup');
    const init = await cli(['init', '--dir', dir, '--center-name', 'Chilonzor markazi', '--center-type', 'mahalla', '--region', '1726', '--district', '1726262', '--admin', 'boss', '--demonstration'], PASSWORD);
    expect(init.code, init.stderr).toBe(0);
    const { recoveryCode } = JSON.parse(init.stdout) as { recoveryCode: string };
    const firstSeed = await cli(['seed', '--dir', dir, '--clients', '200', '--user', 'boss', '--random-seed', '1'], PASSWORD);
    expect(firstSeed.code, firstSeed.stderr).toBe(0);

    // A second process keeps writing clients while the backup runs.
    // More than it can write before the backup ends (it is stopped once the backup is done).
    const seed = start(['seed', '--dir', dir, '--clients', '500000', '--user', 'boss', '--random-seed', '2'], PASSWORD);
    let seedExited = false;
    const seedDone = new Promise<number | null>((resolve) => seed.on('close', (code) => {
      seedExited = true;
      resolve(code);
    }));
    await new Promise<void>((resolve) => seed.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('seeded') && resolve()));
    const backup = await cli(['backup', '--dir', dir, '--to', file, '--user', 'boss'], PASSWORD);
    expect(backup.code, backup.stderr).toBe(0);
    expect(seedExited).toBe(false);
    seed.kill('SIGKILL');
    await seedDone;
    const made = JSON.parse(backup.stdout) as { clientCount: number; file: string };
    // A snapshot from the middle of the seed: more than before it.
    expect(made.clientCount).toBeGreaterThan(200);
    expect(made.clientCount).toBeLessThan(500_200);

    const restore = await cli(['restore', '--from', file, '--dir', restored], { INSON_RECOVERY_CODE: recoveryCode });
    expect(restore.code, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ clientCount: made.clientCount, movedDamagedAside: false });
    const verified = await cli(['verify', '--dir', restored], { INSON_RECOVERY_CODE: recoveryCode });
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, integrity: ['ok'], auditChain: { ok: true } });
    // Counted in the restored file itself, opened with the key the recovery code unwraps.
    const keyring = readKeyringFile(join(restored, 'keyring.json'));
    const keys = keyring && (await unlockRecoverySlot(nodeCryptoPrimitives, keyring, recoveryCode));
    if (!keys) throw new Error('the recovery code does not open the restored keyring');
    const handle = openDatabaseReadOnly(join(restored, 'center.db'), keys.databaseKey);
    expect((handle.prepare('SELECT count(*) AS count FROM clients').get() as { count: number }).count).toBe(made.clientCount);
    expect(handle.prepare('SELECT restored_from, unlocked_with FROM center_restores').all()).toEqual([{ restored_from: 'center.inson-backup', unlocked_with: 'recoveryCode' }]);
    handle.close();

    // The folder now holds a center: a second restore into it is refused.
    const again = await cli(['restore', '--from', file, '--dir', restored], { INSON_RECOVERY_CODE: recoveryCode });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({ error: { code: 'ALREADY_SET_UP' } });
  }, 300_000);
});
