import { createCoreBridge, type CoreBridge } from './core-bridge';
import type { CoreRequest } from '../src/host/core-process';

/**
 * Keeps the core process running: forks it, restarts it if it dies (a few times, then gives up),
 * and asks it to close the database when the app quits. The fork function is injected, so this
 * file needs Electron only in main.ts's wiring and is tested with a fake child.
 */

/** What main needs from Electron's UtilityProcess. */
export interface CoreChild {
  postMessage(message: CoreRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type ForkCore = (modulePath: string, args: string[]) => CoreChild;

export interface CoreHostOptions {
  /** The built core-process.cjs next to main.cjs. */
  readonly modulePath: string;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly fork: ForkCore;
  /** Called when the core keeps dying; main tells the user and quits. */
  readonly onGiveUp: (exitCode: number) => void;
  readonly now?: () => number;
  readonly maxRestartsPerMinute?: number;
  readonly shutdownTimeoutMs?: number;
}

export interface CoreHost {
  /** The bridge to the running core (a new one after a restart). */
  bridge(): CoreBridge;
  hasExited(): boolean;
  /** Asks the core to close cleanly; kills it after the timeout. */
  shutdown(): Promise<void>;
}

/**
 * @example
 * const core = startCoreHost({ modulePath, dataDir, appVersion, fork: (path, args) => utilityProcess.fork(path, args), onGiveUp });
 * await core.bridge().call('1', 'system.info', {});
 */
export function startCoreHost(options: CoreHostOptions): CoreHost {
  const now = options.now ?? Date.now;
  const maxRestarts = options.maxRestartsPerMinute ?? 3;
  const args = ['--dir', options.dataDir, '--app-version', options.appVersion];
  const restartTimes: number[] = [];
  let isShuttingDown = false;
  let exited = false;
  let shutdownPromise: Promise<void> | null = null;
  let isStopped = false;
  let child: CoreChild;
  let bridge: CoreBridge;
  const exitWaiters: (() => void)[] = [];

  function spawn(): void {
    exited = false;
    const current = options.fork(options.modulePath, args);
    const currentBridge = createCoreBridge(current);
    child = current;
    bridge = currentBridge;
    current.on('exit', (code) => {
      if (child !== current) return;
      exited = true;
      // Calls in flight get an INTERNAL error; the UI shows it and the user can retry.
      currentBridge.failPending();
      for (const resolve of exitWaiters.splice(0)) resolve();
      if (isShuttingDown) return;
      const t = now();
      while (restartTimes.length > 0 && (restartTimes[0] ?? 0) < t - 60_000) restartTimes.shift();
      if (restartTimes.length >= maxRestarts) {
        options.onGiveUp(code);
        return;
      }
      restartTimes.push(t);
      spawn();
    });
  }

  spawn();

  return {
    bridge: () => bridge,
    hasExited: () => exited || isStopped,
    shutdown() {
      isShuttingDown = true;
      shutdownPromise ??= exited ? Promise.resolve() : waitForExit();
      return shutdownPromise.then(() => {
        isStopped = true;
      });
    },
  };

  function waitForExit(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, options.shutdownTimeoutMs ?? 3000);
      exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
      }
    });
  }
}
