import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createTestCenterTemplate, rejection, type TestCenter } from '../core/testing/test-center';
import { CLIENT_WARNINGS } from '../core/clients/clients.schema';
import { putBatch } from '../core/sync/registry-client';
import { countPeopleRegistered, countPeopleServed } from './national';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/**
 * The batch protocol end to end over loopback: a real center core (encrypted database, the real
 * API) and the real registry service (embedded PostgreSQL, or DATABASE_URL in CI), in one process.
 * The cases where a process dies are in crash.test.ts.
 */

const TODAY = '2026-12-04';
let registry: TestRegistry;
const centers = createTestCenterTemplate({ roles: ['administrator', 'manager', 'receptionist'], coreOptions: { sync: { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } } });

beforeAll(async () => {
  registry = await startTestRegistry();
}, 120_000);
afterAll(async () => {
  await registry.close();
  await centers.dispose();
});

async function enrolled(t: TestCenter<'administrator' | 'manager' | 'receptionist'>, url = registry.url): Promise<string> {
  const code = await registry.issueCode();
  const { centerId, fingerprint } = await t.as.administrator.invoke('sync.enroll', { registryUrl: url, code });
  expect(fingerprint).toBe(registry.fingerprint);
  return centerId;
}

async function servedClient(t: TestCenter<'administrator' | 'manager' | 'receptionist'>, tag: string, options: { pinfl?: string; sharesWithRegistry?: boolean } = {}) {
  // The same person at two centers looks like a duplicate, and the sample PINFL need not match the sample birth date: confirmed, as a receptionist would.
  const identity = options.pinfl ? { pinfl: options.pinfl, confirmedWarnings: [...CLIENT_WARNINGS] } : {};
  const client = await t.registerClient(tag, identity);
  await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
  if (options.sharesWithRegistry) await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: TODAY });
  await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: 'medical.examination', deliveredOn: TODAY, durationMinutes: 30 });
  return client;
}

async function registryRecords(centerId: string) {
  return registry.db.selectFrom('records').selectAll().where('center_id', '=', centerId).orderBy('type').orderBy('record_id').orderBy('version').execute();
}

