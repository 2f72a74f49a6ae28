import { loadavg } from 'node:os';
import { runWritePath } from '../src/core/audit/run-write';
import { verifyStore } from '../src/core/audit/verify-store';
import { localCalendarDate } from '../src/core/calendar/calendar';
import { guessImportMapping } from '../src/core/clients/clients-import.schema';
import { runImport } from '../src/core/clients/clients.import';
import { readImportTable } from '../src/core/clients/clients.import-read';
import { generateRegister } from '../src/core/testing/import-register';
import { createTestCenter } from '../src/core/testing/test-center';

/**
 * `npm run bench -- import`: a register of BENCH_IMPORT_ROWS (default 100,000) messy rows (3% bad,
 * 2% duplicates) read from XLSX, judged and imported in one write on a fresh encrypted center,
 * as the `clients.importStart` job does (the file is read from disk here, as the CLI would, since it is
 * past the API's per-call cap). Reports rows/s for each phase and the process's peak memory.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const log = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function benchImport(): Promise<void> {
  log(`INSON Center benchmark: import of ${ROWS} rows`);
  log(`load average at start: ${load()}`);
  const t = await createTestCenter({ roles: ['receptionist'] });
  try {
    const started = performance.now();
    const register = await generateRegister(ROWS, { today: localCalendarDate(new Date()) });
    log(`generated the XLSX (${(register.bytes.length / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
    for (const input of register.existing) await t.as.receptionist.invoke('clients.register', { ...input, confirmedWarnings: ['possibleDuplicate'] });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    try {
      const readStarted = performance.now();
      const table = await readImportTable('register.xlsx', register.bytes);
      const readSeconds = (performance.now() - readStarted) / 1000;
      const writeStarted = performance.now();
      const store = t.behindTheApi();
      const result = await runWritePath(store, t.staffId.receptionist, (w) => runImport(w, table, guessImportMapping(table.headers)), t.core.services.writeOptions());
      const writeSeconds = (performance.now() - writeStarted) / 1000;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const total = readSeconds + writeSeconds;
      log(`read XLSX:              ${readSeconds.toFixed(1)} s   ${(ROWS / readSeconds).toFixed(0)} rows/s`);
      log(`judge + write (1 tx):   ${writeSeconds.toFixed(1)} s   ${(ROWS / writeSeconds).toFixed(0)} rows/s   (${result.imported} imported, ${result.summary.refused} refused, ${result.summary.duplicates} of them duplicates)`);
      log(`import in all:          ${total.toFixed(1)} s   ${(ROWS / total).toFixed(0)} rows/s   target: ${ROWS} rows under 120 s: ${total < 120 ? 'met' : 'MISSED'}`);
      log(`peak memory (RSS):      ${mib(peakRss)} (${mib(rssBefore)} before reading; maxRSS ${mib(process.resourceUsage().maxRSS * 1024)} including generation)`);
      const expected = register.expected;
      if (result.imported !== expected.accepted) throw new Error(`imported ${result.imported}, expected ${expected.accepted}`);
      const verifyStarted = performance.now();
      const report = verifyStore(store.handle);
      log(`verify after import:    ${report.ok ? 'clean' : 'BROKEN'} (${((performance.now() - verifyStarted) / 1000).toFixed(1)} s)`);
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await t.dispose();
  }
  log(`load average at end: ${load()}`);
}
