import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore, runTestWrite } from '../db/test-support';
import { computeAuditHash } from './audit-chain';
import { verifyStore } from './verify-store';

async function writeEvents(t: TestStore, n: number): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    await runTestWrite(t.store, 'staff-1', async (w) => {
      await w.audit({ action: 'clients.register', entityType: 'client', entityId: `client-${i}`, details: { n: i } });
    });
  }
}

/** What someone holding the key could do with a SQLite shell: the triggers are no obstacle to them. */
function tamper(t: TestStore, statement: string): void {
  t.store.handle.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  t.store.handle.exec(statement);
}

describe('verifyStore', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await createTestStore();
    await writeEvents(t, 6);
  });
  afterEach(() => t.dispose());

  it('passes a sound store', () => {
    expect(verifyStore(t.store.handle)).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: [], auditChain: { ok: true, count: 6 } });
  });

  it('names the one event whose content was rewritten', () => {
    tamper(t, "UPDATE audit_log SET entity_id = 'client-999' WHERE seq = 4");
    expect(verifyStore(t.store.handle)).toMatchObject({ ok: false, integrity: ['ok'], auditChain: { ok: false, firstBrokenSeq: 4, reason: 'hashMismatch' } });
  });

  it('names the next link when a rewritten event was given a correctly recomputed hash', () => {
    const row = t.store.handle.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, string | number | null>;
    const forgedHash = computeAuditHash(String(row.prev_hash), {
      seq: 2,
      at: String(row.at),
      actorId: 'someone-else',
      action: String(row.action),
      entityType: String(row.entity_type),
      entityId: String(row.entity_id),
      detailsJson: String(row.details_json),
    });
    tamper(t, `UPDATE audit_log SET actor_id = 'someone-else', hash = '${forgedHash}' WHERE seq = 2`);
    expect(verifyStore(t.store.handle).auditChain).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'prevHashMismatch' });
  });

  it('names the event after one that was removed', async () => {
    tamper(t, 'DELETE FROM audit_log WHERE seq = 3');
    expect(verifyStore(t.store.handle).auditChain).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'seqGap' });
  });

  it('reports foreign-key violations', () => {
    t.store.handle.pragma('foreign_keys=OFF');
    t.store.handle.exec("INSERT INTO staff (id, username, display_name, role, created_at, created_by, updated_at) VALUES ('s9', 'u9', 'X', 'trainer', 'now', 'no-such-staff', 'now')");
    t.store.handle.pragma('foreign_keys=ON');
    const report = verifyStore(t.store.handle);
    expect(report.ok).toBe(false);
    expect(report.foreignKeys).toEqual([{ table: 'staff', rowid: expect.any(Number), parent: 'staff' }]);
  });
});
