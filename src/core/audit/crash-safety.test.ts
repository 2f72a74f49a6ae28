import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../db/test-support';
import { verifyStore } from './verify-store';

const FIXTURE = join(__dirname, 'write-loop.fixture.ts');

/** Runs the write loop until it has committed `minWrites` more writes, then SIGKILLs it mid-stream. */
function runAndKill(dataDir: string, keyHex: string, minWrites: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, INSON_TEST_DB_KEY: keyHex },
    });
    let first: number | null = null;
    let lastCommitted = 0;
    let stderr = '';
    let isKillScheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        lastCommitted = Number(line);
        first ??= lastCommitted;
      }
      if (first !== null && lastCommitted - first + 1 >= minWrites && !isKillScheduled) {
        isKillScheduled = true;
        // A random moment, so the kill lands anywhere in a transaction or a commit's fsync.
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 10));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lastCommitted);
      else reject(new Error(`write loop ended by itself: ${stderr}`));
    });
  });
}

describe('crash safety of the write path', () => {
  it('after SIGKILL mid-stream the database is sound, the chain unbroken, and every reported write complete', async () => {
    const t = await createTestStore('inson-crash-');
    await t.holder.close();
    try {
      for (let round = 0; round < 2; round += 1) {
        const reported = await runAndKill(t.dataDir, t.keyHex, 10);
        const store = await t.holder.open(t.keyHex);
        const report = verifyStore(store.handle);
        expect(report).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [], auditChain: { ok: true } });
        const count = async (table: 'settings' | 'audit_log' | 'outbox') =>
          Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        const settings = await count('settings');
        // Every write printed was committed (synchronous=FULL); at most the one in flight also made it.
        expect(settings === reported || settings === reported + 1).toBe(true);
        // All or nothing: each committed write left its row, its event and its record.
        expect(await count('audit_log')).toBe(settings);
        expect(await count('outbox')).toBe(settings);
        expect(report.auditChain.count).toBe(settings);
        await t.holder.close();
      }
    } finally {
      await t.dispose();
    }
  }, 60_000);
});
