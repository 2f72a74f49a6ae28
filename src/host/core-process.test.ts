import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/app';
import { silentLogger, type Logger } from '../core/log';
import { AppError } from '../core/api/errors';
import { TEST_SCRYPT_PARAMS } from '../core/crypto/key-slots';
import { createTestCenter } from '../core/testing/test-center';
import { parseCoreArgs, parseCoreRequest, serveCore, type CoreResponse, type ParentPortLike } from './core-process';

/** Electron's parentPort as the core sees it: messages arrive wrapped in `{ data }`. */
function fakeParentPort() {
  const answers: CoreResponse[] = [];
  let listener: (messageEvent: { readonly data: unknown }) => void = () => {};
  const waiters: (() => void)[] = [];
  const port: ParentPortLike = {
    on: (_event, onMessage) => {
      listener = onMessage;
    },
    postMessage: (message) => {
      answers.push(message);
      for (const wake of waiters.splice(0)) wake();
    },
  };
  const send = (data: unknown) => listener({ data });
  const nextAnswer = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (answers.length >= count ? resolve() : waiters.push(check));
      check();
    });
  return { port, answers, send, nextAnswer };
}

function recordingLogger(): Logger & { readonly events: string[] } {
  const events: string[] = [];
  return { events, info: (event) => events.push(event), warn: (event) => events.push(event), error: (event) => events.push(event) };
}

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startCore(): Promise<Core> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-core-process-'));
  dirs.push(dataDir);
  const core = await createCore({ dataDir, appVersion: '9.8.7', log: silentLogger, keySlotParams: TEST_SCRYPT_PARAMS });
  cores.push(core);
  return core;
}

