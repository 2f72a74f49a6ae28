import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { ClientSearchItem } from '../src/core/clients/clients.schema';
import { createRandom } from '../src/core/clients/clients.seed-data';
import { MALE_GIVEN_NAMES } from '../src/core/clients/clients.seed-names';
import { nameTokens } from '../src/core/uz/names';
import { toCyrillic, toLatin } from '../src/core/uz/transliterate';
import { openBenchCenter, type BenchCenter } from './bench-center';

/**
 * A quick search check at a smaller center than `npm run bench` (default 20,000 clients, built in
 * a few minutes and cached under bench/.data like the full benchmark's center): the same three
 * query kinds as bench/run.ts, plus the ones issue 9 names (a patronymic in the other style, a
 * patronymic the record lacks, short names typed without the apostrophe), each with its p50/p95
 * and the share found in the top 10. Wall time and this process's CPU time per call: on a shared
 * machine the CPU time is the steadier of the two.
 *
 *   QUICK_CLIENTS=20000 QUICK_SAMPLES=200 node_modules/.bin/tsx bench/search-quick.ts
 */

const CLIENTS = Number(process.env.QUICK_CLIENTS ?? 20_000);
const SAMPLES = Number(process.env.QUICK_SAMPLES ?? 200);
const WARM_UP = 20;

