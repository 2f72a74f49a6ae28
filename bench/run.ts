import { cpus, loadavg, totalmem } from 'node:os';
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { ClientSearchItem } from '../src/core/clients/clients.schema';
import { createRandom, syntheticClient } from '../src/core/clients/clients.seed-data';
import { nameDistance, nameTokens } from '../src/core/uz/names';
import { toCyrillic, toLatin } from '../src/core/uz/transliterate';
import { openBenchCenter, type BenchCenter } from './bench-center';
import { benchImport } from './import';
import { benchReencrypt } from './reencrypt';
import { benchReports } from './reports';
import { benchRotate } from './rotate';
import { benchSync } from './sync';
import { benchStartup } from './startup';
import { benchTraining } from './training';
import { benchUnlock } from './unlock';

/**
 * `npm run bench`: registration and search at 200,000 clients on the encrypted database, through
 * the real API path (router, validation, permission check, runWrite), as a receptionist.
 * Environment: BENCH_CLIENTS (default 200000), BENCH_SAMPLES (default 200).
 * `npm run bench -- import` runs the import benchmark instead (bench/import.ts), `npm run bench -- rotate`
 * the key rotation benchmark (bench/rotate.ts, 10,000 clients by default), `npm run bench -- unlock`
 * only the key-slot unlock and sign-in timing (bench/unlock.ts), which every run prints first,
 * `npm run bench -- reencrypt` the confidential-key re-encryption job (bench/reencrypt.ts),
 * `npm run bench -- training` attendance, completion and certificate PDFs (bench/training.ts),
 * `npm run bench -- sync` sealing and uploading to the reference registry, and its ingest (bench/sync.ts),
 * `npm run bench -- startup` start-up to the sign-in screen and sign-in in the harness (bench/startup.ts),
 * `npm run bench -- reports` every indicator at 200,000 clients and 1,000,000 services (bench/reports.ts).
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARM_UP = 20;
const TARGETS = { registrationP95Ms: 20, searchP95Ms: 30 };

const log = (line: string) => console.log(line);

function percentile(sortedMs: readonly number[], share: number): number {
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(share * sortedMs.length) - 1));
  return sortedMs[index] ?? Number.NaN;
}

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function summarize(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

function line(label: string, timing: Timing, extra = ''): string {
  return `${label.padEnd(44)} p50 ${ms(timing.p50).padStart(10)}   p95 ${ms(timing.p95).padStart(10)}   max ${ms(timing.max).padStart(10)}${extra}`;
}

interface TimedCall {
  /** Wall-clock time of the call. */
  readonly ms: number;
  /** CPU time of this process (all its threads) during the call: what other processes' load cannot inflate. */
  readonly cpuMs: number;
  readonly ok: boolean;
  readonly result: unknown;
}

async function timed(center: BenchCenter, method: string, input: unknown): Promise<TimedCall> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await center.core.call(center.connectionId, method, input);
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, ok: outcome.ok, result: outcome.ok ? outcome.result : outcome.error };
}

