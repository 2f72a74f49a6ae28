import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-12-04T02:00:00.000Z';

describe('migration 0012_staff_reader_script', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0012-');
  });
  afterEach(() => t.dispose());

  it('leaves every existing account showing names as typed, and takes only 0 or 1', async () => {
    await updateToVersion(t.db, '0011_training');
    const staff = (id: string, isActive: number) => ({
      id,
      username: id,
      display_name: id,
      role: 'receptionist',
      must_change_password: 0,
      is_active: isActive,
      deactivated_at: isActive === 1 ? null : NOW,
      created_at: NOW,
      updated_at: NOW,
    });
    await insertData(t.db, 'staff', [staff('active', 1), staff('gone', 0)]);
    expect(await updateToVersion(t.db, '0012_staff_reader_script')).toEqual({ applied: ['0012_staff_reader_script'] });
    const rows = await getTableData(t.db, 'staff', { columns: ['id', 'display_name', 'shows_names_in_reader_script'], orderBy: 'id' });
    expect(rows).toEqual([
      { id: 'active', display_name: 'active', shows_names_in_reader_script: 0 },
      { id: 'gone', display_name: 'gone', shows_names_in_reader_script: 0 },
    ]);
    await sql`UPDATE staff SET shows_names_in_reader_script = 1 WHERE id = 'active'`.execute(t.db);
    await expect(sql`UPDATE staff SET shows_names_in_reader_script = 2 WHERE id = 'gone'`.execute(t.db)).rejects.toThrow(/CHECK/);
  });
});
