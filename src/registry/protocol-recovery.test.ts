import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_WARNINGS } from '../core/clients/clients.schema';
import { nodeCryptoPrimitives as crypto } from '../core/crypto/primitives';
import { newId } from '../core/db/ids';
import { sealEnvelope } from '../core/sync/protocol/envelope';
import { putBatch } from '../core/sync/registry-client';
import { clientOf, createTestCenterTemplate, startTestCore, type TestCenter } from '../core/testing/test-center';
import { exportReceipts, importTransferFile } from './centers';
import { ingestBatch } from './ingest';
import { countPeopleServed } from './national';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/** Recovery paths of the protocol: USB, old backups, forced gaps, reused ids, clocks, two registry instances. */

const TODAY = '2026-12-04';
type Roles = 'administrator' | 'manager' | 'receptionist';
let registry: TestRegistry;
const SYNC = { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } as const;
const centers = createTestCenterTemplate({ roles: ['administrator', 'manager', 'receptionist'], coreOptions: { sync: SYNC } });

beforeAll(async () => {
  registry = await startTestRegistry({ holdMs: 60_000 });
}, 120_000);
afterAll(async () => {
  await registry.close();
  await centers.dispose();
});

async function enroll(t: TestCenter<Roles>): Promise<string> {
  const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode() });
  return centerId;
}

async function served(t: TestCenter<Roles>, tag: string, pinfl?: string) {
  const client = await t.registerClient(tag, pinfl ? { pinfl, confirmedWarnings: [...CLIENT_WARNINGS] } : {});
  await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
  await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: 'medical.examination', deliveredOn: TODAY, durationMinutes: 30 });
  return client;
}

async function recordKeys(centerId: string): Promise<string[]> {
  const rows = await registry.db.selectFrom('records').select(['type', 'record_id', 'version']).where('center_id', '=', centerId).execute();
  return rows.map((row) => `${row.type}:${row.record_id}:${row.version}`).sort();
}

