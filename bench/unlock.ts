import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/core/app';
import { createApiClient } from '../src/core/client';
import { createKeyring, unlockUserSlot } from '../src/core/crypto/keyring';
import { DEFAULT_SCRYPT_PARAMS, nodeCryptoPrimitives, type ScryptParams } from '../src/core/crypto/primitives';
import { createDirectTransport } from '../src/host/direct-transport';
import { silentLogger } from '../src/core/log';
import { TEST_ADMIN, TEST_CENTER } from '../src/core/testing/test-center';

/**
 * `npm run bench -- unlock` (and the first lines of `npm run bench`): how long unlocking a key slot
 * takes at the scrypt cost new slots get (issue 8 item 8: under 1 s on the reference 2-core
 * machine), and at the powers of two around it; then a whole `auth.signIn` through a real core.
 * Prints wall time and this process's CPU time: on a loaded machine the wall time also waits for
 * the CPU, the CPU time is what the center's PC would spend.
 */

const BUDGET_MS = 1000;
const ROUNDS = Number(process.env.BENCH_UNLOCK_ROUNDS ?? 3);
const log = (line: string) => console.log(line);

interface Measured {
  readonly wallMs: number;
  readonly cpuMs: number;
}

async function measure(work: () => Promise<unknown>): Promise<Measured> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function describe(label: string, runs: readonly Measured[]): string {
  const worst = (key: keyof Measured) => Math.max(...runs.map((run) => run[key]));
  const best = (key: keyof Measured) => Math.min(...runs.map((run) => run[key]));
  return `${label.padEnd(36)} CPU ${best('cpuMs').toFixed(0)}–${worst('cpuMs').toFixed(0)} ms   wall ${best('wallMs').toFixed(0)}–${worst('wallMs').toFixed(0)} ms`;
}

async function unlockRuns(params: ScryptParams): Promise<Measured[]> {
  const key = () => nodeCryptoPrimitives.hkdfSha256(Buffer.alloc(32, 7), Buffer.alloc(0), Buffer.from('bench'), 32);
  const { keyring } = await createKeyring(nodeCryptoPrimitives, {
    admin: { userId: 'bench', username: 'bench', password: 'bench unlock password 1' },
    databaseKey: key(),
    confidentialKey: key(),
    params,
  });
  const runs: Measured[] = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push(await measure(() => unlockUserSlot(nodeCryptoPrimitives, keyring, 'bench', 'bench unlock password 1')));
  return runs;
}

/** Prints the unlock and sign-in times; returns whether the default cost keeps an unlock's CPU time under the budget. */
export async function benchUnlock(): Promise<boolean> {
  log(`key slot unlock (scrypt r=8 p=1, ${ROUNDS} rounds each), load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}:`);
  let defaultWorstCpuMs = Number.POSITIVE_INFINITY;
  for (const exponent of [16, 17, 18]) {
    const params = { ...DEFAULT_SCRYPT_PARAMS, N: 2 ** exponent };
    const runs = await unlockRuns(params);
    const isDefault = params.N === DEFAULT_SCRYPT_PARAMS.N;
    if (isDefault) defaultWorstCpuMs = Math.max(...runs.map((run) => run.cpuMs));
    log(describe(`unlock at N=2^${exponent}${isDefault ? ' (new slots)' : ''}`, runs));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-bench-unlock-'));
  const core = await createCore({ dataDir, appVersion: '0.0.0-bench', log: silentLogger });
  try {
    const api = createApiClient(createDirectTransport(core, 'bench'));
    await api.invoke('setup.createCenter', { center: TEST_CENTER, admin: TEST_ADMIN });
    const runs: Measured[] = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      runs.push(await measure(() => api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })));
      await api.invoke('auth.signOut', {});
    }
    log(describe('auth.signIn (opens the database)', runs));
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const isWithinBudget = defaultWorstCpuMs < BUDGET_MS;
  log(`target: an unlock at the new-slot cost under ${BUDGET_MS} ms of CPU: ${isWithinBudget ? 'met' : 'MISSED'}`);
  return isWithinBudget;
}
