import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';

describe('migration 0014_report_indexes', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0014-');
  });
  afterEach(() => t.dispose());

  it('adds the indicators’ indexes over existing deliveries and cases, changes no row, and the period query reads the new index alone', async () => {
    await updateToVersion(t.db, '0013_backups');
    await insertData(t.db, 'staff', [{ id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW }]);
    await insertData(t.db, 'clients', [
      {
        seq: 1,
        id: 'c1',
        last_name: 'Karimov',
        first_name: 'Aziz',
        birth_date: '1990-05-25',
        birth_year: 1990,
        is_birth_date_estimated: 0,
        sex: 'male',
        region_code: '1703',
        district_code: '1703202',
        languages_json: '["uz"]',
        confirmed_warnings_json: '[]',
        name_key: 'aziz karimov',
        name_key_loose: 'aziz karimav',
        patronymic_key: '',
        dup_key: 'aziz karimav',
        created_at: NOW,
        created_by: 's1',
        updated_at: NOW,
        updated_by: 's1',
      },
    ]);
    const delivery = { client_id: 'c1', service_code: 'legal.consultation', recorded_by: 's1', recorded_at: NOW };
    await insertData(t.db, 'service_deliveries', [
      { id: 'd1', ...delivery, delivered_on: '2026-11-01' },
      { id: 'd2', ...delivery, delivered_on: '2026-11-24' },
    ]);
    const before = await getTableData(t.db, 'service_deliveries', { orderBy: 'id' });

    expect(await updateToVersion(t.db, '0014_report_indexes')).toEqual({ applied: ['0014_report_indexes'] });

    expect(await getTableData(t.db, 'service_deliveries', { orderBy: 'id' })).toEqual(before);
    const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN
      ('clients_report', 'service_deliveries_client_period', 'service_deliveries_service_period', 'consents_latest', 'cases_opened_on', 'cases_closed_on', 'cases_flow',
       'counseling_sessions_signed_started', 'training_enrollments_joined_on', 'training_enrollments_completed_on') ORDER BY name`.execute(t.db);
    expect(indexes.rows).toHaveLength(10);
    // "Served in November" reads two narrow indexes, never a row.
    const served = sql<{ n: number }>`SELECT COUNT(*) AS n FROM clients c INDEXED BY clients_report WHERE c.status = 'active'
      AND EXISTS (SELECT 1 FROM service_deliveries d INDEXED BY service_deliveries_client_period WHERE d.client_id = c.id AND d.delivered_on BETWEEN '2026-11-01' AND '2026-11-30')`;
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${served}`.execute(t.db);
    expect(plan.rows.map((row) => row.detail).join(' | ')).toBe('SCAN c USING COVERING INDEX clients_report | SEARCH d EXISTS USING COVERING INDEX service_deliveries_client_period (client_id=? AND delivered_on>? AND delivered_on<?)');
    expect((await served.execute(t.db)).rows[0]?.n).toBe(1);
  });
});
