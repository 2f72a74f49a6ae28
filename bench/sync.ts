import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCryptoPrimitives as crypto } from '../src/core/crypto/primitives';
import { SERVICE_DELIVERY_OUTBOX } from '../src/core/services/services.outbox';
import { createTestCenter } from '../src/core/testing/test-center';
import { newId } from '../src/core/db/ids';
import { ingestBatch } from '../src/registry/ingest';
import { startTestRegistry } from '../src/registry/registry.fixture';

/**
 * `npm run bench -- sync`: sealing and uploading N records (default 100,000, and N/2 beside it, so
 * the memory can be compared as the count doubles) from a real center to the reference registry
 * running as its own process (PGlite) over loopback: the time of each phase, the center's peak RSS
 * while sealing and uploading, and the registry process's peak RSS (VmHWM). Then the registry's
 * ingest throughput alone (records/s), in-process, over envelopes sealed beforehand.
 */
const RECORDS = Number(process.env.BENCH_SYNC_RECORDS ?? 100_000);
const log = (line: string) => console.log(line);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const REGISTRY_MAIN = join(__dirname, '..', 'src', 'registry', 'main.ts');

function startRegistryProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', REGISTRY_MAIN, 'serve', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /"listening":(\d+)/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`registry exited (${code})`)));
  });
}

/** Peak resident memory of a live process (Linux), in bytes. */
function peakRssOf(pid: number): number {
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

async function sampleRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number; startRss: number; heapGrowth: number; ms: number }> {
  const startRss = process.memoryUsage().rss;
  const startHeap = process.memoryUsage().heapUsed;
  let peak = startRss;
  let peakHeap = startHeap;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, peakRss: Math.max(peak, process.memoryUsage().rss), startRss, heapGrowth: Math.max(peakHeap, process.memoryUsage().heapUsed) - startHeap, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

async function oneSize(records: number): Promise<void> {
  const registryDir = mkdtempSync(join(tmpdir(), 'inson-bench-registry-'));
  const registry = await startRegistryProcess(registryDir);
  const center = await createTestCenter({ roles: ['administrator', 'manager'], coreOptions: { sync: { intervalMs: 0 } } });
  try {
    const operator = JSON.parse(readFileSync(join(registryDir, 'operator.json'), 'utf8')) as { port: number; token: string };
    const issued = (await (await fetch(`http://127.0.0.1:${operator.port}/operator/issue-code`, { method: 'POST', headers: { 'x-operator-token': operator.token }, body: JSON.stringify({ centerName: 'Bench' }) })).json()) as { code: string };
    await center.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: issued.code });
    // The outbox filled as a year of a busy center would: service deliveries, through the one write path.
    for (let start = 0; start < records; start += 5000) {
      await center.core.services.write(null, async (w) => {
        const entries = Array.from({ length: Math.min(5000, records - start) }, (_, index) => ({
          spec: SERVICE_DELIVERY_OUTBOX,
          entityId: newId(),
          op: 'upsert' as const,
          data: { clientId: `client-${(start + index) % 20_000}`, caseId: null, serviceCode: 'medical.examination', serviceCategory: 'medical', deliveredOn: '2026-11-20', durationMinutes: 30 },
        }));
        await w.outboxMany(entries);
        await w.audit({ action: 'bench.fill', entityType: 'bench', entityId: null, details: { count: entries.length } });
      });
    }
    // The fill (and the run before this one) leave the heap and SQLite's page cache behind them:
    // what sealing and uploading themselves add is the peak above the RSS they started from.
    global.gc?.();
    const sealed = await sampleRss(() => center.as.manager.invoke('sync.seal', {}));
    const uploaded = await sampleRss(() => center.as.manager.invoke('sync.uploadNow', {}));
    if (uploaded.result.state !== 'done') log(`upload did not finish: ${JSON.stringify(uploaded.result)}`);
    const registryPeak = peakRssOf(registry.child.pid ?? 0);
    const status = await center.as.manager.invoke('sync.status', {});
    log(`${String(records).padStart(7)} records: seal ${(sealed.ms / 1000).toFixed(1)} s (${sealed.result.batches} batches, ${(records / (sealed.ms / 1000)).toFixed(0)} records/s), upload ${(uploaded.ms / 1000).toFixed(1)} s (${(records / (uploaded.ms / 1000)).toFixed(0)} records/s), acknowledged ${status.batches.acknowledged.records}`);
    log(`${''.padStart(16)}peak RSS: center ${mib(Math.max(sealed.peakRss, uploaded.peakRss))} (while sealing ${mib(sealed.peakRss)}, uploading ${mib(uploaded.peakRss)}), registry process ${mib(registryPeak)}`);
    // SQLite's page cache (cache_size, 128 MiB, src/core/db/open.ts) fills during the one sealing
    // transaction and is the bounded part of the RSS growth; the JS heap's growth is the rest.
    log(`${''.padStart(16)}added by the phase itself: sealing +${mib(Math.max(0, sealed.peakRss - sealed.startRss))} RSS (JS heap +${mib(Math.max(0, sealed.heapGrowth))}), uploading +${mib(Math.max(0, uploaded.peakRss - uploaded.startRss))} RSS (JS heap +${mib(Math.max(0, uploaded.heapGrowth))}); center RSS before sealing ${mib(sealed.startRss)}`);
  } finally {
    await center.dispose();
    registry.child.kill('SIGTERM');
    await new Promise((resolve) => registry.child.once('exit', resolve));
    rmSync(registryDir, { recursive: true, force: true });
  }
}

async function ingestThroughput(records: number): Promise<void> {
  const registry = await startTestRegistry();
  const center = await createTestCenter({ roles: ['administrator', 'manager'], coreOptions: { sync: { intervalMs: 0 } } });
  try {
    await center.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode() });
    const { centerId } = (await center.as.manager.invoke('sync.status', {})).enrollment ?? { centerId: '' };
    await center.core.services.write(null, async (w) => {
      await w.outboxMany(Array.from({ length: records }, (_, index) => ({ spec: SERVICE_DELIVERY_OUTBOX, entityId: newId(), op: 'upsert' as const, data: { clientId: `client-${index % 5000}`, serviceCode: 'legal.advice', serviceCategory: 'legal', deliveredOn: '2026-11-21', durationMinutes: 20 } })));
      await w.audit({ action: 'bench.fill', entityType: 'bench', entityId: null });
    });
    await center.as.manager.invoke('sync.seal', {});
    const batches = await center.db().selectFrom('sync_batches').select('envelope').orderBy('seq').execute();
    const started = performance.now();
    for (const batch of batches) {
      const outcome = await ingestBatch(registry.db, Buffer.from(batch.envelope), { crypto, now: new Date(), via: 'network', holdMs: 60_000 });
      if (outcome.status !== 201) throw new Error(`ingest answered ${outcome.status}`);
    }
    const seconds = (performance.now() - started) / 1000;
    log(`registry ingest (in-process, ${registry.store.kind}): ${records} records in ${batches.length} batches, ${seconds.toFixed(1)} s, ${(records / seconds).toFixed(0)} records/s (center ${centerId.slice(0, 8)}…)`);
  } finally {
    await center.dispose();
    await registry.close();
  }
}

export async function benchSync(): Promise<void> {
  log(`INSON Center benchmark: sync (sealing and uploading ${RECORDS / 2} and ${RECORDS} records; registry ingest)`);
  log(`load average at start: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  await oneSize(Math.floor(RECORDS / 2));
  await oneSize(RECORDS);
  await ingestThroughput(Math.min(RECORDS, 50_000));
  log(`load average at end: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
}
