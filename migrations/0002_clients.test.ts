import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/core/db/migrator';
import { createTestDatabase, getTableData, insertData, updateToVersion, type Row, type TestDatabase, type UntypedDb } from './test-support';

const NOW = '2026-01-15T09:30:00.000Z';

/**
 * A client row with the columns migration 0002 created, whose keys are what its names give, so a
 * later migration that recomputes keys keeps them.
 */
function clientRow(
  id: string,
  pinfl: string | null,
  keys: { name_key: string; name_key_loose: string; dup_key: string },
  names: { last_name: string; first_name: string } = { last_name: 'Joʻrayev', first_name: 'Shuxrat' },
): Row {
  return {
    id,
    ...names,
    patronymic: null,
    birth_date: '1990-05-25',
    birth_year: 1990,
    is_birth_date_estimated: 0,
    sex: 'male',
    pinfl,
    document_type: null,
    document_number: null,
    phone: '+998901234567',
    region_code: '1703',
    district_code: '1703202',
    mahalla: null,
    street: null,
    disability_group: null,
    languages_json: '["uz"]',
    remarks: null,
    confirmed_warnings_json: '[]',
    ...keys,
    created_at: NOW,
    created_by: 's1',
    updated_at: NOW,
    updated_by: 's1',
  };
}

describe('migration 0002_clients', () => {
  let t: TestDatabase;
  let db: UntypedDb;
  beforeEach(() => {
    t = createTestDatabase('inson-m0002-');
    db = t.db;
  });
  afterEach(() => t.dispose());

  it('adds the client tables to a database with data, and their indexes work after migrating to the latest schema', async () => {
    await updateToVersion(db, '0001_initial');
    await insertData(db, 'staff', [{ id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW }]);
    await insertData(db, 'outbox', [{ id: 'o1', type: 'center', entity_id: 'c1', op: 'upsert', occurred_at: NOW, data_json: '{"name":"Markaz"}', created_at: NOW }]);

    expect(await updateToVersion(db, '0002_clients')).toEqual({ applied: ['0002_clients'] });
    await insertData(db, 'clients', [
      clientRow('c1', '32505900123459', { name_key: 'juraev shuhrat', name_key_loose: 'juraev shuhrat', dup_key: 'juraev shuhrat' }),
      clientRow('c2', null, { name_key: 'gulomov oybek', name_key_loose: 'aibek gulamav', dup_key: 'aibek gulamav' }, { last_name: 'Gʻulomov', first_name: 'Oybek' }),
      clientRow('c3', null, { name_key: 'jasur juraev', name_key_loose: 'jasur juraev', dup_key: 'jasur juraev' }, { last_name: 'Joʻrayev', first_name: 'Jasur' }),
    ]);
    await sql`INSERT INTO client_name_words (word) VALUES ('juraev'), ('shuhrat'), ('gulamav')`.execute(db);

    await migrateToLatest(db);

    const match = async (expression: string) =>
      (await sql<{ id: string }>`SELECT c.id FROM clients_name_fts f JOIN clients c ON c.seq = f.rowid WHERE clients_name_fts MATCH ${expression} ORDER BY c.id`.execute(db)).rows.map((r) => r.id);
    expect(await match('name_key : juraev')).toEqual(['c1', 'c3']);
    expect(await match('name_key : (shu* AND juraev)')).toEqual(['c1']);
    expect(await match('name_key_loose : gulamav')).toEqual(['c2']);
    // The FTS index follows updates and deletes through its triggers.
    await sql`UPDATE clients SET name_key = 'jasur karimov', name_key_loose = 'jasur karimav' WHERE id = 'c3'`.execute(db);
    expect(await match('name_key : juraev')).toEqual(['c1']);
    expect(await match('name_key : karimov')).toEqual(['c3']);
    await sql`DELETE FROM clients WHERE id = 'c2'`.execute(db);
    expect(await match('name_key_loose : gulamav')).toEqual([]);
    const words = await sql<{ word: string }>`SELECT word FROM client_name_words_fts WHERE client_name_words_fts MATCH '"rae"'`.execute(db);
    expect(words.rows).toEqual([{ word: 'juraev' }]);
    // Two clients can never share a PINFL; any number may have none.
    await expect(insertData(db, 'clients', [clientRow('c4', '32505900123459', { name_key: 'x', name_key_loose: 'x', dup_key: 'x' })])).rejects.toThrow(
      /UNIQUE constraint failed: clients\.pinfl/,
    );
    await insertData(db, 'clients', [clientRow('c5', null, { name_key: 'y', name_key_loose: 'y', dup_key: 'y' })]);
    await expect(insertData(db, 'clients', [clientRow('c6', '3250590012345', { name_key: 'z', name_key_loose: 'z', dup_key: 'z' })])).rejects.toThrow(/CHECK constraint failed/);
    expect(await getTableData(db, 'outbox', { columns: ['id'] })).toEqual([{ id: 'o1' }]);
    const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
    await sql`INSERT INTO clients_name_fts (clients_name_fts) VALUES ('integrity-check')`.execute(db);
  });
});
