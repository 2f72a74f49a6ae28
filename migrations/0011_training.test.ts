import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2027-03-01T05:00:00.000Z';

const course = (id: string, overrides: Record<string, string | number | null> = {}) => ({
  id,
  names_json: '{"uz-Latn":"Tikuvchilik","uz-Cyrl":"Тикувчилик","ru":"Шитьё","en":"Sewing"}',
  kind: 'vocational',
  trade: 'sewing',
  hours: 120,
  min_attendance_percent: 80,
  pass_mark: null,
  target_groups_json: '[]',
  accessibility_json: '[]',
  is_active: 1,
  version: 1,
  created_at: NOW,
  created_by: 't1',
  updated_at: NOW,
  ...overrides,
});

const CLIENT = {
  seq: 1,
  id: 'c1',
  last_name: 'Karimova',
  first_name: 'Dilnoza',
  birth_date: '2004-03-14',
  birth_year: 2004,
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
  created_by: 't1',
  updated_at: NOW,
};

describe('migration 0011_training', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0011-');
  });
  afterEach(() => t.dispose());

  it('adds the training tables with Uzbekistan’s fixed holidays; keeps every record and the coded values', async () => {
    const before = Object.keys((await import('./index')).migrations);
    const previous = before[before.indexOf('0011_training') - 1] ?? '';
    await updateToVersion(t.db, previous);
    await insertData(t.db, 'staff', [{ id: 't1', username: 'trener', display_name: 'Trener', role: 'trainer', created_at: NOW, updated_at: NOW }]);
    expect(await updateToVersion(t.db, '0011_training')).toEqual({ applied: ['0011_training'] });

    expect(await getTableData(t.db, 'training_holidays', { columns: ['code', 'month_day', 'is_active'] })).toEqual([
      { code: 'newYear', month_day: '01-01', is_active: 1 },
      { code: 'womensDay', month_day: '03-08', is_active: 1 },
      { code: 'navruz', month_day: '03-21', is_active: 1 },
      { code: 'remembranceDay', month_day: '05-09', is_active: 1 },
      { code: 'independenceDay', month_day: '09-01', is_active: 1 },
      { code: 'teachersDay', month_day: '10-01', is_active: 1 },
      { code: 'constitutionDay', month_day: '12-08', is_active: 1 },
    ]);

    await insertData(t.db, 'training_courses', [course('k1')]);
    // A vocational course names its trade, the others do not.
    await expect(insertData(t.db, 'training_courses', [course('k2', { trade: null })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'training_courses', [course('k3', { kind: 'computerLiteracy' })])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'training_courses', [course('k4', { min_attendance_percent: 0 })])).rejects.toThrow(/CHECK/);
    await insertData(t.db, 'training_cohorts', [
      {
        id: 'h1',
        course_id: 'k1',
        place: 'Xona 1',
        capacity: 12,
        starts_on: '2027-03-01',
        ends_on: '2027-05-01',
        weekdays_json: '[1,3]',
        start_time: '10:00',
        duration_minutes: 120,
        created_at: NOW,
        created_by: 't1',
        updated_at: NOW,
      },
    ]);
    const session = { id: 's1', cohort_id: 'h1', seq: 1, date: '2027-03-01', start_time: '10:00', duration_minutes: 120, status: 'planned', updated_at: NOW, updated_by: 't1' };
    await insertData(t.db, 'training_sessions', [session]);
    await expect(insertData(t.db, 'training_sessions', [{ ...session, id: 's2', status: 'postponed' }])).rejects.toThrow(/CHECK/);
    await expect(insertData(t.db, 'training_sessions', [{ ...session, id: 's3' }])).rejects.toThrow(/UNIQUE/);
    await expect(insertData(t.db, 'training_sessions', [{ ...session, id: 's4', seq: 2, start_time: '10h' }])).rejects.toThrow(/CHECK/);

    // A withdrawal names its reason; an excused absence its excuse; nothing is deleted.
    await expect(sql`DELETE FROM training_sessions WHERE id = 's1'`.execute(t.db)).rejects.toThrow(/keeps every record/);
    await expect(sql`DELETE FROM training_courses WHERE id = 'k1'`.execute(t.db)).rejects.toThrow(/keeps every record/);
    await expect(sql`DELETE FROM training_holidays WHERE code = 'navruz'`.execute(t.db)).rejects.toThrow(/keeps every record/);
    await insertData(t.db, 'clients', [CLIENT]);
    const enrollment = { id: 'e1', cohort_id: 'h1', client_id: 'c1', stage: 'enrolled', withdrawal_reason: null, joined_on: '2027-03-01', age_at_enrollment: 22, applied_at: NOW, stage_changed_at: NOW, version: 1, created_by: 't1', updated_at: NOW };
    await insertData(t.db, 'training_enrollments', [enrollment]);
    await expect(sql`UPDATE training_enrollments SET stage = 'withdrawn' WHERE id = 'e1'`.execute(t.db)).rejects.toThrow(/CHECK/);
    const mark = { id: 'a1', session_id: 's1', enrollment_id: 'e1', mark: 'excused', excuse: 'illness', recorded_by: 't1', recorded_at: NOW };
    await insertData(t.db, 'training_attendance', [mark]);
    await expect(insertData(t.db, 'training_attendance', [{ ...mark, id: 'a2' }])).rejects.toThrow(/UNIQUE/);
    await expect(sql`UPDATE training_attendance SET excuse = NULL WHERE id = 'a1'`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(sql`UPDATE training_attendance SET mark = 'present' WHERE id = 'a1'`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(sql`DELETE FROM training_attendance WHERE id = 'a1'`.execute(t.db)).rejects.toThrow(/keeps every record/);
  });
});