/** How long this disk takes to make a 4 KiB write durable: the floor under every commit with synchronous=FULL. */
function measureFsync(dir: string): Timing {
  const path = join(dir, 'fsync-probe.bin');
  const fd = openSync(path, 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < 100; i += 1) {
      const started = performance.now();
      writeSync(fd, Buffer.alloc(4096, i), 0, 4096, i * 4096);
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return summarize(times);
}

interface Sample {
  readonly id: string;
  readonly last_name: string;
  readonly first_name: string;
  readonly pinfl: string | null;
}

async function sampleClients(center: BenchCenter, count: number, seed: number): Promise<Sample[]> {
  const random = createRandom(seed);
  const db = center.core.services.store.require().db;
  const max = Number((await sql<{ n: number }>`SELECT max(seq) AS n FROM clients`.execute(db)).rows[0]?.n ?? 0);
  const seqs = Array.from({ length: count * 2 }, () => 1 + Math.floor(random() * max));
  const rows = await sql<Sample>`SELECT id, last_name, first_name, pinfl FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active'`.execute(db);
  return rows.rows.slice(0, count);
}

const hasCyrillic = (text: string) => /[\u0400-\u04FF]/.test(text);

/** The name as the receptionist would type it in the other script. */
function inOtherScript(sample: Sample): string {
  const name = `${sample.first_name} ${sample.last_name}`;
  return hasCyrillic(name) ? toLatin(name) : toCyrillic(name);
}

/** One typing slip in the longer word: two letters swapped, one dropped or one replaced. */
function misspelled(sample: Sample, random: () => number): string {
  const words = toLatin(`${sample.first_name} ${sample.last_name}`).split(' ');
  const longest = words.reduce((best, word, index) => (word.length > (words[best] ?? '').length ? index : best), 0);
  const word = words[longest] ?? '';
  const at = 1 + Math.floor(random() * Math.max(1, word.length - 3));
  const kind = Math.floor(random() * 3);
  const slipped =
    kind === 0
      ? `${word.slice(0, at)}${word.charAt(at + 1)}${word.charAt(at)}${word.slice(at + 2)}`
      : kind === 1
        ? `${word.slice(0, at)}${word.slice(at + 1)}`
        : `${word.slice(0, at)}${word.charAt(at) === 'a' ? 'e' : 'a'}${word.slice(at + 1)}`;
  words[longest] = slipped;
  return words.join(' ');
}

type SearchKind = 'name' | 'pinfl' | 'misspelled';

interface SearchCase {
  readonly query: string;
  readonly expected: Sample;
}

/**
 * Whether the search did its job: the client is in the top 10, or the top 10 are all people
 * who match at least as well (synthetic names repeat: 200,000 people share a few thousand
 * first-and-last-name pairs, and a 6-digit PINFL prefix is a birthday and a sex); for a
 * misspelling, "as well" means no farther by edit distance.
 */
function isFound(items: readonly ClientSearchItem[], expected: Sample, kind: SearchKind, query: string): boolean {
  const top = items.slice(0, 10);
  if (top.some((item) => item.id === expected.id)) return true;
  if (top.length < 10) return false;
  switch (kind) {
    case 'pinfl':
      return top.every((item) => item.pinfl?.startsWith(query) === true);
    case 'name': {
      const key = nameTokens(`${expected.first_name} ${expected.last_name}`).join(' ');
      return top.every((item) => nameTokens(`${item.firstName} ${item.lastName}`).join(' ') === key);
    }
    case 'misspelled': {
      const expectedDistance = nameDistance(query, `${expected.first_name} ${expected.last_name}`);
      return top.every((item) => nameDistance(query, `${item.firstName} ${item.lastName}`) <= expectedDistance);
    }
  }
}

async function measureSearch(center: BenchCenter, label: string, kind: SearchKind, cases: readonly SearchCase[]): Promise<{ timing: Timing; cpu: Timing; foundShare: number }> {
  for (const { query } of cases.slice(0, WARM_UP)) await timed(center, 'clients.search', { query });
  const measured = cases.slice(WARM_UP);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let found = 0;
  for (const { query, expected } of measured) {
    const run = await timed(center, 'clients.search', { query, limit: 20 });
    if (!run.ok) throw new Error(`${label}: search failed: ${JSON.stringify(run.result)}`);
    times.push(run.ms);
    cpuTimes.push(run.cpuMs);
    if (isFound((run.result as { items: ClientSearchItem[] }).items, expected, kind, query)) found += 1;
  }
  return { timing: summarize(times), cpu: summarize(cpuTimes), foundShare: found / measured.length };
}

async function main(): Promise<void> {
  const cpu = cpus();
  log('INSON Center benchmark: clients');
  log(`machine: ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${process.platform}/${process.arch}`);
  log(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  await benchUnlock();
  log('');

  const center = await openBenchCenter(CLIENTS, log);
  try {
    const db = center.core.services.store.require().db;
    const stored = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM clients`.execute(db)).rows[0]?.n ?? 0);
    log(`database: ${stored} clients, ${(statSync(center.databasePath).size / 1e6).toFixed(1)} MB encrypted (SQLCipher 4), ${center.wasCached ? 'cached' : `built in ${center.manifest.buildSeconds} s`}`);
    log(`samples: ${SAMPLES} per measurement after ${WARM_UP} warm-up calls`);
    const fsyncTiming = measureFsync(dirname(center.workingDatabasePath));
    log('');

    // Registration: new synthetic people (PINFL serials far from the seed's), possible-duplicate
    // prompts pre-confirmed so every call saves, as the receptionist's second click would.
    const random = createRandom(77);
    const today = new Date().toISOString().slice(0, 10);
    const registrations = Array.from({ length: SAMPLES + WARM_UP }, (_, i) => ({
      ...syntheticClient(random, 700_000 + i, today).input,
      confirmedWarnings: ['possibleDuplicate'],
    }));
    const registrationTimes: number[] = [];
    const registrationCpu: number[] = [];
    let refused = 0;
    for (const [index, input] of registrations.entries()) {
      const run = await timed(center, 'clients.register', input);
      if (!run.ok) refused += 1;
      else if (index >= WARM_UP) {
        registrationTimes.push(run.ms);
        registrationCpu.push(run.cpuMs);
      }
    }
    const registration = summarize(registrationTimes);
    log(line('clients.register', registration, refused > 0 ? `   (${refused} refused)` : ''));

    const samples = await sampleClients(center, SAMPLES + WARM_UP, 4242);
    const slips = createRandom(99);
    const otherScript = await measureSearch(center, 'other script', 'name', samples.map((s) => ({ query: inOtherScript(s), expected: s })));
    log(line('clients.search: name in the other script', otherScript.timing, `   found: ${(otherScript.foundShare * 100).toFixed(1)}%`));
    const withPinfl = samples.filter((s) => s.pinfl !== null);
    const pinflPrefix = await measureSearch(
      center,
      'PINFL prefix',
      'pinfl',
      withPinfl.map((s) => ({ query: (s.pinfl ?? '').slice(0, 6 + Math.floor(slips() * 5)), expected: s })),
    );
    log(line('clients.search: PINFL prefix (6–10 digits)', pinflPrefix.timing, `   found: ${(pinflPrefix.foundShare * 100).toFixed(1)}%`));
    const misspelledName = await measureSearch(center, 'misspelled', 'misspelled', samples.map((s) => ({ query: misspelled(s, slips), expected: s })));
    log(line('clients.search: misspelled name', misspelledName.timing, `   found: ${(misspelledName.foundShare * 100).toFixed(1)}%`));

    const searchP95 = Math.max(otherScript.timing.p95, pinflPrefix.timing.p95, misspelledName.timing.p95);
    log('');
    log('CPU time of this process during the same calls (all its threads, GC included; wall time above also waits for the CPU and the disk):');
    log(line('clients.register', summarize(registrationCpu)));
    log(line('clients.search: name in the other script', otherScript.cpu));
    log(line('clients.search: PINFL prefix (6–10 digits)', pinflPrefix.cpu));
    log(line('clients.search: misspelled name', misspelledName.cpu));
    log(line('fsync of 4 KiB on this disk', fsyncTiming));
    log('');
    log(`targets: registration p95 ≤ ${TARGETS.registrationP95Ms} ms: ${registration.p95 <= TARGETS.registrationP95Ms ? 'met' : 'MISSED'}; search p95 ≤ ${TARGETS.searchP95Ms} ms: ${searchP95 <= TARGETS.searchP95Ms ? 'met' : 'MISSED'}`);
    log(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  } finally {
    await center.dispose();
  }
}

// `npm run bench -- import` / `-- rotate` / `-- unlock` / `-- reencrypt` / `-- training` / `-- sync` / `-- startup` / `-- reports`: one benchmark alone (no 200,000-client database needed).
const BENCHMARKS: Readonly<Record<string, () => Promise<void>>> = {
  import: benchImport,
  rotate: benchRotate,
  unlock: () => benchUnlock().then(() => undefined),
  reencrypt: benchReencrypt,
  training: benchTraining,
  sync: benchSync,
  startup: benchStartup,
  reports: benchReports,
};
const chosen = Object.keys(BENCHMARKS).find((name) => process.argv.includes(name));
const selected = chosen === undefined ? main() : (BENCHMARKS[chosen] ?? main)();
selected.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
