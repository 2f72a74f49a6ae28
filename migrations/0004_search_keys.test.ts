import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/core/db/migrator';
import { createTestDatabase, insertData, updateToVersion, type TestDatabase, type UntypedDb } from './test-support';

const NOW = '2026-01-15T09:30:00.000Z';

type Value = string | number | null;

/** Untyped, so this test keeps meaning what it means when today's table types change. */
async function insertRow(db: UntypedDb, table: string, row: Readonly<Record<string, Value>>): Promise<void> {
  await insertData(db, table, [row]);
}

async function selectRows<DB>(db: Kysely<DB>, query: string): Promise<Array<Record<string, Value>>> {
  return (await sql<Record<string, Value>>`${sql.raw(query)}`.execute(db)).rows;
}

/** A client row as migration 0003 stored it: keys of the full name, patronymic words included. */
function clientAt0003(seq: number, names: { last: string; first: string; patronymic: string | null }, keys: { strict: string; loose: string; dup: string }) {
  return {
    seq,
    id: `c${seq}`,
    last_name: names.last,
    first_name: names.first,
    patronymic: names.patronymic,
    birth_date: '1990-05-25',
    birth_year: 1990,
    is_birth_date_estimated: 0,
    sex: 'male',
    region_code: '1703',
    district_code: '1703202',
    languages_json: '["uz"]',
    confirmed_warnings_json: '[]',
    name_key: keys.strict,
    name_key_loose: keys.loose,
    dup_key: keys.dup,
    created_at: NOW,
    created_by: 's1',
    updated_at: NOW,
    updated_by: 's1',
  };
}

