import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/core/app';
import type { AnyMethod } from '../src/core/api/method';
import { TEST_SCRYPT_PARAMS } from '../src/core/crypto/primitives';
import { seedClients } from '../src/core/clients/clients.seed';
import { DATABASE_FILE_NAME, KEYRING_FILE_NAME } from '../src/core/db/store';
import { silentLogger } from '../src/core/log';

/**
 * The benchmark's center: built once with the seed (the same code as `npm run cli -- seed`) and
 * cached under bench/.data, keyed by a version to bump whenever the schema or the seed changes
 * what the database holds. Each run works on a fresh copy, so registrations never pile up.
 */
export const BENCH_DATA_VERSION = 6;

const DATA_ROOT = join(__dirname, '.data');
export const BENCH_ADMIN = { displayName: 'Bench Administrator', username: 'benchadmin', password: 'bench-admin-password-42' };
const RECEPTIONIST = { displayName: 'Bench Receptionist', username: 'benchreception', password: 'bench-reception-password-42' };

interface Manifest {
  readonly version: number;
  readonly clients: number;
  readonly buildSeconds: number;
}

/** Throws the router's error, so a failed step stops the benchmark with its code. */
async function call<T>(core: Core, connectionId: string, method: string, input: unknown): Promise<T> {
  const outcome = await core.call(connectionId, method, input);
  if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result as T;
}

function startCore(dataDir: string, extraMethods: readonly AnyMethod[] = []): Promise<Core> {
  // The low test scrypt cost only makes sign-in quick; nothing measured depends on it.
  return createCore({ dataDir, appVersion: 'bench', log: silentLogger, keySlotParams: TEST_SCRYPT_PARAMS, extraMethods });
}

async function build(dir: string, clients: number, log: (line: string) => void): Promise<Manifest> {
  const started = performance.now();
  const core = await startCore(dir);
  try {
    await call(core, 'setup', 'setup.createCenter', {
      center: { name: 'Benchmark markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
      admin: BENCH_ADMIN,
      // Seeded records only go into a demonstration center.
      isDemonstration: true,
    });
    await call(core, 'admin', 'auth.signIn', { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
    const added = await call<{ userId: string; temporaryPassword: string }>(core, 'admin', 'staff.add', {
      displayName: RECEPTIONIST.displayName,
      username: RECEPTIONIST.username,
      role: 'receptionist',
    });
    await call(core, 'reception', 'auth.signIn', { username: RECEPTIONIST.username, password: added.temporaryPassword });
    await call(core, 'reception', 'auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: RECEPTIONIST.password });
    let lastReport = 0;
    await seedClients(core.services.store.require(), added.userId, {
      allowList: core.services.outboxAllowList,
      clients,
      chunkSize: 1000,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - lastReport > 15_000 || done === total) {
          lastReport = now;
          log(`  seeded ${done} / ${total} clients (${((now - started) / 1000).toFixed(0)} s)`);
        }
      },
    });
  } finally {
    await core.close();
  }
  return { version: BENCH_DATA_VERSION, clients, buildSeconds: Math.round((performance.now() - started) / 1000) };
}

export interface BenchCenter {
  readonly core: Core;
  /** Connection id of the signed-in receptionist. */
  readonly connectionId: string;
  readonly databasePath: string;
  /** The copy this run works on. */
  readonly workingDatabasePath: string;
  readonly manifest: Manifest;
  readonly wasCached: boolean;
  dispose(): Promise<void>;
}

/**
 * A signed-in receptionist on a fresh copy of the cached center of `clients` clients (built first
 * if missing).
 */
export async function openBenchCenter(clients: number, log: (line: string) => void, extraMethods: readonly AnyMethod[] = []): Promise<BenchCenter> {
  const cacheDir = join(DATA_ROOT, `center-v${BENCH_DATA_VERSION}-${clients}`);
  const manifestPath = join(cacheDir, 'bench.json');
  const wasCached = existsSync(manifestPath);
  if (!wasCached) {
    mkdirSync(DATA_ROOT, { recursive: true });
    const buildDir = `${cacheDir}.building`;
    rmSync(buildDir, { recursive: true, force: true });
    mkdirSync(buildDir);
    log(`Building the benchmark center (${clients} clients; cached under bench/.data for later runs)…`);
    const manifest = await build(buildDir, clients, log);
    writeFileSync(join(buildDir, 'bench.json'), `${JSON.stringify(manifest)}\n`);
    rmSync(cacheDir, { recursive: true, force: true });
    renameSync(buildDir, cacheDir);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;

  const workDir = mkdtempSync(join(tmpdir(), 'inson-bench-'));
  // The core checkpoints the WAL into the database file when it closes, so these two files are the center.
  for (const file of [DATABASE_FILE_NAME, KEYRING_FILE_NAME]) copyFileSync(join(cacheDir, file), join(workDir, file));
  const core = await startCore(workDir, extraMethods);
  await call(core, 'bench', 'auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
  return {
    core,
    connectionId: 'bench',
    databasePath: join(cacheDir, DATABASE_FILE_NAME),
    workingDatabasePath: join(workDir, DATABASE_FILE_NAME),
    manifest,
    wasCached,
    async dispose() {
      await core.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
