import { describe, expect, it } from 'vitest';
import { startCoreHost, type CoreChild, type CoreHostOptions } from './core-host';
import type { CoreRequest } from '../src/host/core-process';

/** A fake utilityProcess child: records messages, and the test decides when it exits. */
class FakeChild implements CoreChild {
  readonly sent: CoreRequest[] = [];
  killed = false;
  readonly #messageListeners: ((message: unknown) => void)[] = [];
  readonly #exitListeners: ((code: number) => void)[] = [];

  constructor(readonly modulePath: string, readonly args: string[]) {}

  postMessage(message: CoreRequest): void {
    this.sent.push(message);
  }

  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message' | 'exit', listener: ((message: unknown) => void) | ((code: number) => void)): unknown {
    if (event === 'message') this.#messageListeners.push(listener as (message: unknown) => void);
    else this.#exitListeners.push(listener as (code: number) => void);
    return this;
  }

  kill(): boolean {
    this.killed = true;
    this.exit(1);
    return true;
  }

  reply(message: unknown): void {
    for (const listener of this.#messageListeners) listener(message);
  }

  exit(code: number): void {
    for (const listener of this.#exitListeners) listener(code);
  }
}

function hostWith(overrides: Partial<CoreHostOptions> = {}) {
  const children: FakeChild[] = [];
  const gaveUp: number[] = [];
  let clock = 0;
  const host = startCoreHost({
    modulePath: '/app/.vite/build/core-process.cjs',
    dataDir: '/home/a/.config/INSON Center',
    appVersion: '1.2.3',
    fork: (modulePath, args) => {
      const child = new FakeChild(modulePath, args);
      children.push(child);
      return child;
    },
    onGiveUp: (code) => gaveUp.push(code),
    now: () => clock,
    ...overrides,
  });
  return { host, children, gaveUp, advance: (ms: number) => (clock += ms) };
}

describe('startCoreHost', () => {
  it('forks the core with the data folder and the app version', () => {
    const { children } = hostWith();
    expect(children).toHaveLength(1);
    expect(children[0]?.modulePath).toBe('/app/.vite/build/core-process.cjs');
    expect(children[0]?.args).toEqual(['--dir', '/home/a/.config/INSON Center', '--app-version', '1.2.3']);
  });

  it('fails calls in flight and restarts the core when it dies', async () => {
    const { host, children } = hostWith();
    const call = host.bridge().call('1', 'system.info', {});
    children[0]?.exit(134);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(children).toHaveLength(2);
    expect(host.hasExited()).toBe(false);

    const next = host.bridge().call('1', 'system.info', {});
    children[1]?.reply({ type: 'result', id: 1, outcome: { ok: true, result: 'back' } });
    await expect(next).resolves.toEqual({ ok: true, result: 'back' });
  });

  it('gives up after too many crashes within a minute, but not when crashes are spread out', () => {
    const spread = hostWith({ maxRestartsPerMinute: 2 });
    for (let i = 0; i < 5; i++) {
      spread.advance(61_000);
      spread.children.at(-1)?.exit(1);
    }
    expect(spread.gaveUp).toEqual([]);
    expect(spread.children).toHaveLength(6);

    const burst = hostWith({ maxRestartsPerMinute: 2 });
    burst.children.at(-1)?.exit(1);
    burst.children.at(-1)?.exit(1);
    burst.children.at(-1)?.exit(7);
    expect(burst.gaveUp).toEqual([7]);
    expect(burst.children).toHaveLength(3);
  });

  it('asks the core to shut down and resolves when it exits, without restarting it', async () => {
    const { host, children } = hostWith();
    const done = host.shutdown();
    expect(children[0]?.sent).toEqual([{ type: 'shutdown' }]);
    children[0]?.exit(0);
    await done;
    expect(children).toHaveLength(1);
    expect(host.hasExited()).toBe(true);
    await host.shutdown();
    expect(children[0]?.sent).toHaveLength(1);
  });

  it('kills a core that does not exit in time', async () => {
    const { host, children } = hostWith({ shutdownTimeoutMs: 10 });
    await host.shutdown();
    expect(children[0]?.killed).toBe(true);
    expect(children).toHaveLength(1);
    expect(host.hasExited()).toBe(true);
  });
});
