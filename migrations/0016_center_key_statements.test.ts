import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-12-04T18:00:00.000Z';
const statement = JSON.stringify({ kid: '0123456789abcdef', use: 'sig', publicKey: 'AAAA', createdAt: NOW, endorsement: { by: 'fedcba9876543210', sig: 'BBBB' } });

describe('migration 0016_center_key_statements', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0016-');
  });
  afterEach(() => t.dispose());

  it('keeps the signing keys as they were and holds one statement per known key that never changes', async () => {
    await updateToVersion(t.db, '0015_sync');
    await insertData(t.db, 'center_signing_keys', [{ key_id: '0123456789abcdef', public_key: 'AAAA', seed: 'CCCC', created_at: NOW }]);
    await updateToVersion(t.db, '0016_center_key_statements');

    expect(await getTableData(t.db, 'center_signing_keys')).toEqual([{ key_id: '0123456789abcdef', public_key: 'AAAA', seed: 'CCCC', created_at: NOW }]);
    await insertData(t.db, 'center_key_statements', [{ key_id: '0123456789abcdef', statement_json: statement, received_at: NOW }]);
    await expect(sql`UPDATE center_key_statements SET statement_json = '{}'`.execute(t.db)).rejects.toThrow(/never changes/);
    await expect(sql`DELETE FROM center_key_statements`.execute(t.db)).rejects.toThrow(/keeps every statement/);
    await expect(insertData(t.db, 'center_key_statements', [{ key_id: 'ffffffffffffffff', statement_json: statement, received_at: NOW }])).rejects.toThrow(/FOREIGN KEY/);
    await expect(insertData(t.db, 'center_key_statements', [{ key_id: '0123456789abcdef', statement_json: '[1]', received_at: NOW }])).rejects.toThrow();
  });
});
