import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_WARNINGS } from '../core/clients/clients.schema';
import { clientOf, createTestCenterTemplate, startTestCore, type TestCenter } from '../core/testing/test-center';
import { openRegistryStore } from './database';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/**
 * The protocol when a process dies (issue 12, "Done when"): the center SIGKILLed between sealing
 * and sending and between sending and recording the receipt; the registry SIGKILLed during ingest.
 * Each ends with nothing lost and nothing stored twice.
 */

const CENTER_FIXTURE = join(__dirname, 'center-upload.fixture.ts');
const REGISTRY_MAIN = join(__dirname, 'main.ts');
const TODAY = '2026-12-04';
type Roles = 'administrator' | 'manager' | 'receptionist';
const SYNC = { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } as const;
const centers = createTestCenterTemplate({ roles: ['administrator', 'manager', 'receptionist'], coreOptions: { sync: SYNC } });
afterAll(() => centers.dispose());

function runCenter(t: TestCenter<Roles>, crashAt: 'afterSeal' | 'afterSend' | 'none'): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CENTER_FIXTURE, t.dataDir, t.staff.manager.username, t.staff.manager.password, crashAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

async function withRecords(t: TestCenter<Roles>, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const client = await t.registerClient(`k${String.fromCharCode(97 + index)}`, { confirmedWarnings: [...CLIENT_WARNINGS] });
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
  }
}

/** Reopens a center folder with the manager signed in. */
async function reopened(t: TestCenter<Roles>, maxBatchPlainBytes?: number) {
  const core = await startTestCore(t.dataDir, { sync: { ...SYNC, ...(maxBatchPlainBytes ? { maxBatchPlainBytes, inFlight: 1 } : {}) } });
  const manager = clientOf(core, 'manager');
  await manager.invoke('auth.signIn', { username: t.staff.manager.username, password: t.staff.manager.password });
  return { core, manager };
}

describe('crashes of the center', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startTestRegistry();
  }, 120_000);
  afterAll(() => registry.close());

  for (const crashAt of ['afterSeal', 'afterSend'] as const) {
    it(`loses and duplicates nothing when the center is killed ${crashAt === 'afterSeal' ? 'between sealing and sending' : 'between sending and recording the receipt'}`, async () => {
      const t = await centers.copy();
      try {
        const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode() });
        await withRecords(t, 3);
        const records = Number((await t.db().selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        await t.close();

        const crashed = await runCenter(t, crashAt);
        expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
        const stored = await registry.db.selectFrom('records').select('record_id').where('center_id', '=', centerId).execute();
        expect(stored).toHaveLength(crashAt === 'afterSeal' ? 0 : records);

        const { core, manager } = await reopened(t);
        try {
          const status = await manager.invoke('sync.status', {});
          expect(status.pendingRecords).toBe(0);
          expect(status.batches.sealed).toEqual({ count: 1, records });
          expect(await manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', sealed: 0, acknowledged: 1 });
          const after = await manager.invoke('sync.status', {});
          expect(after.batches.acknowledged).toEqual({ count: 1, records });
        } finally {
          await core.close();
        }
        const final = await registry.db.selectFrom('records').select(['type', 'record_id', 'version']).where('center_id', '=', centerId).execute();
        expect(final).toHaveLength(records);
        expect((await registry.db.selectFrom('batches').select('batch_id').where('center_id', '=', centerId).execute())).toHaveLength(1);
      } finally {
        await t.dispose();
      }
    }, 120_000);
  }
});

describe('a crash of the registry', () => {
  it('loses and duplicates nothing when the registry is killed during ingest and started again', async () => {
    const data = mkdtempSync(join(tmpdir(), 'inson-registry-'));
    const serve = (): Promise<{ child: ChildProcess; url: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', REGISTRY_MAIN, 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
        let out = '';
        child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /"listening":(\d+)/.exec(out);
          if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
        });
        child.on('exit', (code) => reject(new Error(`registry exited (${code})`)));
      });
    const t = await centers.copy();
    let running: ChildProcess | null = null;
    try {
      const first = await serve();
      running = first.child;
      // The enrollment code is issued through the operator endpoint of the running server.
      const operator = JSON.parse(readFileSync(join(data, 'operator.json'), 'utf8')) as { port: number; token: string };
      const issued = (await (await fetch(`http://127.0.0.1:${operator.port}/operator/issue-code`, { method: 'POST', headers: { 'x-operator-token': operator.token }, body: JSON.stringify({ centerName: 'Crash' }) })).json()) as { code: string };
      const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: first.url, code: issued.code });
      await withRecords(t, 12);
      await t.close();
      // Batches of about two records each, sent one at a time: the kill lands in the middle of the stream.
      const { core, manager } = await reopened(t, 1200);
      try {
        const db = core.services.store.require().db;
        const records = Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        const upload = manager.invoke('sync.uploadNow', {});
        // Killed as soon as the first batch is acknowledged: the next ones are in flight or not sent.
        const watcher = setInterval(() => {
          void db.selectFrom('sync_batches').select('seq').where('state', '=', 'acknowledged').executeTakeFirst().then((row) => {
            if (row !== undefined) {
              clearInterval(watcher);
              first.child.kill('SIGKILL');
            }
          });
        }, 5);
        const interrupted = await upload;
        expect(interrupted.state).toBe('failed');
        expect(interrupted.acknowledged).toBeGreaterThan(0);
        if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));

        const second = await serve();
        running = second.child;
        // The registry's address moved with the restart; the center's row is updated through the write path.
        await core.services.write(null, async (w) => {
          await w.trx.updateTable('sync_registry').set({ registry_url: second.url }).where('id', '=', 1).execute();
          await w.audit({ action: 'test.registryMoved', entityType: 'syncRegistry', entityId: centerId });
        });
        expect(await manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done' });
        const status = await manager.invoke('sync.status', {});
        expect(status.batches.acknowledged.records).toBe(records);
        const stopped = new Promise((resolve) => second.child.once('exit', resolve));
        second.child.kill('SIGTERM');
        await stopped;
        running = null;
        const store = await openRegistryStore({ dataDir: data });
        try {
          const stored = await store.db.selectFrom('records').select(['type', 'record_id', 'version']).where('center_id', '=', centerId).execute();
          expect(stored).toHaveLength(records);
          expect(new Set(stored.map((row) => `${row.type}:${row.record_id}:${row.version}`)).size).toBe(records);
        } finally {
          await store.close();
        }
      } finally {
        await core.close();
      }
    } finally {
      running?.kill('SIGKILL');
      rmSync(t.dataDir, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  }, 180_000);
});
