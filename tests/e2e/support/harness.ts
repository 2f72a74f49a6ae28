import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_DIR = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(PROJECT_DIR, '.vite/renderer/main_window');

export interface Harness {
  /** `http://127.0.0.1:<port>/#token=<token>` exactly as printed. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** Everything the harness wrote to stderr (its log): tests check it holds no personal data. */
  stderr(): string;
  stop(): Promise<void>;
}

const URL_LINE = /INSON Center is running at: (http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/;

/**
 * Starts `npm run web` the way a person would (the real script), in a fresh data folder on a free
 * port, and waits for its URL line.
 *
 * @example const harness = await startHarness({ devMethods: true }); … await harness.stop();
 */
export async function startHarness(options: { readonly devMethods?: boolean; readonly dataDir?: string; readonly syncIntervalMs?: number } = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'inson-e2e-'));
  const args = ['scripts/web.mjs', '--dir', dataDir, '--port', '0', '--no-build'];
  if (options.devMethods) args.push('--dev-methods');
  if (options.syncIntervalMs !== undefined) args.push('--sync-interval-ms', String(options.syncIntervalMs));
  const child: ChildProcess = spawn(process.execPath, args, { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const found = await new Promise<RegExpExecArray>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start in time:\n${stderr}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = URL_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}:\n${stderr}`));
    });
  });
  const origin = found[1] ?? '';
  const token = found[2] ?? '';
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    dataDir,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
