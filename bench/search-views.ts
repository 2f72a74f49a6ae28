import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { defineRead } from '../src/core/api/method';
import { searchClientsInput } from '../src/core/clients/clients.schema';
import { searchClients } from '../src/core/clients/clients.search';
import { createRandom } from '../src/core/clients/clients.seed-data';
import { toCyrillic, toLatin } from '../src/core/uz/transliterate';
import { openBenchCenter, type BenchCenter } from './bench-center';

/**
 * Search latency before and after the per-role views, in one run on one core: `before` is the
 * search handler as it was (the engine's answer returned as is), `after` is `clients.search` as it
 * is now (the query read through the caller's view, each result projected through it; the list
 * writes no read audit). Both go through the same router as the same receptionist, alternating
 * query by query, so load on a shared machine falls on both alike.
 *
 *   QUICK_CLIENTS=5000 QUICK_SAMPLES=200 npm run bench:views
 */

const CLIENTS = Number(process.env.QUICK_CLIENTS ?? 20_000);
const SAMPLES = Number(process.env.QUICK_SAMPLES ?? 200);
const WARM_UP = 20;

const searchBeforeViews = defineRead({
  name: 'bench.searchBeforeViews',
  input: searchClientsInput,
  access: 'clients.read',
  handler: (ctx, input) => searchClients(ctx.db, input),
});

interface Sample {
  readonly last_name: string;
  readonly first_name: string;
  readonly pinfl: string | null;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

async function samples(center: BenchCenter, count: number): Promise<Sample[]> {
  const random = createRandom(4242);
  const db = center.core.services.store.require().db;
  const max = Number((await sql<{ n: number }>`SELECT max(seq) AS n FROM clients`.execute(db)).rows[0]?.n ?? 0);
  const seqs = Array.from({ length: count * 2 }, () => 1 + Math.floor(random() * max));
  const rows = await sql<Sample>`SELECT last_name, first_name, pinfl FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active'`.execute(db);
  return rows.rows.slice(0, count);
}

const otherScript = (text: string) => (/[\u0400-\u04FF]/.test(text) ? toLatin(text) : toCyrillic(text));

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
}

async function timed(center: BenchCenter, method: string, query: string, into: Timing): Promise<void> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await center.core.call(center.connectionId, method, { query, limit: 20 });
  into.wall.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  into.cpu.push((cpu.user + cpu.system) / 1000);
  if (!outcome.ok) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`);
}

async function compare(center: BenchCenter, label: string, queries: readonly string[]): Promise<void> {
  for (const query of queries.slice(0, WARM_UP)) {
    await center.core.call(center.connectionId, 'bench.searchBeforeViews', { query });
    await center.core.call(center.connectionId, 'clients.search', { query });
  }
  const before: Timing = { wall: [], cpu: [] };
  const after: Timing = { wall: [], cpu: [] };
  let index = 0;
  for (const query of queries.slice(WARM_UP)) {
    // Alternate which goes first, so neither always meets a warm cache the other left.
    if (index % 2 === 0) {
      await timed(center, 'bench.searchBeforeViews', query, before);
      await timed(center, 'clients.search', query, after);
    } else {
      await timed(center, 'clients.search', query, after);
      await timed(center, 'bench.searchBeforeViews', query, before);
    }
    index += 1;
  }
  const ms = (value: number) => `${value.toFixed(2).padStart(6)} ms`;
  for (const [name, timing] of [['before', before], ['after', after]] as const) {
    const wall = [...timing.wall].sort((a, b) => a - b);
    const cpu = [...timing.cpu].sort((a, b) => a - b);
    console.log(`${label.padEnd(30)} ${name.padEnd(6)} n ${String(wall.length).padStart(3)}  wall p50 ${ms(percentile(wall, 0.5))} p95 ${ms(percentile(wall, 0.95))}  cpu p50 ${ms(percentile(cpu, 0.5))} p95 ${ms(percentile(cpu, 0.95))}`);
  }
}

async function main(): Promise<void> {
  console.log(`search before/after the views at ${CLIENTS} clients; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const center = await openBenchCenter(CLIENTS, (line) => console.log(line), [searchBeforeViews]);
  try {
    const any = await samples(center, SAMPLES + WARM_UP);
    await compare(center, 'name in the other script', any.map((s) => otherScript(`${s.first_name} ${s.last_name}`)));
    await compare(center, 'surname only (broad)', any.map((s) => toLatin(s.last_name)));
    await compare(center, 'PINFL prefix (6–10 digits)', any.flatMap((s) => (s.pinfl === null ? [] : [s.pinfl.slice(0, 8)])));
  } finally {
    await center.dispose();
  }
  console.log(`load average at end ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
