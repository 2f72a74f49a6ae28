import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAuditHash, GENESIS_HASH } from '../src/core/audit/audit-chain';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-01-15T09:30:00.000Z';

describe('migration 0005_row_digests', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0005-');
  });
  afterEach(() => t.dispose());

  it('adds rows_json to the audit log, leaving the events already stored and their v1 hashes as they were', async () => {
    await updateToVersion(t.db, '0004_search_keys');
    const content = { seq: 1, at: NOW, actorId: null, action: 'center.setUp', entityType: 'center', entityId: 'center-1', detailsJson: '{}' };
    const hash = computeAuditHash(GENESIS_HASH, content);
    await insertData(t.db, 'audit_log', [
      { seq: 1, at: NOW, actor_id: null, action: 'center.setUp', entity_type: 'center', entity_id: 'center-1', details_json: '{}', prev_hash: GENESIS_HASH, hash },
    ]);
    expect(await updateToVersion(t.db, '0005_row_digests')).toEqual({ applied: ['0005_row_digests'] });
    const [event] = await getTableData(t.db, 'audit_log');
    expect(event).toMatchObject({ seq: 1, hash, rows_json: null });
    // The stored event still hashes as it did: a null rows_json keeps the v1 format.
    expect(computeAuditHash(GENESIS_HASH, { ...content, rowsJson: null })).toBe(hash);
    // An event that credits rows hashes differently from the same event without them.
    expect(computeAuditHash(GENESIS_HASH, { ...content, rowsJson: '[{"table":"staff","key":"s1","digest":null}]' })).not.toBe(hash);
  });
});
