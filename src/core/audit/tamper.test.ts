import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCenterTemplate, type TestCenter } from '../testing/test-center';
import { anchorsPathFor, readAnchors, readChainHead } from './anchors';
import { computeAuditHash } from './audit-chain';
import { expectedSchema } from './expected-schema';
import { verifyStore, type StoreReport } from './verify-store';

/**
 * Issue 8, item 4: what a person holding the data folder and one staff password can do to the
 * database with any SQLite program, and what `verify` then says. Every edit here goes behind the
 * API's back, on the open store's own connection, as such a program would.
 */

const NOW = new Date('2026-11-25T05:00:00.000Z');

async function verifyNow(t: TestCenter): Promise<StoreReport> {
  const store = t.behindTheApi();
  return verifyStore(store.handle, { expectedSchema: await expectedSchema(), anchors: readAnchors(anchorsPathFor(store.databasePath)) });
}

/** Runs SQL with the append-only and history triggers out of the way, and puts them back as they were. */
function withoutTriggers(t: TestCenter, names: readonly string[], edit: () => void): void {
  const { handle } = t.behindTheApi();
  const saved = names.map((name) => (handle.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string }).sql);
  for (const name of names) handle.exec(`DROP TRIGGER ${name}`);
  edit();
  for (const sql of saved) handle.exec(sql);
}

describe('tamper evidence for data rows (verify)', () => {
  const centers = createTestCenterTemplate({ now: () => NOW });
  afterAll(() => centers.dispose());
  let t: TestCenter;
  beforeEach(async () => {
    t = await centers.copy();
  });
  afterEach(() => t.dispose());

  it('passes a center used only through the API, and prints the chain head', async () => {
    const client = await t.registerClient('clean');
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-20' });
    await t.as.receptionist.invoke('auth.signOut', {});
    const report = await verifyNow(t);
    expect(report).toMatchObject({ ok: true, rows: { counts: { changed: 0, unaudited: 0, missing: 0 } }, schema: { missing: [], changed: [], unexpected: [] } });
    expect(report.anchors?.checked).toBeGreaterThan(0);
    expect(report.chainHead).toEqual(readChainHead(t.behindTheApi().handle));
    expect(report.chainHead.seq).toBe(report.auditChain.count);
  });

  it('names the staff row whose role was raised to administrator by a direct edit', async () => {
    const { handle } = t.behindTheApi();
    handle.prepare("UPDATE staff SET role = 'administrator' WHERE id = ?").run(t.staffId.receptionist);
    const report = await verifyNow(t);
    expect(report.ok).toBe(false);
    expect(report.auditChain.ok).toBe(true);
    expect(report.rows.changed).toEqual([{ table: 'staff', key: t.staffId.receptionist }]);
    expect(report.rows.counts).toEqual({ changed: 1, unaudited: 0, missing: 0 });
  });

  it('detects a client deleted with everything that pointed at it, and the history trigger dropped for it', async () => {
    const client = await t.registerClient('gone');
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-20' });
    const { handle } = t.behindTheApi();
    const { seq } = handle.prepare('SELECT seq FROM clients WHERE id = ?').get(client.id) as { seq: number };
    handle.exec('DROP TRIGGER consents_history_no_delete');
    handle.prepare('DELETE FROM consents WHERE client_id = ?').run(client.id);
    handle.prepare('DELETE FROM clients WHERE id = ?').run(client.id);
    const report = await verifyNow(t);
    expect(report.foreignKeys).toEqual([]);
    expect(report.rows.missing).toContainEqual({ table: 'clients', key: String(seq) });
    expect(report.rows.missing.filter((row) => row.table === 'consents')).toHaveLength(1);
    expect(report.schema?.missing).toEqual(['trigger consents_history_no_delete']);
    expect(report.ok).toBe(false);
  });

  it('names an edited outbox record and a row inserted without an audit event', async () => {
    await t.registerClient('outbox');
    const { handle } = t.behindTheApi();
    const record = handle.prepare('SELECT seq FROM outbox ORDER BY seq DESC LIMIT 1').get() as { seq: number };
    handle.prepare(`UPDATE outbox SET data_json = json_set(data_json, '$.birthYear', 1900) WHERE seq = ?`).run(record.seq);
    handle
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('smuggled', '{}', ?)")
      .run(NOW.toISOString());
    const report = await verifyNow(t);
    expect(report.rows.changed).toEqual([{ table: 'outbox', key: String(record.seq) }]);
    expect(report.rows.unaudited).toEqual([{ table: 'settings', key: 'smuggled' }]);
  });

  it('detects a tail rewritten and re-chained after an anchor, though the chain itself verifies', async () => {
    await t.registerClient('rewrite');
    await t.as.receptionist.invoke('auth.signOut', {});
    const { handle } = t.behindTheApi();
    const head = readChainHead(handle);
    const last = handle.prepare('SELECT * FROM audit_log WHERE seq = ?').get(head.seq) as Record<string, string | number | null>;
    withoutTriggers(t, ['audit_log_no_delete', 'audit_log_no_update'], () => {
      handle.prepare('DELETE FROM audit_log WHERE seq = ?').run(head.seq);
      const forged = {
        seq: head.seq,
        at: '2026-11-24T23:00:00.000Z',
        actorId: last.actor_id as string | null,
        action: String(last.action),
        entityType: String(last.entity_type),
        entityId: last.entity_id as string | null,
        detailsJson: String(last.details_json),
        rowsJson: last.rows_json as string | null,
      };
      const hash = computeAuditHash(String(last.prev_hash), forged);
      handle
        .prepare('INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, details_json, rows_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(forged.seq, forged.at, forged.actorId, forged.action, forged.entityType, forged.entityId, forged.detailsJson, forged.rowsJson, last.prev_hash, hash);
    });
    const report = await verifyNow(t);
    expect(report.auditChain.ok).toBe(true);
    expect(report.schema).toEqual({ missing: [], changed: [], unexpected: [] });
    expect(report.anchors?.rewrittenAt).toEqual([head.seq]);
    expect(report.ok).toBe(false);
  });

  it('detects a cut tail against the anchor written at sign-out', async () => {
    await t.registerClient('cut');
    await t.as.receptionist.invoke('auth.signOut', {});
    const { handle } = t.behindTheApi();
    const head = readChainHead(handle);
    withoutTriggers(t, ['audit_log_no_delete'], () => {
      handle.prepare('DELETE FROM audit_log WHERE seq > ?').run(head.seq - 2);
    });
    const report = await verifyNow(t);
    expect(report.auditChain).toMatchObject({ ok: true, count: head.seq - 2 });
    expect(report.anchors?.truncatedAt).toContain(head.seq);
    expect(report.ok).toBe(false);
  });

  it('reports an anchor file that is not ours instead of trusting or ignoring it', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(anchorsPathFor(t.behindTheApi().databasePath), '{"anchors": "none"}');
    const report = await verifyNow(t);
    expect(report.anchors).toMatchObject({ unreadable: true });
    expect(report.ok).toBe(false);
  });
});
