import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/app';
import type { CallOutcome } from '../core/api/router';
import { AppError } from '../core/api/errors';
import { createConsoleLogger, type Logger } from '../core/log';

/**
 * The core process: an Electron utilityProcess that owns the database, keys and sync (DESIGN.md D5).
 * Main forwards each renderer call here over the parent port and sends the outcome back. Pure Node:
 * the port is typed locally, so tests drive it with a fake and no Electron.
 */

/** Main → core. */
export type CoreRequest =
  | {
      readonly type: 'call';
      /** Correlates the answer; unique per main process run. */
      readonly id: number;
      /** The renderer's webContents id: sessions are per connection. */
      readonly connectionId: string;
      readonly method: string;
      readonly input: unknown;
    }
  /** The window went away: its session ends. */
  | { readonly type: 'disconnect'; readonly connectionId: string }
  /** The app is quitting: close the database and exit. */
  | { readonly type: 'shutdown' };

/** Core → main. */
export type CoreResponse = { readonly type: 'result'; readonly id: number; readonly outcome: CallOutcome };

/** What Electron's `process.parentPort` offers, as far as the core uses it. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { readonly data: unknown }) => void): unknown;
  postMessage(message: CoreResponse): void;
}

const MAX_METHOD_LENGTH = 100;
const MAX_CONNECTION_ID_LENGTH = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isShortString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

/**
 * Checks a message's shape; anything else is dropped (main builds these, so a bad one is a bug).
 *
 * @example parseCoreRequest({ type: 'call', id: 1, connectionId: '3', method: 'system.info', input: {} })
 */
export function parseCoreRequest(value: unknown): CoreRequest | null {
  if (!isRecord(value)) return null;
  if (value.type === 'call') {
    if (!Number.isSafeInteger(value.id)) return null;
    if (!isShortString(value.connectionId, MAX_CONNECTION_ID_LENGTH)) return null;
    if (!isShortString(value.method, MAX_METHOD_LENGTH)) return null;
    return { type: 'call', id: value.id as number, connectionId: value.connectionId, method: value.method, input: value.input };
  }
  if (value.type === 'disconnect') {
    return isShortString(value.connectionId, MAX_CONNECTION_ID_LENGTH) ? { type: 'disconnect', connectionId: value.connectionId } : null;
  }
  if (value.type === 'shutdown') return { type: 'shutdown' };
  return null;
}

export interface ServeCoreOptions {
  readonly log: Logger;
  /** Called once the core is closed after a `shutdown` message. */
  readonly onShutdown: () => void;
}

/**
 * Answers calls arriving on the port. The listener is attached at once and waits for the core
 * inside, so no message sent during start-up is lost; if the core fails to start, every call
 * gets an INTERNAL error rather than no answer.
 *
 * @example serveCore(createCore({ dataDir, appVersion }), process.parentPort, { log, onShutdown: () => process.exit(0) });
 */
export function serveCore(corePromise: Promise<Core>, port: ParentPortLike, options: ServeCoreOptions): void {
  // A typed start-up refusal (e.g. SELF_TEST_FAILED) reaches the UI as itself; anything else as INTERNAL.
  let startError = new AppError('INTERNAL').toJSON();
  const started = corePromise.then(
    (core) => core,
    (error: unknown) => {
      options.log.error('core.startFailed', { errorName: error instanceof Error ? error.name : typeof error });
      if (error instanceof AppError) startError = error.toJSON();
      return null;
    },
  );

  function answer(id: number, outcome: CallOutcome): void {
    try {
      port.postMessage({ type: 'result', id, outcome });
    } catch {
      // A result that cannot be cloned is a handler bug; the caller still gets an answer.
      options.log.error('core.unclonableResult', {});
      port.postMessage({ type: 'result', id, outcome: { ok: false, error: new AppError('INTERNAL').toJSON() } });
    }
  }

  port.on('message', (messageEvent) => {
    const request = parseCoreRequest(messageEvent.data);
    if (!request) {
      options.log.error('core.badMessage', {});
      return;
    }
    void handle(request);
  });

  async function handle(request: CoreRequest): Promise<void> {
    const core = await started;
    switch (request.type) {
      case 'call': {
        answer(request.id, core ? await core.call(request.connectionId, request.method, request.input) : { ok: false, error: startError });
        return;
      }
      case 'disconnect':
        core?.services.sessions.delete(request.connectionId);
        return;
      case 'shutdown':
        await core?.close();
        options.onShutdown();
        return;
    }
  }
}

/**
 * The core's command line: `--dir <data folder> [--app-version <x.y.z>]`. Not strict: Electron may
 * add switches of its own to a utility process.
 *
 * @example parseCoreArgs(['--dir', '/home/a/.config/INSON Center']) // { dataDir: '/home/…', appVersion: '0.0.0' }
 */
export function parseCoreArgs(argv: readonly string[]): { readonly dataDir: string; readonly appVersion: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: { dir: { type: 'string' }, 'app-version': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values.dir;
  const appVersion = values['app-version'];
  if (typeof dataDir !== 'string' || dataDir === '') throw new Error('core-process: --dir is required');
  return { dataDir, appVersion: typeof appVersion === 'string' ? appVersion : '0.0.0' };
}

/** Electron gives a utilityProcess `process.parentPort`; plain Node has none. */
function electronParentPort(): ParentPortLike | undefined {
  return (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
}

const parentPort = electronParentPort();
if (parentPort) {
  const log = createConsoleLogger();
  // Everything after the executable: Electron may or may not put the module path first; a stray
  // positional is ignored.
  const { dataDir, appVersion } = parseCoreArgs(process.argv.slice(1));
  serveCore(createCore({ dataDir, appVersion, log }), parentPort, { log, onShutdown: () => process.exit(0) });
}
