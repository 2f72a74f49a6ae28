import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';
const LATER = '2026-11-26T05:00:00.000Z';
const LATER_END = '2026-11-26T05:50:00.000Z';

const appointment = (id: string, overrides: Record<string, string | number | null> = {}) => ({
  id,
  client_id: 'c1',
  psychologist_id: 'p1',
  starts_at: LATER,
  ends_at: LATER_END,
  duration_minutes: 50,
  kind: 'individual',
  form: 'inPerson',
  status: 'scheduled',
  version: 1,
  created_at: NOW,
  created_by: 'p1',
  updated_at: NOW,
  ...overrides,
});

describe('migration 0010_appointments', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0010-');
  });
  afterEach(() => t.dispose());

  it('adds appointments beside existing clients, staff and sessions; checks statuses and outcomes; deletes nothing', async () => {
    await updateToVersion(t.db, '0009_counseling');
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

    expect(await updateToVersion(t.db, '0010_appointments')).toEqual({ applied: ['0010_appointments'] });
    expect(await getTableData(t.db, 'clients', { columns: ['id', 'last_name'] })).toEqual([{ id: 'c1', last_name: 'Karimova' }]);
    expect(await getTableData(t.db, 'counseling_appointments')).toEqual([]);

    await insertData(t.db, 'counseling_appointments', [appointment('a1')]);
    // Unknown codes, a cancellation without a reason, an outcome without its author, an end before the start.
    await expect(insertData(t.db, 'counseling_appointments', [appointment('a2', { status: 'late' })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'counseling_appointments', [appointment('a3', { status: 'cancelled', outcome_at: NOW, outcome_by: 'p1' })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'counseling_appointments', [appointment('a4', { status: 'noShow', outcome_at: NOW })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'counseling_appointments', [appointment('a5', { ends_at: NOW })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'counseling_appointments', [appointment('a6', { client_id: 'nobody' })])).rejects.toThrow(/FOREIGN KEY/);
    await sql`UPDATE counseling_appointments SET status = 'noShow', outcome_at = ${LATER_END}, outcome_by = 'p1', version = 2 WHERE id = 'a1'`.execute(t.db);
    // A linked session belongs to an attended appointment only.
    await expect(sql`UPDATE counseling_appointments SET session_id = 'nope' WHERE id = 'a1'`.execute(t.db)).rejects.toThrow(/CHECK|FOREIGN KEY/);
    await expect(sql`DELETE FROM counseling_appointments WHERE id = 'a1'`.execute(t.db)).rejects.toThrow(/keeps every record/);
    expect(await getTableData(t.db, 'counseling_appointments', { columns: ['id', 'status', 'version'] })).toEqual([{ id: 'a1', status: 'noShow', version: 2 }]);
  });
});
