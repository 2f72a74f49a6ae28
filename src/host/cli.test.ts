import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKeyringFile } from '../core/crypto/keyring-store';
import { unlockRecoverySlot } from '../core/crypto/keyring';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { openDatabase } from '../core/db/open';

const CLI = join(__dirname, 'cli.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'inson-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI in a child process, the way `npm run cli --` does (tsx on Node 24). */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--dir', dataDir], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PASSWORD = { INSON_PASSWORD: 'cli admin password 1' };

describe('CLI', () => {
  it('init, call (signed in and public), a failing call, verify, and verify naming a tampered audit event', async () => {
    const init = await cli(
      ['init', '--center-name', 'Sergeli markazi', '--center-type', 'rehabilitation', '--region', '1726', '--district', '1726262', '--admin', 'boss', '--admin-name', 'Boss'],
      PASSWORD,
    );
    expect(init.code, init.stderr).toBe(0);
    const { recoveryCode } = JSON.parse(init.stdout) as { recoveryCode: string };
    expect(recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);

    const center = await cli(['call', 'center.get', '--user', 'boss'], PASSWORD);
    expect(center.code, center.stderr).toBe(0);
    expect(JSON.parse(center.stdout)).toMatchObject({ name: 'Sergeli markazi', type: 'rehabilitation', settings: { inactivityLockMinutes: 5 } });

    const info = await cli(['call', 'system.info', '{}']);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ database: 'locked', signedIn: false });

    const failed = await cli(['call', 'staff.list', '--user', 'boss'], { INSON_PASSWORD: 'not the password' });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stderr.trim().split('\n').at(-1) ?? '')).toEqual({ error: { code: 'WRONG_PASSWORD', messageKey: 'errors.WRONG_PASSWORD' } });

    const verified = await cli(['verify', '--user', 'boss'], PASSWORD);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [], auditChain: { ok: true } });
    // Reads only: verifying again finds the same chain head (no sign-in or verify event of its own).
    const head = (JSON.parse(verified.stdout) as { chainHead: { seq: number; hash: string } }).chainHead;
    expect(verified.stderr).toContain(`audit chain head: seq ${String(head.seq)} hash ${head.hash}`);
    const again = await cli(['verify', '--user', 'boss'], PASSWORD);
    expect((JSON.parse(again.stdout) as { chainHead: unknown }).chainHead).toEqual(head);
    const migrated = await cli(['migrate-keyring', '--user', 'boss'], PASSWORD);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({ fromVersion: 2, version: 2, migrated: false });
    // A real center (init without --demonstration) is never seeded.
    const seeded = await cli(['seed', '--clients', '5', '--user', 'boss'], PASSWORD);
    expect(seeded.code).toBe(1);
    expect(JSON.parse(seeded.stderr.trim().split('\n').at(-1) ?? '')).toMatchObject({ error: { code: 'CONFLICT', details: { reason: 'notDemonstrationCenter' } } });

    // Tamper with event 2 as someone holding the key could: past the triggers, straight into the file.
    const keyring = readKeyringFile(join(dataDir, 'keyring.json'));
    const keys = keyring && (await unlockRecoverySlot(nodeCryptoPrimitives, keyring, recoveryCode));
    expect(keys).toBeTruthy();
    const handle = openDatabase(join(dataDir, 'center.db'), keys!.databaseKey.toString('hex'));
    handle.exec('DROP TRIGGER audit_log_no_update');
    handle.prepare("UPDATE audit_log SET details_json = '{\"role\":\"receptionist\"}' WHERE seq = 2").run();
    handle.close();

    const broken = await cli(['verify'], { INSON_RECOVERY_CODE: recoveryCode });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, auditChain: { ok: false, firstBrokenSeq: 2, reason: 'hashMismatch' } });
    expect(broken.stderr).toContain('audit chain broken at event seq 2');
  }, 180_000);
});
