import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';

const outboxRow = (id: string) => ({ id, type: 'client', entity_id: 'c1', op: 'upsert', occurred_at: NOW, data_json: '{}', created_at: NOW });

describe('migration 0008_demonstration_center', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0008-');
  });
  afterEach(() => t.dispose());

  it('keeps an existing center real and its clients not synthetic, its outbox filling as before', async () => {
    await updateToVersion(t.db, '0007_temporary_password_expiry');
    await insertData(t.db, 'center', [{ id: 'k1', name: 'Markaz', type: 'mahalla', region_code: '1703', district_code: '1703202', created_at: NOW }]);
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
    await insertData(t.db, 'outbox', [outboxRow('o1')]);

    expect(await updateToVersion(t.db, '0008_demonstration_center')).toEqual({ applied: ['0008_demonstration_center'] });
    expect(await getTableData(t.db, 'center', { columns: ['id', 'is_demonstration'] })).toEqual([{ id: 'k1', is_demonstration: 0 }]);
    expect(await getTableData(t.db, 'clients', { columns: ['id', 'is_synthetic'] })).toEqual([{ id: 'c1', is_synthetic: 0 }]);
    await insertData(t.db, 'outbox', [outboxRow('o2')]);
    expect(await getTableData(t.db, 'outbox', { columns: ['id'], orderBy: 'seq' })).toEqual([{ id: 'o1' }, { id: 'o2' }]);
    // A real center cannot be turned into a demonstration one afterwards (nor back).
    await expect(sql`UPDATE center SET is_demonstration = 1`.execute(t.db)).rejects.toThrow(/demonstration center from its setup or never/);
  });

  it('drops every outbox record offered in a demonstration center', async () => {
    await updateToVersion(t.db, '0008_demonstration_center');
    await insertData(t.db, 'center', [{ id: 'k1', name: 'Namuna', type: 'mahalla', region_code: '1703', district_code: '1703202', created_at: NOW, is_demonstration: 1 }]);
    await insertData(t.db, 'outbox', [outboxRow('o1')]);
    expect(await getTableData(t.db, 'outbox', { columns: ['id'] })).toEqual([]);
  });
});