describe('migration 0004_search_keys', () => {
  let t: TestDatabase;
  let db: UntypedDb;
  beforeEach(() => {
    t = createTestDatabase('inson-m0004-');
    db = t.db;
  });
  afterEach(() => t.dispose());

  async function fillAt0003(): Promise<void> {
    await updateToVersion(db, '0003_care');
    await insertRow(db, 'staff', { id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW });
    await insertRow(db, 'clients', clientAt0003(1, { last: 'Karimov', first: 'Aziz', patronymic: 'Akmalovich' }, { strict: 'akmalovich aziz karimov', loose: 'akmalavich aziz karimav', dup: 'aziz karimav' }));
    await insertRow(db, 'clients', clientAt0003(2, { last: 'Каримова', first: 'Дилноза', patronymic: 'Акмал қизи' }, { strict: 'akmal dilnoza karimova kizi', loose: 'akmal dilnaza karimava kizi', dup: 'dilnaza karimava' }));
    await insertRow(db, 'clients', clientAt0003(3, { last: 'Joʻrayev', first: 'Shuxrat', patronymic: null }, { strict: 'juraev shuhrat', loose: 'juraev shuhrat', dup: 'juraev shuhrat' }));
    await insertRow(db, 'clients', { ...clientAt0003(4, { last: 'Djuraev', first: 'Shukhrat', patronymic: 'Abdullayevich' }, { strict: 'abdulaevich juraev shuhrat', loose: 'abdulaevich juraev shuhrat', dup: 'juraev shuhrat' }), status: 'merged', merged_into_id: 'c3' });
    await sql`INSERT INTO client_name_words (word) VALUES ('akmalavich'), ('aziz'), ('karimav'), ('kizi'), ('juraev'), ('shuhrat')`.execute(db);
    // Care rows that must survive untouched.
    await insertRow(db, 'consents', { id: 'k1', client_id: 'c1', purpose: 'services', state: 'given', decided_on: '2026-01-15', form_reference: null, recorded_by: 's1', recorded_at: NOW });
  }

  const match = async (expression: string) =>
    (await sql<{ seq: number }>`SELECT rowid AS seq FROM clients_name_fts WHERE clients_name_fts MATCH ${expression} ORDER BY rowid`.execute(db)).rows.map((row) => row.seq);

  it('recomputes the keys of existing clients: last and first name apart from the patronymic, folded to the father’s name', async () => {
    await fillAt0003();
    expect(await updateToVersion(db, '0004_search_keys')).toEqual({ applied: ['0004_search_keys'] });
    await migrateToLatest(db);

    const rows = await selectRows(db, 'SELECT seq, name_key, name_key_loose, patronymic_key, dup_key FROM clients ORDER BY seq');
    expect(rows).toEqual([
      { seq: 1, name_key: 'aziz karimov', name_key_loose: 'aziz karimav', patronymic_key: 'akmal akmalavich', dup_key: 'aziz karimav' },
      { seq: 2, name_key: 'dilnoza karimova', name_key_loose: 'dilnaza karimava', patronymic_key: 'akmal', dup_key: 'dilnaza karimava' },
      { seq: 3, name_key: 'juraev shuhrat', name_key_loose: 'juraev shuhrat', patronymic_key: '', dup_key: 'juraev shuhrat' },
      { seq: 4, name_key: 'juraev shuhrat', name_key_loose: 'juraev shuhrat', patronymic_key: 'abdul abdulaevich', dup_key: 'juraev shuhrat' },
    ]);
    // Both styles of one father's name meet on one key; the merged-away record is not indexed.
    expect(await match('patronymic_key : akmal')).toEqual([1, 2]);
    expect(await match('name_key : (shuhrat AND juraev)')).toEqual([3]);
    expect(await match('name_key : kizi')).toEqual([]);
    expect(await selectRows(db, 'SELECT id FROM consents')).toEqual([{ id: 'k1' }]);

    // The vocabulary is rebuilt from the new keys: stems in, patronymic markers out.
    const words = (await selectRows(db, 'SELECT word FROM client_name_words ORDER BY word')).map((row) => row.word);
    expect(words).toEqual(['abdul', 'abdulaevich', 'akmal', 'akmalavich', 'aziz', 'dilnaza', 'juraev', 'karimava', 'karimav', 'shuhrat'].sort());
    expect((await sql<{ word: string }>`SELECT word FROM client_name_words_fts WHERE client_name_words_fts MATCH '"kma"' ORDER BY word`.execute(db)).rows).toEqual([
      { word: 'akmal' },
      { word: 'akmalavich' },
    ]);
    await sql`INSERT INTO clients_name_fts (clients_name_fts) VALUES ('integrity-check')`.execute(db);
    await sql`INSERT INTO client_name_words_fts (client_name_words_fts) VALUES ('integrity-check')`.execute(db);
  });

  it('keeps the index to active clients through merge, unmerge, edits and deletes', async () => {
    await fillAt0003();
    await migrateToLatest(db);
    await sql`UPDATE clients SET status = 'active', merged_into_id = NULL WHERE seq = 4`.execute(db);
    expect(await match('name_key : juraev')).toEqual([3, 4]);
    expect(await match('patronymic_key : abdul')).toEqual([4]);
    await sql`UPDATE clients SET status = 'merged', merged_into_id = 'c4' WHERE seq = 3`.execute(db);
    expect(await match('name_key : juraev')).toEqual([4]);
    // A merged record's keys may change; it stays out until it is active again.
    await sql`UPDATE clients SET patronymic_key = 'olim' WHERE seq = 3`.execute(db);
    expect(await match('patronymic_key : olim')).toEqual([]);
    await sql`UPDATE clients SET patronymic_key = 'akmal' WHERE seq = 4`.execute(db);
    expect(await match('patronymic_key : akmal')).toEqual([1, 2, 4]);
    // Words the old and new keys share stay indexed (an edit rewrites every key column).
    expect(await match('name_key : juraev')).toEqual([4]);
    await sql`UPDATE clients SET name_key = name_key, name_key_loose = name_key_loose, patronymic_key = patronymic_key WHERE seq = 1`.execute(db);
    expect(await match('name_key : (aziz AND karimov) AND patronymic_key : akmal')).toEqual([1]);
    await sql`DELETE FROM clients WHERE seq = 2`.execute(db);
    expect(await match('patronymic_key : akmal')).toEqual([1, 4]);
    await insertRow(db, 'clients', { ...clientAt0003(5, { last: 'Aliyev', first: 'Vali', patronymic: null }, { strict: 'aliev vali', loose: 'aliev vali', dup: 'aliev vali' }), patronymic_key: '' });
    expect(await match('name_key : aliev')).toEqual([5]);
    await sql`INSERT INTO clients_name_fts (clients_name_fts) VALUES ('integrity-check')`.execute(db);
    const integrity = await selectRows(db, 'PRAGMA integrity_check');
    expect(integrity).toEqual([{ integrity_check: 'ok' }]);
  });
});