interface Sample {
  readonly id: string;
  readonly last_name: string;
  readonly first_name: string;
  readonly patronymic: string | null;
  readonly pinfl: string | null;
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

async function samples(center: BenchCenter, where: string, count: number, seed: number): Promise<Sample[]> {
  const random = createRandom(seed);
  const db = center.core.services.store.require().db;
  const max = Number((await sql<{ n: number }>`SELECT max(seq) AS n FROM clients`.execute(db)).rows[0]?.n ?? 0);
  const seqs = Array.from({ length: count * 20 }, () => 1 + Math.floor(random() * max));
  const rows = await sql<Sample>`SELECT id, last_name, first_name, patronymic, pinfl FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active' AND ${sql.raw(where)}`.execute(db);
  return rows.rows.slice(0, count);
}

const hasCyrillic = (text: string) => /[\u0400-\u04FF]/.test(text);
const otherScript = (text: string) => (hasCyrillic(text) ? toLatin(text) : toCyrillic(text));

/** "Akmal oʻgʻli" ↔ "Akmalovich", "Akmal qizi" ↔ "Akmalovna", in the patronymic's own script. */
function patronymicInOtherStyle(patronymic: string): string | null {
  const latin = toLatin(patronymic);
  const marked = /^(.+?)[\s-]+(o[ʻ'`’‘]?g[ʻ'`’‘]?li|ugli|qizi|kizi)$/iu.exec(latin);
  const cyrillic = hasCyrillic(patronymic);
  const back = (text: string) => (cyrillic ? toCyrillic(text) : text);
  if (marked) {
    const father = marked[1] ?? '';
    const isMale = /^[ou]/i.test(marked[2] ?? '');
    const stem = /[aeiou]$/i.test(father) ? `${father}yev` : `${father}ov`;
    return back(`${stem}${isMale ? 'ich' : 'na'}`);
  }
  const russian = /^(.+?)(y?evich|ovich|y?evna|ovna)$/iu.exec(latin);
  if (russian) {
    const father = russian[1] ?? '';
    const isMale = /ich$/i.test(russian[2] ?? '');
    return back(`${father} ${isMale ? 'oʻgʻli' : 'qizi'}`);
  }
  return null;
}

/** Every oʻ and ў written without its sign, as on a keyboard without the apostrophe. */
const withoutApostrophe = (text: string) => toLatin(text).replace(/([oOgG])[ʻ'`’‘]/gu, '$1');

interface Case {
  readonly query: string;
  readonly expected: Sample;
}

function isFound(items: readonly ClientSearchItem[], expected: Sample): boolean {
  const top = items.slice(0, 10);
  if (top.some((item) => item.id === expected.id)) return true;
  if (top.length < 10) return false;
  // Synthetic names repeat: ten people with the very same last and first name are as good an answer.
  const key = nameTokens(`${expected.first_name} ${expected.last_name}`).join(' ');
  return top.every((item) => nameTokens(`${item.firstName} ${item.lastName}`).join(' ') === key);
}

async function measure(center: BenchCenter, label: string, cases: readonly Case[], isFoundMeasured = true): Promise<void> {
  for (const { query } of cases.slice(0, WARM_UP)) await center.core.call(center.connectionId, 'clients.search', { query });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let found = 0;
  const measured = cases.slice(WARM_UP);
  for (const { query, expected } of measured) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const outcome = await center.core.call(center.connectionId, 'clients.search', { query, limit: 20 });
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (!outcome.ok) throw new Error(`${label}: ${JSON.stringify(outcome.error)}`);
    if (!isFoundMeasured || isFound((outcome.result as { items: ClientSearchItem[] }).items, expected)) found += 1;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
  const share = measured.length === 0 ? Number.NaN : (found / measured.length) * 100;
  const ms = (value: number) => `${value.toFixed(2).padStart(6)} ms`;
  console.log(
    `${label.padEnd(38)} n ${String(measured.length).padStart(3)}  wall p50 ${ms(percentile(sorted, 0.5))} p95 ${ms(percentile(sorted, 0.95))}  cpu p50 ${ms(percentile(cpuSorted, 0.5))} p95 ${ms(percentile(cpuSorted, 0.95))}  found ${share.toFixed(1)}%`,
  );
}

async function main(): Promise<void> {
  console.log(`search quick check at ${CLIENTS} clients; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const center = await openBenchCenter(CLIENTS, (line) => console.log(line));
  try {
    const n = SAMPLES + WARM_UP;
    const random = createRandom(99);
    const any = await samples(center, '1 = 1', n, 4242);
    await measure(center, 'name in the other script', any.map((s) => ({ query: otherScript(`${s.first_name} ${s.last_name}`), expected: s })));

    const misspell = (s: Sample) => {
      const words = toLatin(`${s.first_name} ${s.last_name}`).split(' ');
      const i = words.reduce((best, w, k) => (w.length > (words[best] ?? '').length ? k : best), 0);
      const w = words[i] ?? '';
      const at = 1 + Math.floor(random() * Math.max(1, w.length - 3));
      words[i] = `${w.slice(0, at)}${w.charAt(at + 1)}${w.charAt(at)}${w.slice(at + 2)}`;
      return words.join(' ');
    };
    await measure(center, 'misspelled name', any.map((s) => ({ query: misspell(s), expected: s })));
    const withPinfl = any.filter((s) => s.pinfl !== null);
    await measure(center, 'PINFL prefix (6–10 digits)', withPinfl.map((s) => ({ query: (s.pinfl ?? '').slice(0, 6 + Math.floor(random() * 5)), expected: s })));

    // One word that many share (a surname): the page is the best 20 of hundreds.
    await measure(center, 'surname only (broad)', any.map((s) => ({ query: toLatin(s.last_name), expected: s })), false);

    const withPatronymic = await samples(center, 'patronymic IS NOT NULL', n, 515);
    const styled = withPatronymic.flatMap((s) => {
      const other = patronymicInOtherStyle(s.patronymic ?? '');
      return other === null ? [] : [{ query: `${s.last_name} ${s.first_name} ${other}`, expected: s }];
    });
    await measure(center, 'patronymic in the other style', styled);
    const without = await samples(center, 'patronymic IS NULL', n, 616);
    await measure(
      center,
      'patronymic typed, none on the record',
      without.map((s) => {
        const father = MALE_GIVEN_NAMES[Math.floor(random() * MALE_GIVEN_NAMES.length)] ?? 'Akmal';
        const patronymic = random() < 0.5 ? `${father} oʻgʻli` : `${father}ovich`;
        return { query: `${s.last_name} ${s.first_name} ${hasCyrillic(s.last_name) ? toCyrillic(patronymic) : patronymic}`, expected: s };
      }),
    );
    const apostrophed = await samples(center, "(first_name LIKE '%ʻ%' OR first_name LIKE '%ў%' OR first_name LIKE '%Ў%')", n, 717);
    await measure(center, 'first name without the apostrophe', apostrophed.map((s) => ({ query: `${withoutApostrophe(s.first_name)} ${toLatin(s.last_name)}`, expected: s })));
  } finally {
    await center.dispose();
  }
  console.log(`load average at end ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
