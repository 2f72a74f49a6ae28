import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-12-04T05:00:00.000Z';

const outboxRow = (seq: number, batchId: string | null) => ({
  seq,
  id: `0193a000-0000-7000-8000-00000000000${seq}`,
  type: 'center',
  version: 1,
  entity_id: 'center-1',
  op: 'upsert',
  occurred_at: NOW,
  data_json: '{"name":"INSON"}',
  created_at: NOW,
  batch_id: batchId,
});

const batch = (seq: number, overrides: Record<string, string | number | Uint8Array | null> = {}) => ({
  batch_id: `b${seq}`,
  seq,
  prev_hash: '0'.repeat(64),
  digest: String(seq).repeat(64).slice(0, 64),
  envelope: Buffer.from('{"sealed":true}'),
  record_count: 1,
  size_bytes: 15,
  sealed_at: NOW,
  state: 'sealed',
  ...overrides,
});

describe('migration 0015_sync', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0015-');
  });
  afterEach(() => t.dispose());

  it('keeps pending and earlier outbox records, gives them a record version column, and holds batches that never change', async () => {
    await updateToVersion(t.db, '0011_training');
    await insertData(t.db, 'outbox', [outboxRow(1, null), outboxRow(2, null)]);
    await updateToVersion(t.db, '0015_sync');

    const rows = await getTableData(t.db, 'outbox');
    expect(rows.map((row) => [row.seq, row.batch_id, row.record_version])).toEqual([
      [1, null, null],
      [2, null, null],
    ]);

    await insertData(t.db, 'sync_batches', [batch(1)]);
    await sql`UPDATE outbox SET batch_id = 'b1', record_version = 1 WHERE seq = 1`.execute(t.db);
    await sql`UPDATE sync_batches SET state = 'acknowledged', receipt_json = '{}' WHERE seq = 1`.execute(t.db);
    await expect(sql`UPDATE sync_batches SET envelope = x'00' WHERE seq = 1`.execute(t.db)).rejects.toThrow(/never changes/);
    await expect(sql`DELETE FROM sync_batches WHERE seq = 1`.execute(t.db)).rejects.toThrow(/keeps every batch/);
    await expect(insertData(t.db, 'sync_batches', [batch(1, { batch_id: 'b1-other' })])).rejects.toThrow(/UNIQUE/);
    await insertData(t.db, 'sync_batches', [batch(2, { batch_id: 'b2-old', state: 'superseded' }), batch(2, { batch_id: 'b2-new' })]);
    await expect(insertData(t.db, 'sync_batches', [batch(2, { state: 'lost' })])).rejects.toThrow(/CHECK/);

    await insertData(t.db, 'sync_quarantine', [{ outbox_seq: 1, batch_id: 'b1', type: 'center', entity_id: 'center-1', record_version: 1, reason: 'unknownField', quarantined_at: NOW }]);
    await expect(insertData(t.db, 'sync_quarantine', [{ outbox_seq: 99, batch_id: 'b1', type: 'center', entity_id: 'x', record_version: 1, reason: 'r', quarantined_at: NOW }])).rejects.toThrow(/FOREIGN KEY/);
  });

  it('holds one enrollment at most', async () => {
    await updateToVersion(t.db, '0015_sync');
    const enrollment = {
      registry_url: 'http://127.0.0.1:1',
      center_id: 'c-1',
      fingerprint: 'AAAA',
      root_kid: '0123456789abcdef',
      root_public_key: 'AA==',
      trusted_keys_json: '[]',
      pseudonym_key: 'AA==',
      signing_kid: '0123456789abcdef',
      enrolled_at: NOW,
    };
    await insertData(t.db, 'sync_registry', [{ id: 1, ...enrollment }]);
    await expect(insertData(t.db, 'sync_registry', [{ id: 2, ...enrollment }])).rejects.toThrow(/CHECK/);
  });
});
