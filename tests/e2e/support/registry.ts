import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_DIR } from './harness';

const run = promisify(execFile);
const TSX = join(PROJECT_DIR, 'node_modules/tsx/dist/cli.mjs');
const REGISTRY_MAIN = 'src/registry/main.ts';

export interface RunningRegistry {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly fingerprint: string;
  readonly dataDir: string;
  /** `npm run registry -- issue-code` against the running server (its loopback operator endpoint). */
  issueCode(centerName: string): Promise<string>;
  /** Any other registry command on the same database (`import FILE`, `export-receipts …`); its JSON output. */
  command(args: readonly string[]): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * The reference registry as an operator runs it (`npm run registry -- serve --data DIR --port 0`),
 * in a separate process on a fresh embedded PostgreSQL folder; waits for its `{"listening":…}` line.
 *
 * @example const registry = await startRegistry(); const code = await registry.issueCode('Markaz');
 */
export async function startRegistry(): Promise<RunningRegistry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-e2e-registry-'));
  const child: ChildProcess = spawn(process.execPath, [TSX, REGISTRY_MAIN, 'serve', '--data', dataDir, '--port', '0'], { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const started = await new Promise<{ listening: number; fingerprint: string }>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry did not start in time:\n${stderr}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((entry) => entry.startsWith('{"listening"'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolveStart(JSON.parse(line) as { listening: number; fingerprint: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry exited with ${code}:\n${stderr}`));
    });
  });
  const command = async (args: readonly string[]): Promise<unknown> => {
    const { stdout: output } = await run(process.execPath, [TSX, REGISTRY_MAIN, ...args, '--data', dataDir], { cwd: PROJECT_DIR });
    return JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as unknown;
  };
  return {
    url: `http://127.0.0.1:${started.listening}`,
    fingerprint: started.fingerprint,
    dataDir,
    command,
    async issueCode(centerName) {
      const issued = (await command(['issue-code', '--center-name', centerName])) as { code: string };
      return issued.code;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
