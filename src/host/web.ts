import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { definePublic } from '../core/api/method';
import { createCore, type Core } from '../core/app';
import type { ScryptParams } from '../core/crypto/primitives';
import { createConsoleLogger, type Logger } from '../core/log';
import { devPaceJobsMethod } from '../core/reports/reports.api';
import { APP_VERSION } from '../core/version';
import { startHttpTransport, type RunningHttpTransport } from './http-transport';
import { ensurePrivateDataDir } from '../core/db/data-dir';
import { defaultDataDir } from './paths';

/**
 * Test-only: a public method whose handler throws a plain Error, so end-to-end tests can prove a
 * crashing handler reaches the UI as a localized INTERNAL error. The desktop app never registers it.
 */
export const devFailMethod = definePublic({
  name: 'dev.fail',
  input: z.object({}),
  handler: () => {
    throw new Error('dev.fail: a handler that throws (test fixture)');
  },
});

export interface WebHarnessOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built renderer (vite.renderer.config.mts's outDir). */
  readonly staticDir: string;
  readonly devMethods?: boolean;
  readonly log?: Logger;
  /** Defaults to 32 random bytes as hex; tests may pass their own. */
  readonly token?: string;
  /** scrypt cost of new key slots; only unit tests lower it, explicitly. */
  readonly keySlotParams?: ScryptParams;
}

export interface RunningWebHarness {
  readonly core: Core;
  readonly http: RunningHttpTransport;
  readonly token: string;
  /** The address to open, token included: `http://127.0.0.1:<port>/#token=<token>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the core over `dataDir` behind the loopback HTTP transport, serving the renderer.
 * The token travels in the URL's fragment, which browsers never send to the server or put in
 * Referer headers; the page reads it once and keeps it in memory.
 *
 * @example const harness = await startWebHarness({ dataDir, port: 0, staticDir }); console.log(harness.url);
 */
export async function startWebHarness(options: WebHarnessOptions): Promise<RunningWebHarness> {
  ensurePrivateDataDir(options.dataDir, { create: true });
  const token = options.token ?? randomBytes(32).toString('hex');
  const core = await createCore({
    dataDir: options.dataDir,
    appVersion: APP_VERSION,
    log: options.log ?? createConsoleLogger(),
    extraMethods: options.devMethods ? [devFailMethod, devPaceJobsMethod] : [],
    ...(options.keySlotParams ? { keySlotParams: options.keySlotParams } : {}),
  });
  let http: RunningHttpTransport;
  try {
    http = await startHttpTransport({ core, token, port: options.port, staticDir: options.staticDir });
  } catch (error) {
    await core.close();
    throw error;
  }
  return {
    core,
    http,
    token,
    url: `${http.origin}/#token=${token}`,
    close: async () => {
      await http.close();
      await core.close();
    },
  };
}

export interface WebCommandLine {
  /** null: no `--dir`, so the harness runs on a fresh temporary demonstration folder. */
  readonly dataDir: string | null;
  readonly port: number;
  readonly devMethods: boolean;
}

/**
 * `npm run web -- [--dir D] [--port P] [--dev-methods]`. The harness never opens the desktop
 * app's own data folder: it is a demonstration and test tool whose token-guarded loopback port
 * would otherwise expose the center's real records to any local program that learns the token.
 *
 * @example parseWebArgs(['--dir', '/tmp/c', '--port', '0']) // { dataDir: '/tmp/c', port: 0, devMethods: false }
 */
export function parseWebArgs(argv: readonly string[], desktopDataDir: string = defaultDataDir()): WebCommandLine {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dir: { type: 'string' },
      port: { type: 'string', default: '0' },
      'dev-methods': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const dataDir = values.dir === undefined ? null : resolve(values.dir);
  if (dataDir !== null && dataDir === resolve(desktopDataDir)) {
    throw new Error(`--dir ${dataDir} is the desktop app's own data folder; the harness runs only on a demonstration or test folder`);
  }
  return { dataDir, port, devMethods: values['dev-methods'] };
}

/** Runs the harness until SIGINT/SIGTERM; the URL is the one line on stdout. */
export async function runWebHarness(argv: readonly string[], staticDir: string): Promise<void> {
  const args = parseWebArgs(argv);
  const isTemporary = args.dataDir === null;
  const dataDir = args.dataDir ?? mkdtempSync(join(tmpdir(), 'inson-demo-'));
  const harness = await startWebHarness({ ...args, dataDir, staticDir });
  process.stderr.write(isTemporary ? `Temporary demonstration folder (removed on exit): ${dataDir}\n` : `Data folder: ${dataDir}\n`);
  process.stdout.write(`INSON Center is running at: ${harness.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void harness.close().finally(() => {
      if (isTemporary) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