describe('serveCore', () => {
  it('answers calls with the outcome, correlated by id, through the real router', async () => {
    const { port, answers, send, nextAnswer } = fakeParentPort();
    serveCore(startCore(), port, { log: silentLogger, onShutdown: () => {} });
    send({ type: 'call', id: 5, connectionId: '1', method: 'system.info', input: {} });
    send({ type: 'call', id: 6, connectionId: '1', method: 'nothing.here', input: {} });
    send({ type: 'call', id: 7, connectionId: '1', method: 'system.info', input: 'not an object' });
    await nextAnswer(3);
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(byId.get(5)).toMatchObject({ type: 'result', outcome: { ok: true, result: { version: '9.8.7' } } });
    expect(byId.get(6)).toMatchObject({ outcome: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    expect(byId.get(7)).toMatchObject({ outcome: { ok: false, error: { code: 'INVALID_INPUT' } } });
  });

  it('drops malformed messages without answering', async () => {
    const { port, answers, send, nextAnswer } = fakeParentPort();
    const log = recordingLogger();
    serveCore(startCore(), port, { log, onShutdown: () => {} });
    send(null);
    send({ type: 'call', id: 'x', connectionId: '1', method: 'system.info', input: {} });
    send({ type: 'call', id: 1, connectionId: '', method: 'system.info', input: {} });
    send({ type: 'eval', code: '1' });
    send({ type: 'call', id: 2, connectionId: '1', method: 'system.info', input: {} });
    await nextAnswer(1);
    expect(answers.map((answer) => answer.id)).toEqual([2]);
    expect(log.events.filter((event) => event === 'core.badMessage')).toHaveLength(4);
  });

  it('ends a window session on disconnect and closes the core on shutdown', async () => {
    const { port, send } = fakeParentPort();
    // A real session: the administrator signed in through the keyring on window 3.
    const center = await createTestCenter({ roles: [] });
    dirs.push(center.dataDir);
    cores.push(center.core);
    const core = center.core;
    await center.signedIn(center.admin.username, center.admin.password, '3');
    expect(core.services.sessions.get('3')).toMatchObject({ userId: center.admin.id, role: 'administrator' });
    let shutdowns = 0;
    const shutDown = new Promise<void>((resolve) => {
      serveCore(Promise.resolve(core), port, {
        log: silentLogger,
        onShutdown: () => {
          shutdowns += 1;
          resolve();
        },
      });
    });
    send({ type: 'disconnect', connectionId: '3' });
    send({ type: 'shutdown' });
    await shutDown;
    expect(core.services.sessions.get('3')).toBeNull();
    expect(shutdowns).toBe(1);
  });

  it('answers INTERNAL to every call when the core failed to start', async () => {
    const { port, answers, send, nextAnswer } = fakeParentPort();
    const log = recordingLogger();
    serveCore(Promise.reject(new Error('disk full')), port, { log, onShutdown: () => {} });
    send({ type: 'call', id: 1, connectionId: '1', method: 'system.info', input: {} });
    await nextAnswer(1);
    expect(answers[0]).toEqual({ type: 'result', id: 1, outcome: { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } } });
    expect(log.events).toContain('core.startFailed');
  });

  it('passes a typed start-up refusal on as itself', async () => {
    const { port, answers, send, nextAnswer } = fakeParentPort();
    serveCore(Promise.reject(new AppError('SELF_TEST_FAILED')), port, { log: silentLogger, onShutdown: () => {} });
    send({ type: 'call', id: 1, connectionId: '1', method: 'system.info', input: {} });
    await nextAnswer(1);
    expect(answers[0]?.outcome).toEqual({ ok: false, error: { code: 'SELF_TEST_FAILED', messageKey: 'errors.SELF_TEST_FAILED' } });
  });

  it('still answers when a result cannot be cloned', async () => {
    const answers: unknown[] = [];
    let listener: (messageEvent: { readonly data: unknown }) => void = () => {};
    const port: ParentPortLike = {
      on: (_event, onMessage) => {
        listener = onMessage;
      },
      postMessage: (message) => {
        if (message.outcome.ok) throw new Error('An object could not be cloned.');
        answers.push(message);
      },
    };
    serveCore(startCore(), port, { log: silentLogger, onShutdown: () => {} });
    listener({ data: { type: 'call', id: 3, connectionId: '1', method: 'system.info', input: {} } });
    await expect.poll(() => answers.length).toBe(1);
    expect(answers[0]).toMatchObject({ id: 3, outcome: { ok: false, error: { code: 'INTERNAL' } } });
  });
});

describe('parseCoreRequest', () => {
  it('keeps only well-formed messages', () => {
    expect(parseCoreRequest({ type: 'call', id: 1, connectionId: '2', method: 'a.b', input: { x: 1 }, extra: true })).toEqual({
      type: 'call',
      id: 1,
      connectionId: '2',
      method: 'a.b',
      input: { x: 1 },
    });
    expect(parseCoreRequest({ type: 'call', id: 1.5, connectionId: '2', method: 'a.b' })).toBeNull();
    expect(parseCoreRequest({ type: 'call', id: 1, connectionId: '2', method: 'x'.repeat(101) })).toBeNull();
    expect(parseCoreRequest({ type: 'disconnect', connectionId: 2 })).toBeNull();
    expect(parseCoreRequest({ type: 'shutdown', anything: 1 })).toEqual({ type: 'shutdown' });
    expect(parseCoreRequest([])).toBeNull();
  });
});

describe('parseCoreArgs', () => {
  it('reads --dir and --app-version, tolerating switches Electron adds', () => {
    expect(parseCoreArgs(['--dir', '/data/INSON Center', '--app-version', '1.0.0', '--type=utility'])).toEqual({
      dataDir: '/data/INSON Center',
      appVersion: '1.0.0',
    });
    expect(parseCoreArgs(['--dir=/d'])).toEqual({ dataDir: '/d', appVersion: '0.0.0' });
    expect(parseCoreArgs(['/app/.vite/build/core-process.cjs', '--dir', '/d'])).toEqual({ dataDir: '/d', appVersion: '0.0.0' });
    expect(() => parseCoreArgs([])).toThrow(/--dir/);
    expect(() => parseCoreArgs(['--dir'])).toThrow(/--dir/);
  });
});