async function outboxCount(t: TestCenter<Roles>): Promise<number> {
  return Number((await t.db().selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe('protocol recovery', () => {
  let t: TestCenter<Roles>;
  let dir: string;
  beforeEach(async () => {
    t = await centers.copy();
    dir = mkdtempSync(join(tmpdir(), 'inson-usb-'));
  }, 60_000);
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries batches by USB: nothing readable in the file, imported twice and sent by network too, stored once; receipts come back by file', async () => {
    const centerId = await enroll(t);
    await served(t, 'u', '32505900123459');
    const file = join(dir, 'transfer.json');
    const exported = await t.as.manager.invoke('sync.exportFile', { path: file });
    expect(exported.batches).toBe(1);
    const bytes = readFileSync(file);
    expect(bytes.toString('utf8')).not.toContain('32505900123459');
    expect(bytes.toString('utf8')).not.toMatch(/Dilnoza|medical/);

    const first = await importTransferFile(registry.db, crypto, bytes, { now: new Date(), holdMs: 60_000 });
    expect(first.outcomes.map((outcome) => outcome.status)).toEqual([201]);
    const second = await importTransferFile(registry.db, crypto, bytes, { now: new Date(), holdMs: 60_000 });
    expect(second.outcomes.map((outcome) => outcome.status)).toEqual([200]);
    const stored = await recordKeys(centerId);
    expect(stored).toHaveLength(await outboxCount(t));

    // The same batch by network: the same receipt, stored once.
    expect(await t.as.manager.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done', acknowledged: 1 });
    expect(await recordKeys(centerId)).toEqual(stored);

    const receiptsFile = join(dir, 'receipts.json');
    writeFileSync(receiptsFile, await exportReceipts(registry.db, crypto, centerId, new Date()));
    expect(await t.as.manager.invoke('sync.importReceipts', { path: receiptsFile })).toEqual({ acknowledged: 0, already: 1, unknown: 0 });

    // A file cut short is refused whole, and so is another center's.
    writeFileSync(join(dir, 'short.json'), bytes.subarray(0, bytes.length - 40));
    await expect(importTransferFile(registry.db, crypto, readFileSync(join(dir, 'short.json')), { now: new Date(), holdMs: 60_000 })).rejects.toThrow(/not JSON|transfer/);
  });

  it('acknowledges batches from a receipts file alone, and refuses a receipts file made for another center', async () => {
    const centerId = await enroll(t);
    await served(t, 'r');
    const file = join(dir, 'transfer.json');
    await t.as.manager.invoke('sync.exportFile', { path: file });
    await importTransferFile(registry.db, crypto, readFileSync(file), { now: new Date(), holdMs: 60_000 });
    const receiptsFile = join(dir, 'receipts.json');
    writeFileSync(receiptsFile, await exportReceipts(registry.db, crypto, centerId, new Date()));
    expect(await t.as.manager.invoke('sync.importReceipts', { path: receiptsFile })).toEqual({ acknowledged: 1, already: 0, unknown: 0 });
    expect((await t.as.manager.invoke('sync.status', {})).batches.acknowledged.count).toBe(1);

    const other = await centers.copy();
    try {
      await enroll(other);
      await expect(other.as.manager.invoke('sync.importReceipts', { path: receiptsFile })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'syncFileNotOurs' } });
      const tampered = join(dir, 'tampered.json');
      writeFileSync(tampered, readFileSync(receiptsFile, 'utf8').replace('"recordCount":', '"recordCount":1'));
      await expect(t.as.manager.invoke('sync.importReceipts', { path: tampered })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'syncFileDamaged' } });
    } finally {
      await other.dispose();
    }
  });

  it('recovers a center restored from an old backup: sequence conflict, then its unsent records sealed again after the registry’s cursor', async () => {
    const centerId = await enroll(t);
    await served(t, 'b1');
    await t.as.manager.invoke('sync.uploadNow', {});
    await t.close();
    const backup = mkdtempSync(join(tmpdir(), 'inson-backup-'));
    cpSync(t.dataDir, backup, { recursive: true });
    const reopen = async (dataDir: string) => {
      const core = await startTestCore(dataDir, { sync: SYNC });
      const manager = clientOf(core, 'manager');
      await manager.invoke('auth.signIn', { username: t.staff.manager.username, password: t.staff.manager.password });
      const receptionist = clientOf(core, 'receptionist');
      await receptionist.invoke('auth.signIn', { username: t.staff.receptionist.username, password: t.staff.receptionist.password });
      return { core, manager, receptionist };
    };
    // Life goes on after the backup: two more batches reach the registry.
    const live = await reopen(t.dataDir);
    for (const tag of ['later', 'laterstill']) {
      const client = await live.receptionist.invoke('clients.register', { lastName: `Yusupova${tag}`, firstName: 'Malika', patronymic: null, birthDate: '1990-01-02', sex: 'female', pinfl: null, phone: null, address: { regionCode: '1703', districtCode: '1703202', mahalla: null, street: null }, categories: [], languages: ['uz'], identityDocument: null, remarks: null });
      await live.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
      await live.manager.invoke('sync.uploadNow', {});
    }
    await live.core.close();
    const before = await recordKeys(centerId);

    // The PC dies; the center is restored from the old backup and carries on.
    rmSync(t.dataDir, { recursive: true, force: true });
    cpSync(backup, t.dataDir, { recursive: true });
    const restored = await reopen(t.dataDir);
    try {
      const client = await restored.receptionist.invoke('clients.register', { lastName: 'Nazarovarestored', firstName: 'Zuhra', patronymic: null, birthDate: '1991-01-02', sex: 'female', pinfl: null, phone: null, address: { regionCode: '1703', districtCode: '1703202', mahalla: null, street: null }, categories: [], languages: ['uz'], identityDocument: null, remarks: null });
      const round = await restored.manager.invoke('sync.uploadNow', {});
      expect(round).toMatchObject({ state: 'done', refused: 0 });
      expect(round.acknowledged).toBeGreaterThanOrEqual(1);
      const after = await recordKeys(centerId);
      expect(after.filter((key) => !before.includes(key)).some((key) => key.startsWith(`client:${client.id}:`))).toBe(true);
      for (const key of before) expect(after).toContain(key);
      const status = await restored.manager.invoke('sync.status', {});
      expect(status.pendingRecords).toBe(0);
      expect(status.batches.sealed.count + status.batches.held.count).toBe(0);
      expect(status.batches.superseded.count).toBeGreaterThanOrEqual(1);
      const alerts = await registry.db.selectFrom('alerts').select('kind').where('center_id', '=', centerId).execute();
      expect(alerts.map((alert) => alert.kind)).toEqual(expect.arrayContaining(['seqConflict', 'chainWentBackwards']));
    } finally {
      await restored.core.close();
      rmSync(backup, { recursive: true, force: true });
    }
  });

  it('refuses a batch id reused with other content (409), skips a gap after the hold time, and takes a skipped batch when it comes', async () => {
    const centerId = await enroll(t);
    await served(t, 'x');
    await t.as.manager.invoke('sync.seal', {});
    const batch = await t.db().selectFrom('sync_batches').selectAll().executeTakeFirstOrThrow();
    const key = await t.db().selectFrom('center_signing_keys').selectAll().executeTakeFirstOrThrow();
    const enc = (await registry.db.selectFrom('registry_keys').select(['kid', 'public_key']).where('use', '=', 'enc').where('retired_at', 'is', null).executeTakeFirstOrThrow());
    const forge = (batchId: string, seq: number, occurredAt: string) =>
      sealEnvelope(crypto, {
        batchId,
        centerId,
        seq,
        prevHash: '0'.repeat(64),
        createdAt: new Date().toISOString(),
        types: { center: '1.0' },
        chainHead: { seq: 1, hash: 'a'.repeat(64) },
        records: [{ id: `center-${seq}`, type: 'center', version: 1, op: 'upsert', occurredAt, data: { name: 'Other' } }],
        registryKey: { kid: enc.kid, publicKey: Buffer.from(enc.public_key, 'base64') },
        signer: { kid: key.key_id, seed: Buffer.from(key.seed, 'base64') },
      });
    // Someone with the center's key seals other content under the id of a batch not yet sent: the registry takes the first it gets, and the other is a conflict.
    const reused = forge(batch.batch_id, 1, new Date().toISOString());
    expect(await putBatch({ baseUrl: registry.url }, centerId, batch.batch_id, reused.bytes)).toMatchObject({ kind: 'receipt' });
    expect(await putBatch({ baseUrl: registry.url }, centerId, batch.batch_id, Buffer.from(batch.envelope))).toMatchObject({ kind: 'conflict', reason: 'batchIdConflict' });

    // Seq 3 arrives, 2 does not: held; once the hold time is over the gap is skipped (and reported), and 2 is still taken when it comes.
    const third = forge(newId(), 3, new Date().toISOString());
    const now = new Date();
    expect((await ingestBatch(registry.db, third.bytes, { crypto, now, via: 'network', holdMs: 60_000 })).status).toBe(202);
    expect((await ingestBatch(registry.db, third.bytes, { crypto, now: new Date(now.getTime() + 30_000), via: 'network', holdMs: 60_000 })).status).toBe(202);
    expect((await ingestBatch(registry.db, third.bytes, { crypto, now: new Date(now.getTime() + 61_000), via: 'network', holdMs: 60_000 })).status).toBe(200);
    const alerts = await registry.db.selectFrom('alerts').select(['kind', 'details']).where('center_id', '=', centerId).where('kind', '=', 'gapSkipped').execute();
    expect(alerts.map((alert) => alert.details)).toEqual([{ from: 2, to: 2 }]);
    const second = forge(newId(), 2, new Date().toISOString());
    expect((await ingestBatch(registry.db, second.bytes, { crypto, now: new Date(now.getTime() + 90_000), via: 'network', holdMs: 60_000 })).status).toBe(201);
    expect(await recordKeys(centerId)).toEqual(expect.arrayContaining(['center:center-1:1', 'center:center-2:1', 'center:center-3:1']));
    const centerRow = await registry.db.selectFrom('centers').select('cursor_seq').where('id', '=', centerId).executeTakeFirstOrThrow();
    expect(centerRow.cursor_seq).toBe(3);
  });

  it('uploads with a clock days off and shows the offset; a service that arrives before its client counts once the client comes', async () => {
    const shifted = await centers.copy();
    await shifted.close();
    const threeDays = 3 * 24 * 3600 * 1000;
    const core = await startTestCore(shifted.dataDir, { sync: SYNC, now: () => new Date(Date.now() - threeDays) });
    try {
      const admin = clientOf(core, 'admin');
      await admin.invoke('auth.signIn', { username: shifted.staff.administrator.username, password: shifted.staff.administrator.password });
      const { centerId } = await admin.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode() });
      expect(await admin.invoke('sync.uploadNow', {})).toMatchObject({ state: 'done' });
      const offset = (await admin.invoke('sync.status', {})).enrollment?.clockOffsetMs ?? 0;
      expect(Math.abs(offset - threeDays)).toBeLessThan(60_000);

      const key = await core.services.store.require().db.selectFrom('center_signing_keys').selectAll().executeTakeFirstOrThrow();
      const enc = await registry.db.selectFrom('registry_keys').select(['kid', 'public_key']).where('use', '=', 'enc').where('retired_at', 'is', null).executeTakeFirstOrThrow();
      const cursor = await registry.db.selectFrom('centers').select(['cursor_seq', 'cursor_hash']).where('id', '=', centerId).executeTakeFirstOrThrow();
      const seal = (seq: number, prevHash: string, records: Parameters<typeof sealEnvelope>[1]['records'], types: Record<string, string>) =>
        sealEnvelope(crypto, { batchId: newId(), centerId, seq, prevHash, createdAt: new Date().toISOString(), types, chainHead: { seq: 1000 + seq, hash: 'b'.repeat(64) }, records, registryKey: { kid: enc.kid, publicKey: Buffer.from(enc.public_key, 'base64') }, signer: { kid: key.key_id, seed: Buffer.from(key.seed, 'base64') } });
      const service = seal(cursor.cursor_seq + 1, cursor.cursor_hash, [{ id: 'svc-early', type: 'serviceDelivery', version: 1, op: 'upsert', occurredAt: new Date().toISOString(), data: { clientId: 'client-late', serviceCode: 'legal.advice', serviceCategory: 'legal', deliveredOn: '2026-12-01', caseId: null, durationMinutes: 20 } }], { serviceDelivery: '1.0' });
      expect((await ingestBatch(registry.db, service.bytes, { crypto, now: new Date(), via: 'network', holdMs: 60_000 })).status).toBe(201);
      expect(await countPeopleServed(registry.db, { centers: [centerId] })).toBe(1);
      const client = seal(cursor.cursor_seq + 2, service.digest, [{ id: 'client-late', type: 'client', version: 1, op: 'upsert', occurredAt: new Date().toISOString(), data: { pseudonym: 'p1:' + 'c'.repeat(64), needsPseudonym: true, sex: 'female', birthYear: 1990 } }], { client: '1.0' });
      expect((await ingestBatch(registry.db, client.bytes, { crypto, now: new Date(), via: 'network', holdMs: 60_000 })).status).toBe(201);
      expect(await countPeopleServed(registry.db, { centers: [centerId] })).toBe(1);
      const person = await registry.db.selectFrom('records').select('person_key').where('center_id', '=', centerId).where('record_id', '=', 'client-late').executeTakeFirstOrThrow();
      expect(person.person_key).toBe('p1:' + 'c'.repeat(64));
    } finally {
      await core.close();
      rmSync(shifted.dataDir, { recursive: true, force: true });
    }
  });

  it('stores a batch once when two registry instances receive it at the same moment', async () => {
    const centerId = await enroll(t);
    await served(t, 'two');
    await t.as.manager.invoke('sync.seal', {});
    const batch = await t.db().selectFrom('sync_batches').selectAll().executeTakeFirstOrThrow();
    const second = await registry.secondInstance();
    try {
      const [a, b] = await Promise.all([
        putBatch({ baseUrl: registry.url }, centerId, batch.batch_id, Buffer.from(batch.envelope)),
        putBatch({ baseUrl: second.url }, centerId, batch.batch_id, Buffer.from(batch.envelope)),
      ]);
      expect([a.kind, b.kind]).toEqual(['receipt', 'receipt']);
      expect(a.kind === 'receipt' && b.kind === 'receipt' ? a.body : 1).toEqual(b.kind === 'receipt' ? b.body : 2);
      const rows = await registry.db.selectFrom('batches').select('batch_id').where('center_id', '=', centerId).execute();
      expect(rows).toHaveLength(1);
      expect(await recordKeys(centerId)).toHaveLength(await outboxCount(t));
    } finally {
      await second.close();
    }
  });
});
