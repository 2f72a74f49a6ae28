import { describe, expect, it } from 'vitest';
import { createCoreBridge, createInvokeHandler, type CorePort } from './core-bridge';
import type { CoreRequest } from '../src/host/core-process';

/** A port whose far side the test plays: it sees what main sent and answers when told to. */
function fakePort() {
  const sent: CoreRequest[] = [];
  let listener: (message: unknown) => void = () => {};
  const port: CorePort = {
    postMessage: (message) => {
      sent.push(message);
    },
    on: (_event, onMessage) => {
      listener = onMessage;
    },
  };
  return { port, sent, reply: (message: unknown) => listener(message) };
}

describe('createCoreBridge', () => {
  it('matches answers to calls by id, whatever order they come back in', async () => {
    const { port, sent, reply } = fakePort();
    const bridge = createCoreBridge(port);
    const first = bridge.call('7', 'system.info', {});
    const second = bridge.call('8', 'staff.list', { page: 1 });
    expect(sent).toEqual([
      { type: 'call', id: 1, connectionId: '7', method: 'system.info', input: {} },
      { type: 'call', id: 2, connectionId: '8', method: 'staff.list', input: { page: 1 } },
    ]);
    reply({ type: 'result', id: 2, outcome: { ok: true, result: 'second' } });
    reply({ type: 'result', id: 1, outcome: { ok: true, result: 'first' } });
    await expect(first).resolves.toEqual({ ok: true, result: 'first' });
    await expect(second).resolves.toEqual({ ok: true, result: 'second' });
    expect(bridge.pendingCount).toBe(0);
  });

  it('ignores answers with unknown ids, repeated answers and malformed messages', async () => {
    const { port, reply } = fakePort();
    const bridge = createCoreBridge(port);
    const call = bridge.call('7', 'system.info', {});
    reply({ type: 'result', id: 99, outcome: { ok: true, result: 'stray' } });
    reply({ type: 'result', id: '1', outcome: { ok: true, result: 'string id' } });
    reply({ type: 'result', id: 1 });
    reply(null);
    reply('result');
    expect(bridge.pendingCount).toBe(1);
    reply({ type: 'result', id: 1, outcome: { ok: false, error: { code: 'LOCKED', messageKey: 'errors.LOCKED' } } });
    reply({ type: 'result', id: 1, outcome: { ok: true, result: 'too late' } });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'LOCKED', messageKey: 'errors.LOCKED' } });
  });

  it('answers waiting calls with INTERNAL when the core dies', async () => {
    const { port } = fakePort();
    const bridge = createCoreBridge(port);
    const calls = [bridge.call('7', 'a.b', {}), bridge.call('7', 'c.d', {})];
    bridge.failPending();
    for (const outcome of await Promise.all(calls)) {
      expect(outcome).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } });
    }
    expect(bridge.pendingCount).toBe(0);
  });

  it('answers INTERNAL when the message cannot be posted', async () => {
    const bridge = createCoreBridge({
      postMessage: () => {
        throw new Error('An object could not be cloned.');
      },
      on: () => {},
    });
    await expect(bridge.call('7', 'system.info', () => 1)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(bridge.pendingCount).toBe(0);
  });

  it('tells the core when a window goes away', () => {
    const { port, sent } = fakePort();
    createCoreBridge(port).disconnect('7');
    expect(sent).toEqual([{ type: 'disconnect', connectionId: '7' }]);
  });
});

describe('createInvokeHandler', () => {
  it('uses the sending webContents id as the connection id', async () => {
    const { port, sent, reply } = fakePort();
    const bridge = createCoreBridge(port);
    const handle = createInvokeHandler(() => bridge);
    const result = handle({ sender: { id: 42 } }, 'system.info', { x: 1 });
    expect(sent[0]).toEqual({ type: 'call', id: 1, connectionId: '42', method: 'system.info', input: { x: 1 } });
    reply({ type: 'result', id: 1, outcome: { ok: true, result: 1 } });
    await expect(result).resolves.toEqual({ ok: true, result: 1 });
  });

  it('refuses a method that is not a short string without bothering the core', async () => {
    const { port, sent } = fakePort();
    const handle = createInvokeHandler(() => createCoreBridge(port));
    for (const method of [undefined, 42, '', 'x'.repeat(101), { toString: () => 'system.info' }]) {
      await expect(handle({ sender: { id: 1 } }, method, {})).resolves.toEqual({
        ok: false,
        error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST' },
      });
    }
    expect(sent).toEqual([]);
  });

  it('refuses an input over 2 MiB (as HTTP does) and input that is not JSON, without bothering the core', async () => {
    const { port, sent, reply } = fakePort();
    const handle = createInvokeHandler(() => createCoreBridge(port));
    const refused = { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST', details: { reason: 'body' } } };
    // Multi-byte text counts in bytes: 1.1 million Cyrillic letters are 2.2 MB of UTF-8.
    await expect(handle({ sender: { id: 1 } }, 'clients.register', { remarks: 'ж'.repeat(1_100_000) })).resolves.toEqual(refused);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(handle({ sender: { id: 1 } }, 'clients.register', cyclic)).resolves.toEqual(refused);
    await expect(handle({ sender: { id: 1 } }, 'clients.register', { n: 1n })).resolves.toEqual(refused);
    expect(sent).toEqual([]);
    const justUnder = handle({ sender: { id: 1 } }, 'clients.register', { remarks: 'x'.repeat(2 * 1024 * 1024 - 100) });
    expect(sent).toHaveLength(1);
    reply({ type: 'result', id: 1, outcome: { ok: true, result: null } });
    await expect(justUnder).resolves.toEqual({ ok: true, result: null });
  });
});
