import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';

describe('migration 0006_service_consent_override', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0006-');
  });
  afterEach(() => t.dispose());

  it('keeps earlier deliveries (no override recorded) and stores a reason on new ones, never an empty one', async () => {
    await updateToVersion(t.db, '0005_row_digests');
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
    const delivery = { client_id: 'c1', service_code: 'legal.consultation', delivered_on: '2026-11-24', recorded_by: 's1', recorded_at: NOW };
    await insertData(t.db, 'service_deliveries', [{ id: 'd1', ...delivery }]);

    expect(await updateToVersion(t.db, '0006_service_consent_override')).toEqual({ applied: ['0006_service_consent_override'] });
    expect(await getTableData(t.db, 'service_deliveries', { columns: ['id', 'note', 'consent_override_reason'] })).toEqual([
      { id: 'd1', note: null, consent_override_reason: null },
    ]);
    await insertData(t.db, 'service_deliveries', [{ id: 'd2', ...delivery, consent_override_reason: 'Brought in injured at night' }]);
    await expect(insertData(t.db, 'service_deliveries', [{ id: 'd3', ...delivery, consent_override_reason: '' }])).rejects.toThrow(/CHECK/);
    expect(await getTableData(t.db, 'service_deliveries', { columns: ['id', 'consent_override_reason'], orderBy: 'id' })).toEqual([
      { id: 'd1', consent_override_reason: null },
      { id: 'd2', consent_override_reason: 'Brought in injured at night' },
    ]);
  });
});
