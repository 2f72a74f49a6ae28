import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';
const SEALED = 'cf2.0123456789abcdef.AAAA';

const session = (id: string, overrides: Record<string, string | number | null> = {}) => ({
  id,
  psychologist_id: 'p1',
  started_at: NOW,
  kind: 'individual',
  form: 'inPerson',
  duration_minutes: 50,
  concerns_json: '["anxiety"]',
  interventions_json: '[]',
  sensitivity: 'standard',
  status: 'draft',
  note: SEALED,
  progress: SEALED,
  signature_salt: SEALED,
  void_reason: SEALED,
  version: 1,
  created_at: NOW,
  created_by: 'p1',
  updated_at: NOW,
  ...overrides,
});

describe('migration 0009_counseling', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0009-');
  });
  afterEach(() => t.dispose());

  it('adds the counseling tables beside existing clients and staff; stores only sealed text and deletes nothing', async () => {
    await updateToVersion(t.db, '0008_demonstration_center');
    await insertData(t.db, 'staff', [{ id: 'p1', username: 'psixolog', display_name: 'Psixolog', role: 'psychologist', created_at: NOW, updated_at: NOW }]);
    await insertData(t.db, 'clients', [
      {
        seq: 1,
        id: 'c1',
        last_name: 'Karimova',
        first_name: 'Dilnoza',
        birth_date: '1985-03-14',
        birth_year: 1985,
        is_birth_date_estimated: 0,
        sex: 'female',
        region_code: '1703',
        district_code: '1703202',
        languages_json: '["uz"]',
        confirmed_warnings_json: '[]',
        name_key: 'dilnoza karimova',
        name_key_loose: 'dilnoza karimava',
        patronymic_key: '',
        dup_key: 'dilnoza karimava',
        created_at: NOW,
        created_by: 'p1',
        updated_at: NOW,
        updated_by: 'p1',
      },
    ]);

    expect(await updateToVersion(t.db, '0009_counseling')).toEqual({ applied: ['0009_counseling'] });
    expect(await getTableData(t.db, 'clients', { columns: ['id', 'last_name'] })).toEqual([{ id: 'c1', last_name: 'Karimova' }]);
    expect(await getTableData(t.db, 'counseling_sessions')).toEqual([]);

    await insertData(t.db, 'counseling_sessions', [session('s1')]);
    await insertData(t.db, 'counseling_session_clients', [{ id: 'l1', session_id: 's1', client_id: 'c1' }]);
    // Plain text where a sealed value belongs is refused by the schema itself.
    await expect(insertData(t.db, 'counseling_sessions', [session('s2', { note: 'plain words' })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'counseling_sessions', [session('s3', { kind: 'chat' })])).rejects.toThrow(/CHECK/);
    // A draft's client links may be corrected; a signed session's may not; sessions are never deleted.
    await sql`DELETE FROM counseling_session_clients WHERE id = 'l1'`.execute(t.db);
    await insertData(t.db, 'counseling_session_clients', [{ id: 'l2', session_id: 's1', client_id: 'c1' }]);
    await sql`UPDATE counseling_sessions SET status = 'signed', signed_by = 'p1', signed_at = ${NOW}, signature_hash = 'h' WHERE id = 's1'`.execute(t.db);
    await expect(sql`DELETE FROM counseling_session_clients WHERE id = 'l2'`.execute(t.db)).rejects.toThrow(/keeps the links/);
    await expect(sql`DELETE FROM counseling_sessions WHERE id = 's1'`.execute(t.db)).rejects.toThrow(/keeps every record/);
    // Signing needs signer, time and hash together.
    await expect(sql`UPDATE counseling_sessions SET signature_hash = NULL WHERE id = 's1'`.execute(t.db)).rejects.toThrow(/CHECK/);
    expect(await getTableData(t.db, 'counseling_session_clients', { columns: ['id', 'client_id'] })).toEqual([{ id: 'l2', client_id: 'c1' }]);
  });
});
