import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-11-25T05:00:00.000Z';

describe('migration 0007_temporary_password_expiry', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0007-');
  });
  afterEach(() => t.dispose());

  it('gives accounts still on a temporary password 72 hours from the upgrade, and nobody else an expiry', async () => {
    await updateToVersion(t.db, '0006_service_consent_override');
    const staff = (id: string, mustChange: number, isActive = 1) => ({
      id,
      username: id,
      display_name: id,
      role: 'receptionist',
      must_change_password: mustChange,
      is_active: isActive,
      deactivated_at: isActive === 1 ? null : NOW,
      created_at: NOW,
      updated_at: NOW,
    });
    await insertData(t.db, 'staff', [staff('waiting', 1), staff('settled', 0), staff('gone', 1, 0)]);
    const before = Date.now();
    expect(await updateToVersion(t.db, '0007_temporary_password_expiry')).toEqual({ applied: ['0007_temporary_password_expiry'] });
    const rows = await getTableData(t.db, 'staff', { columns: ['id', 'temporary_password_expires_at'], orderBy: 'id' });
    expect(rows.map((row) => row.id)).toEqual(['gone', 'settled', 'waiting']);
    expect(rows[0]?.temporary_password_expires_at).toBeNull();
    expect(rows[1]?.temporary_password_expires_at).toBeNull();
    const expiresAt = Date.parse(String(rows[2]?.temporary_password_expires_at));
    const hours = (expiresAt - before) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThan(72.1);
  });
});