describe('upload over loopback', () => {
  let t: TestCenter<'administrator' | 'manager' | 'receptionist'>;
  beforeEach(async () => {
    t = await centers.copy();
  }, 60_000);
  afterEach(() => t.dispose());

  it('enrolls, seals, uploads and is acknowledged by a signed receipt; a second round sends nothing and a resend gets the same receipt', async () => {
    const centerId = await enrolled(t);
    await servedClient(t, 'a');
    const before = await t.as.manager.invoke('sync.status', {});
    expect(before.pendingRecords).toBeGreaterThan(0);

    const round = await t.as.manager.invoke('sync.uploadNow', {});
    expect(round).toMatchObject({ state: 'done', acknowledged: 1, refused: 0 });
    const status = await t.as.manager.invoke('sync.status', {});
    expect(status.pendingRecords).toBe(0);
    expect(status.batches.acknowledged).toEqual({ count: 1, records: before.pendingRecords });
    expect(status.enrollment?.lastContactAt).not.toBeNull();

    const stored = await registryRecords(centerId);
    expect(stored.map((row) => row.type).sort()).toEqual(expect.arrayContaining(['client', 'consent', 'serviceDelivery']));
    expect(stored).toHaveLength(before.pendingRecords);

    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', sealed: 0, acknowledged: 0 });
    const batch = await t.db().selectFrom('sync_batches').selectAll().executeTakeFirstOrThrow();
    const again = await putBatch({ baseUrl: registry.url }, centerId, batch.batch_id, Buffer.from(batch.envelope));
    expect(again.kind).toBe('receipt');
    expect(again.kind === 'receipt' ? again.body : null).toEqual(JSON.parse(batch.receipt_json ?? 'null'));
    expect(await registryRecords(centerId)).toHaveLength(stored.length);
  });

  it('sends a pseudonym for a client without registry-sharing consent, and counts one person served at two centers', async () => {
    const other = await centers.copy();
    try {
      const first = await enrolled(t);
      const second = await enrolled(other);
      await servedClient(t, 'p', { pinfl: '32505900123459' });
      await servedClient(other, 'q', { pinfl: '32505900123459', sharesWithRegistry: true });
      await servedClient(other, 'r', { pinfl: '42505900123453' });
      await t.as.manager.invoke('sync.uploadNow', {});
      await other.as.manager.invoke('sync.uploadNow', {});

      const clientAtFirst = (await registryRecords(first)).filter((row) => row.type === 'client');
      expect(clientAtFirst).toHaveLength(1);
      const data = clientAtFirst[0]?.data as Record<string, unknown>;
      expect(data.pinfl).toBeUndefined();
      expect(data.lastName).toBeUndefined();
      expect(String(data.pseudonym)).toMatch(/^p1:[0-9a-f]{64}$/);
      const shared = (await registryRecords(second)).filter((row) => row.type === 'client' && (row.data as Record<string, unknown>).pinfl === '32505900123459');
      expect(shared.at(-1)?.person_key).toBe(clientAtFirst[0]?.person_key);

      // Three clients served at two centers, two of them the same person.
      const servedHere = await registry.db.selectFrom('records').select('record_id').where('type', '=', 'serviceDelivery').where('center_id', 'in', [first, second]).execute();
      expect(servedHere).toHaveLength(3);
      expect(await countPeopleRegistered(registry.db, { centers: [first, second] })).toBe(2);
      expect(await countPeopleServed(registry.db, { fromDay: TODAY, centers: [first, second] })).toBe(2);
      expect(await countPeopleServed(registry.db, { fromDay: '2027-01-01', centers: [first, second] })).toBe(0);
    } finally {
      await other.dispose();
    }
  });

  it('refuses an enrollment whose fingerprint is not the letter’s, and a code used twice', async () => {
    const code = await registry.issueCode();
    expect(await rejection(t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code, fingerprint: 'AAAA BBBB' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'syncFingerprintMismatch' } });
    await t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code, fingerprint: registry.fingerprint.toLowerCase() });
    const other = await centers.copy();
    try {
      expect(await rejection(other.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'syncEnrollmentRefused', registryReason: 'codeUsed' } });
      expect(await rejection(other.as.manager.invoke('sync.enroll', { registryUrl: registry.url, code }))).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await other.dispose();
    }
  });

  it('quarantines the one record the registry refuses and acknowledges the rest; an edit resends it and clears the quarantine', async () => {
    const centerId = await enrolled(t);
    const client = await servedClient(t, 'z');
    // A field the center's build should never have let through (a careless future feature).
    const row = await t.db().selectFrom('outbox').selectAll().where('type', '=', 'client').where('entity_id', '=', client.id).executeTakeFirstOrThrow();
    t.behindTheApi().handle.prepare('UPDATE outbox SET data_json = json_set(data_json, ?, ?) WHERE seq = ?').run('$.caseNote', 'confidential words', row.seq);

    const round = await t.as.manager.invoke('sync.uploadNow', {});
    expect(round).toMatchObject({ state: 'done', acknowledged: 1 });
    const status = await t.as.manager.invoke('sync.status', {});
    expect(status.quarantine).toEqual([expect.objectContaining({ type: 'client', entityId: client.id, reason: 'unknownField:caseNote' })]);
    const stored = await registryRecords(centerId);
    expect(stored.some((record) => record.type === 'client')).toBe(false);
    expect(stored.some((record) => record.type === 'serviceDelivery')).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('confidential words');

    // Any change that sends the client's record again: here the client's consent to registry sharing.
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: TODAY });
    await t.as.manager.invoke('sync.uploadNow', {});
    expect((await t.as.manager.invoke('sync.status', {})).quarantine).toEqual([]);
    expect((await registryRecords(centerId)).filter((record) => record.type === 'client')).toHaveLength(1);
  });

  it('stops at a batch with a flipped bit (422), alerts the manager and sends the others', async () => {
    const centerId = await enrolled(t);
    await servedClient(t, 'f');
    await t.as.manager.invoke('sync.seal', {});
    const batch = await t.db().selectFrom('sync_batches').selectAll().executeTakeFirstOrThrow();
    const flipped = Buffer.from(batch.envelope);
    const at = flipped.indexOf('"ciphertext":"') + 20;
    flipped[at] = (flipped[at] ?? 0) === 0x41 ? 0x42 : 0x41;
    const outcome = await putBatch({ baseUrl: registry.url }, centerId, batch.batch_id, flipped);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'badSignature' });
    // The stored bytes are intact: the real upload goes through.
    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ acknowledged: 1 });
  });

  it('holds a batch above a gap until the gap fills, and refuses a batch id reused with other content (409)', async () => {
    const centerId = await enrolled(t);
    for (const tag of ['g1', 'g2', 'g3']) {
      await servedClient(t, tag);
      await t.as.manager.invoke('sync.seal', {});
    }
    const batches = await t.db().selectFrom('sync_batches').selectAll().orderBy('seq').execute();
    expect(batches.map((batch) => batch.seq)).toEqual([1, 2, 3]);
    const [one, two, three] = batches;
    if (!one || !two || !three) throw new Error('three batches');
    expect(await putBatch({ baseUrl: registry.url }, centerId, three.batch_id, Buffer.from(three.envelope))).toMatchObject({ kind: 'held', cursor: { seq: 0, held: [3], missing: [1, 2] } });
    expect(await putBatch({ baseUrl: registry.url }, centerId, two.batch_id, Buffer.from(two.envelope))).toMatchObject({ kind: 'held', cursor: { held: [2, 3], missing: [1] } });
    expect(await putBatch({ baseUrl: registry.url }, centerId, one.batch_id, Buffer.from(one.envelope))).toMatchObject({ kind: 'receipt' });
    const cursor = await registry.db.selectFrom('centers').select(['cursor_seq']).where('id', '=', centerId).executeTakeFirstOrThrow();
    expect(cursor.cursor_seq).toBe(3);

    expect(await putBatch({ baseUrl: registry.url }, centerId, one.batch_id, Buffer.from(two.envelope))).toMatchObject({ kind: 'refused', reason: 'mismatch' });
    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 3 });
  });

  it('treats a captive portal’s 200 page, a forged receipt and an unknown registry key as failures, and retries later', async () => {
    const { createServer } = await import('node:http');
    let mode: 'portal' | 'forged' | 'otherKeys' | 'pass' = 'portal';
    const proxy = createServer((request, response) => {
      if (mode === 'portal') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<html><body>Welcome to the free Wi-Fi</body></html>');
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void fetch(`${registry.url}${request.url ?? ''}`, { method: request.method ?? 'GET', ...(chunks.length > 0 ? { body: new Uint8Array(Buffer.concat(chunks)) } : {}), headers: { 'content-type': 'application/octet-stream' } }).then(async (upstream) => {
          let body = await upstream.text();
          if (mode === 'forged' && request.method === 'PUT') {
            const receipt = JSON.parse(body) as { sig: string };
            body = JSON.stringify({ ...receipt, sig: Buffer.alloc(64, 7).toString('base64') });
          }
          if (mode === 'otherKeys' && (request.url ?? '').endsWith('/hello')) {
            const hello = JSON.parse(body) as { keys: { publicKey: string }[] };
            body = JSON.stringify({ ...hello, keys: hello.keys.map((key) => ({ ...key, publicKey: Buffer.alloc(32, 9).toString('base64') })) });
          }
          response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
          response.end(body);
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    const port = (proxy.address() as { port: number }).port;
    try {
      mode = 'pass';
      const centerId = await enrolled(t, `http://127.0.0.1:${port}`);
      await servedClient(t, 'c');
      mode = 'portal';
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'failed', reason: 'notRegistryAnswer' });
      mode = 'otherKeys';
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'failed', reason: 'unknownRegistryKey' });
      mode = 'forged';
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'failed', reason: 'badReceipt' });
      const status = await t.as.manager.invoke('sync.status', {});
      expect(status.batches.acknowledged.count).toBe(0);
      expect(status.enrollment?.failures).toBe(3);
      expect(status.enrollment?.nextAttemptAt).not.toBeNull();
      mode = 'pass';
      expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 1 });
      expect((await t.as.manager.invoke('sync.status', {})).enrollment?.failures).toBe(0);
      const records = await registryRecords(centerId);
      expect(new Set(records.map((record) => `${record.type}:${record.record_id}:${record.version}`)).size).toBe(records.length);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
