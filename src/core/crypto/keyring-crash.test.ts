import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SCRYPT_PARAMS } from './key-slots';
import { createKeyring, rewrapUserSlot, unlockUserSlot, type UnlockedSlot } from './keyring';
import { KeyringStore } from './keyring-store';
import { nodeCryptoPrimitives as primitives } from './primitives';

const FIXTURE = join(__dirname, 'keyring-rewrap-loop.fixture.ts');

/** Starts the rewrap loop, lets it complete `minWrites` writes plus a random extra moment, then SIGKILLs it. */
function runAndKill(dataDir: string, databaseKeyHex: string, minWrites: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, databaseKeyHex], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastWritten = 0;
    let stderr = '';
    let isKillScheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim() !== '') lastWritten = Number(line);
      if (lastWritten >= minWrites && !isKillScheduled) {
        isKillScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastWritten);
      else reject(new Error(`rewrap loop ended by itself: ${stderr}`));
    });
  });
}

describe('keyring crash safety', () => {
  it('leaves the old or the new keyring usable when the writer is killed mid-update', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inson-keyring-crash-'));
    const store = new KeyringStore(dataDir, { primitives, databaseKey: () => databaseKey });
    const databaseKey = randomBytes(32);
    const { keyring } = await createKeyring(primitives, {
      admin: { userId: 'u-admin', username: 'admin', password: 'pw-0' },
      databaseKey,
      confidentialKey: randomBytes(32),
      params: TEST_SCRYPT_PARAMS,
    });
    await store.create(keyring);

    for (let round = 0; round < 3; round += 1) {
      const reported = await runAndKill(dataDir, databaseKey.toString('hex'), 5);
      expect(reported).toBeGreaterThanOrEqual(5);
      const current = store.require();
      // Each reported count was printed after its rename, so the file holds that generation or the next one.
      let opened: UnlockedSlot | null = null;
      for (const n of [reported, reported + 1]) opened ??= await unlockUserSlot(primitives, current, 'admin', `pw-${n}`);
      expect(opened?.databaseKey.equals(databaseKey)).toBe(true);
      // Back to pw-0 for the next round, as a restarted app would rewrap after the crash.
      store.cleanUp();
      await store.update((keyring) => rewrapUserSlot(primitives, keyring, opened!, 'pw-0', TEST_SCRYPT_PARAMS));
    }
  }, 60_000);
});
