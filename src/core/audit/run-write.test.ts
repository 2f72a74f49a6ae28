import { writeFileSync } from 'node:fs';
import { CENTER_OUTBOX } from '../center/center.outbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app';
import { createTestStore, type TestStore, runTestWrite } from '../db/test-support';
import { silentLogger, type LogFields, type Logger } from '../log';
import { redactPendingOutbox } from '../sync/outbox';
import type { AuditDetails } from './audit-chain';
import type { WriteScope } from './run-write';
import { verifyStore } from './verify-store';

const NOW = new Date('2026-03-01T08:00:00.000Z');

function capturingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (event: string, fields?: LogFields) => lines.push(JSON.stringify({ level, event, ...fields }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

async function counts(t: TestStore) {
  const count = async (table: 'settings' | 'audit_log' | 'outbox') =>
    Number((await t.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { settings: await count('settings'), audit: await count('audit_log'), outbox: await count('outbox') };
}

const putSetting = (key: string) => ({ key, value: '1', updated_at: NOW.toISOString() });

describe('runWritePath', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore();
  });
  afterEach(() => t.dispose());

  it('commits the row, its audit event and its outbox record together, hash-chained', async () => {
    const result = await runTestWrite(
      t.store,
      'staff-1',
      async (w) => {
        await w.trx.insertInto('settings').values(putSetting('a')).execute();
        const event = await w.audit({ action: 'settings.put', entityType: 'settings', entityId: 'a', details: { count: 1 } });
        const record = await w.outbox({ spec: CENTER_OUTBOX, entityId: 'c1', op: 'upsert', data: { name: 'Markaz', regionCode: '1703' } });
        return { event, record };
      },
      { now: NOW },
    );
    expect(result.event.seq).toBe(1);
    expect(await counts(t)).toEqual({ settings: 1, audit: 1, outbox: 1 });
    const event = await t.store.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
    expect(event).toMatchObject({ seq: 1, at: NOW.toISOString(), actor_id: 'staff-1', action: 'settings.put', details_json: '{"count":1}', prev_hash: '0'.repeat(64) });
    const record = await t.store.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(record).toMatchObject({ id: result.record.id, type: 'center', version: 1, op: 'upsert', batch_id: null });
    expect(JSON.parse(record.data_json)).toEqual({ name: 'Markaz', regionCode: '1703' });

    await runTestWrite(t.store, null, async (w) => {
      await w.audit({ action: 'second', entityType: 'x', entityId: null });
    });
    const second = await t.store.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(second.prev_hash).toBe(event.hash);
    expect(verifyStore(t.store.handle)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [], auditChain: { ok: true, count: 2, headHash: second.hash } });
  });

  it('rolls back the row, the audit event and the outbox record when the work throws', async () => {
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.trx.insertInto('settings').values(putSetting('a')).execute();
        await w.audit({ action: 'settings.put', entityType: 'settings', entityId: 'a' });
        await w.outbox({ spec: CENTER_OUTBOX, entityId: 'c1', op: 'upsert', data: { name: 'Markaz' } });
        throw new Error('the work failed after writing');
      }),
    ).rejects.toThrow('the work failed after writing');
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
  });

  it('refuses, and rolls back, a write that appended no audit event', async () => {
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.trx.insertInto('settings').values(putSetting('a')).execute();
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'writeWithoutAuditEvent' } });
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
  });

  it('rejects an outbox field that is not allow-listed, logging the field name but never the data', async () => {
    const log = capturingLogger();
    const secret = 'Gulnora Secret-Notes';
    await expect(
      runTestWrite(
        t.store,
        null,
        async (w) => {
          await w.trx.insertInto('settings').values(putSetting('a')).execute();
          await w.audit({ action: 'x', entityType: 'x', entityId: null });
          await w.outbox({ spec: CENTER_OUTBOX, entityId: 'c1', op: 'upsert', data: { name: 'Markaz', counselingNote: secret } as never });
        },
        { log },
      ),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'outboxFieldNotAllowed', field: 'counselingNote' } });
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
    expect(log.lines.join('\n')).toContain('counselingNote');
    expect(log.lines.join('\n')).not.toContain(secret);
  });

  it('rejects nested outbox values and non-scalar audit details, whose keys the allow-list could not see', async () => {
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.audit({ action: 'x', entityType: 'x', entityId: null });
        await w.outbox({ spec: CENTER_OUTBOX, entityId: 'c1', op: 'upsert', data: { name: { firstName: 'Hidden' } } as never });
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'outboxValueNotFlat' } });
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.audit({ action: 'x', entityType: 'x', entityId: null, details: { person: { name: 'Hidden' } } as unknown as AuditDetails });
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'auditDetailsNotScalar' } });
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
  });

  it('fails the whole write when an append fails even if the work caught the error', async () => {
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.trx.insertInto('settings').values(putSetting('a')).execute();
        await w.audit({ action: 'x', entityType: 'x', entityId: null });
        await w.outbox({ spec: CENTER_OUTBOX, entityId: 'c1', op: 'upsert', data: { pinfl: '1' } as never }).catch(() => undefined);
      }),
    ).rejects.toMatchObject({ details: { reason: 'outboxFieldNotAllowed' } });
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
  });

  it('keeps one unbroken chain under concurrent writes and appends the work did not await', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runTestWrite(t.store, `staff-${i % 3}`, async (w) => {
          await w.trx.insertInto('settings').values(putSetting(`k${i}`)).execute();
          void w.audit({ action: 'settings.put', entityType: 'settings', entityId: `k${i}` });
          void w.audit({ action: 'settings.touch', entityType: 'settings', entityId: `k${i}`, details: { i } });
        }),
      ),
    );
    expect(await counts(t)).toEqual({ settings: 20, audit: 40, outbox: 0 });
    expect(verifyStore(t.store.handle).auditChain).toMatchObject({ ok: true, count: 40 });
  });

  it('refuses a write started inside another write, instead of waiting for itself forever', async () => {
    await expect(
      runTestWrite(t.store, null, async (w) => {
        await w.audit({ action: 'outer', entityType: 'x', entityId: null });
        await runTestWrite(t.store, null, (inner) => inner.audit({ action: 'inner', entityType: 'x', entityId: null }));
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'nestedWrite' } });
    expect(await counts(t)).toEqual({ settings: 0, audit: 0, outbox: 0 });
    // A write scheduled from inside a write's work but run after it ended is not nested.
    let later: Promise<unknown> = Promise.resolve();
    await runTestWrite(t.store, null, async (w) => {
      await w.audit({ action: 'first', entityType: 'x', entityId: null });
      later = new Promise((resolve) => setTimeout(resolve, 0)).then(() =>
        runTestWrite(t.store, null, (next) => next.audit({ action: 'second', entityType: 'x', entityId: null })),
      );
    });
    await later;
    expect((await counts(t)).audit).toBe(2);
  });

  it('drops not-yet-sent fields of one entity only, leaving records already in a batch as sent', async () => {
    const put = (entityId: string, name: string) =>
      runTestWrite(t.store, null, async (w) => {
        await w.audit({ action: 'center.update', entityType: 'center', entityId });
        await w.outbox({ spec: CENTER_OUTBOX, entityId, op: 'upsert', data: { name, regionCode: '1703' } });
      });
    await put('c1', 'Sent');
    await t.store.db.updateTable('outbox').set({ batch_id: 'batch-1' }).execute();
    await put('c1', 'Pending');
    await put('c2', 'Other');
    const changed = await runTestWrite(t.store, null, async (w) => {
      const n = await redactPendingOutbox(w.trx, { spec: CENTER_OUTBOX, entityId: 'c1', fields: ['name'] });
      await w.audit({ action: 'consents.withdraw', entityType: 'center', entityId: 'c1', details: { redacted: n } });
      return n;
    });
    expect(changed).toBe(1);
    const rows = await t.store.db.selectFrom('outbox').select(['entity_id', 'batch_id', 'data_json']).orderBy('seq').execute();
    expect(rows.map((row) => [row.entity_id, row.batch_id, JSON.parse(row.data_json)])).toEqual([
      ['c1', 'batch-1', { name: 'Sent', regionCode: '1703' }],
      ['c1', null, { regionCode: '1703' }],
      ['c2', null, { name: 'Other', regionCode: '1703' }],
    ]);
  });
});

describe('core.services.write', () => {
  it('writes as the given actor at the core clock, and says LOCKED when the database is closed', async () => {
    const t = await createTestStore();
    await t.holder.close();
    const core = await createCore({ dataDir: t.dataDir, appVersion: '0', log: silentLogger, now: () => NOW });
    const audit = (w: WriteScope) => w.audit({ action: 'x', entityType: 'x', entityId: null });
    await expect(core.services.write('u-reception', audit)).rejects.toMatchObject({ code: 'NOT_SET_UP' });
    writeFileSync(core.services.store.keyringPath, '{}');
    await expect(core.services.write('u-reception', audit)).rejects.toMatchObject({ code: 'LOCKED' });
    await core.services.store.open(t.keyHex);
    const event = await core.services.write('u-reception', audit);
    const row = await core.services.store.require().db.selectFrom('audit_log').selectAll().where('seq', '=', event.seq).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: 'u-reception', at: NOW.toISOString() });
    await core.close();
    await t.dispose();
  });
});
