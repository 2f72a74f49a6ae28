import { loadavg } from 'node:os';
import { statSync } from 'node:fs';
import { BENCH_ADMIN, openBenchCenter } from './bench-center';

/**
 * `npm run bench -- rotate`: `staff.rotateKeys` on the benchmark center of BENCH_CLIENTS clients
 * (default here 10,000): the SQLCipher rekey of the whole file plus the two keyring writes, and a
 * sign-in afterwards (the sealed key folded into the slot). BENCH_ROTATIONS (default 5) rotations.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const ROTATIONS = Number(process.env.BENCH_ROTATIONS ?? 5);
const log = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

export async function benchRotate(): Promise<void> {
  log(`INSON Center benchmark: key rotation at ${CLIENTS} clients`);
  log(`load average at start: ${load()}`);
  const center = await openBenchCenter(CLIENTS, log);
  try {
    const signIn = await center.core.call('admin', 'auth.signIn', { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
    if (!signIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signIn.error)}`);
    log(`database file: ${(statSync(center.workingDatabasePath).size / 1e6).toFixed(1)} MB`);
    const times: number[] = [];
    for (let i = 0; i < ROTATIONS; i += 1) {
      const started = performance.now();
      const outcome = await center.core.call('admin', 'staff.rotateKeys', { actorPassword: BENCH_ADMIN.password });
      times.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`staff.rotateKeys failed: ${JSON.stringify(outcome.error)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    log(`staff.rotateKeys (password check, rekey, two keyring writes): median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms over ${ROTATIONS}`);
    const foldStarted = performance.now();
    const again = await center.core.call('again', 'auth.signIn', { username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
    if (!again.ok) throw new Error('sign-in after rotation failed');
    log(`sign-in after a rotation (folds the sealed key; test scrypt cost): ${(performance.now() - foldStarted).toFixed(0)} ms`);
    log(`load average at end: ${load()}`);
  } finally {
    await center.dispose();
  }
}
