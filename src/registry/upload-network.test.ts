import { createServer } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCryptoPrimitives as crypto } from '../core/crypto/primitives';
import { newId } from '../core/db/ids';
import { backoffDelayMs, BACKOFF_CAP_MS } from '../core/sync/backoff';
import { GENESIS_PREV_HASH, sealEnvelope } from '../core/sync/protocol/envelope';
import { keyIdOf } from '../core/sync/protocol/keys';
import { putBatch } from '../core/sync/registry-client';
import { createTestCenterTemplate } from '../core/testing/test-center';
import { enrollCenter } from './centers';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/** The network misbehaving: cut connections, a 503 storm from many centers, and the backoff itself. */

const TODAY = '2026-12-04';
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
}, 120_000);
afterAll(() => registry.close());

describe('backoff with full jitter', () => {
  it('grows from 2 s to a 30-minute cap, draws uniformly below the ceiling, and adds the jitter to Retry-After', () => {
    expect(backoffDelayMs(1, () => 0.999)).toBe(1998);
    expect(backoffDelayMs(4, () => 0.5)).toBe(8000);
    expect(backoffDelayMs(40, () => 0.999_999)).toBe(BACKOFF_CAP_MS - 2);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
    expect(backoffDelayMs(1, () => 0.5, 10_000)).toBe(11_000);
    const draws = Array.from({ length: 2000 }, () => backoffDelayMs(5, Math.random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(32_000);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    expect(mean).toBeGreaterThan(14_000);
    expect(mean).toBeLessThan(18_000);
  });
});

describe('a cut connection', () => {
  const centers = createTestCenterTemplate({ roles: ['administrator', 'manager', 'receptionist'], coreOptions: { sync: { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } } });
  afterAll(() => centers.dispose());

  it('retries a batch whose answer was cut after N bytes, and whose request was cut after N bytes; stored once', async () => {
    let cutAnswerAfter: number | null = null;
    let cutRequestAfter: number | null = null;
    const registryPort = registry.port;
    // A TCP relay in front of the registry that can cut either direction after N bytes.
    const tcp = createTcpServer((socket) => {
      const upstream = connect(registryPort, '127.0.0.1');
      let sent = 0;
      let received = 0;
      socket.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (cutRequestAfter !== null && sent > cutRequestAfter) {
          upstream.write(chunk.subarray(0, Math.max(0, chunk.length - (sent - cutRequestAfter))));
          socket.destroy();
          upstream.destroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (cutAnswerAfter !== null && received > cutAnswerAfter) {
          socket.write(chunk.subarray(0, Math.max(0, chunk.length - (received - cutAnswerAfter))));
          socket.destroy();
          upstream.destroy();
          return;
        }
        socket.write(chunk);
      });
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(tcp.address() as { port: number }).port}`;
    const t = await centers.copy();
    try {
      const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: url, code: await registry.issueCode() });
      const client = await t.registerClient('cut');
      await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
      await t.as.manager.invoke('sync.seal', {});
      // The request cut short: the registry never gets the whole batch.
      cutRequestAfter = 300;
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'failed' });
      // Let the hello through; cut the answer to the PUT after 120 bytes (the registry has committed it).
      cutRequestAfter = null;
      cutAnswerAfter = 120;
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'failed' });
      cutAnswerAfter = null;
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 1 });
      const stored = await registry.db.selectFrom('records').select(['type', 'record_id', 'version']).where('center_id', '=', centerId).execute();
      const outbox = await t.db().selectFrom('outbox').select('seq').execute();
      expect(stored).toHaveLength(outbox.length);
    } finally {
      await t.dispose();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    }
  }, 60_000);
});

describe('a 503 storm', () => {
  it('80 centers sending at once while the registry answers 503 for two seconds: all stored, attempts bounded, retries spread by jitter', async () => {
    // The registry behind a gateway that sheds load for two seconds (a restart, a maintenance window), as a load balancer does.
    let openAt = Number.POSITIVE_INFINITY;
    let refusals = 0;
    const gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (Date.now() < openAt) {
          refusals += 1;
          response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
          return response.end('{"error":"busy"}');
        }
        void fetch(`${registry.url}${request.url ?? ''}`, { method: request.method ?? 'GET', body: new Uint8Array(Buffer.concat(chunks)), headers: { 'content-type': 'application/octet-stream' } }).then(async (upstream) => {
          response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await upstream.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', () => resolve()));
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
    const enc = await registry.db.selectFrom('registry_keys').select(['kid', 'public_key']).where('use', '=', 'enc').where('retired_at', 'is', null).executeTakeFirstOrThrow();
    const simulated = [];
    for (let index = 0; index < 80; index += 1) {
      const seed = randomBytes(32);
      const publicKey = crypto.ed25519PublicKey(seed);
      const outcome = await enrollCenter(registry.db, crypto, { code: await registry.issueCode(`Storm ${index}`), centerName: `Storm ${index}`, publicKey: publicKey.toString('base64'), kid: keyIdOf(publicKey) }, new Date());
      if (!outcome.ok) throw new Error(outcome.error);
      const centerId = outcome.response.centerId;
      const records = Array.from({ length: 20 }, (_, n) => ({ id: `client-${index}-${n}`, type: 'client', version: 1, op: 'upsert' as const, occurredAt: new Date().toISOString(), data: { sex: n % 2 === 0 ? 'female' : 'male', birthYear: 1950 + n, regionCode: '1703' } }));
      const sealed = sealEnvelope(crypto, { batchId: newId(), centerId, seq: 1, prevHash: GENESIS_PREV_HASH, createdAt: new Date().toISOString(), types: { client: '1.0' }, chainHead: { seq: 1, hash: 'a'.repeat(64) }, records, registryKey: { kid: enc.kid, publicKey: Buffer.from(enc.public_key, 'base64') }, signer: { kid: keyIdOf(publicKey), seed } });
      simulated.push({ centerId, sealed });
    }
    const attempts: number[] = [];
    const retryAt: number[] = [];
    const started = Date.now();
    openAt = started + 2000;
    const deadline = started + 90_000;
    await Promise.all(
      simulated.map(async ({ centerId, sealed }) => {
        for (let failures = 0; ; ) {
          if (Date.now() > deadline || failures > 40) throw new Error('the storm did not end in bounds');
          const outcome = await putBatch({ baseUrl: gatewayUrl, timeoutMs: 20_000 }, centerId, sealed.header.batchId, sealed.bytes);
          if (outcome.kind === 'receipt') {
            attempts.push(failures + 1);
            return;
          }
          expect(outcome.kind).toBe('retry');
          failures += 1;
          // The uploader's backoff with a short base (the test is bounded); Retry-After (1 s) is the floor.
          const delay = backoffDelayMs(failures, Math.random, outcome.kind === 'retry' ? outcome.retryAfterMs : undefined, { baseMs: 200, capMs: 4000 });
          retryAt.push(Date.now() + delay - started);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }),
    );
    expect(attempts).toHaveLength(80);
    const stored = await registry.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('record_id', 'like', 'client-%-%').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(80 * 20);
    expect(retryAt.length).toBeGreaterThan(0);
    // Spread: no 100 ms window holds more than a third of the retries.
    const buckets = new Map<number, number>();
    for (const at of retryAt) buckets.set(Math.floor(at / 100), (buckets.get(Math.floor(at / 100)) ?? 0) + 1);
    expect(Math.max(...buckets.values())).toBeLessThan(Math.max(10, retryAt.length / 3));
    expect(refusals).toBeGreaterThanOrEqual(80);
    expect(Math.max(...attempts)).toBeLessThan(15);
    expect(Date.now() - started).toBeLessThan(90_000);
    gateway.closeAllConnections();
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
  }, 150_000);
});
