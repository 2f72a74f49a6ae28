import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase } from './test-support';

const NOW = '2026-12-04T15:00:00.000Z';

describe('migration 0013_backups', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase('inson-m0013-');
  });
  afterEach(() => t.dispose());

  it('adds the backups made and the restores of this database beside the existing records, with their checks', async () => {
    await updateToVersion(t.db, '0012_staff_reader_script');
    await insertData(t.db, 'staff', [{ id: 's1', username: 'admin', display_name: 'Admin', role: 'administrator', created_at: NOW, updated_at: NOW }]);

    expect(await updateToVersion(t.db, '0013_backups')).toEqual({ applied: ['0013_backups'] });
    expect(await getTableData(t.db, 'staff', { columns: ['id', 'username'] })).toEqual([{ id: 's1', username: 'admin' }]);
    const backup = { created_at: NOW, file_name: 'inson-2026-12-04T150000Z.inson-backup', folder: '/media/usb', size_bytes: 4096, sha256: 'a'.repeat(64), client_count: 3, chain_head_seq: 12 };
    await insertData(t.db, 'backups', [
      { id: 'b1', ...backup, made_by: 's1' },
      { id: 'b2', ...backup, made_by: null },
    ]);
    await expect(insertData(t.db, 'backups', [{ id: 'b3', ...backup, made_by: 'nobody' }])).rejects.toThrow(/FOREIGN KEY/);
    await expect(insertData(t.db, 'backups', [{ id: 'b4', ...backup, sha256: 'short' }])).rejects.toThrow(/CHECK/);
    const restore = { restored_at: NOW, restored_from: 'inson-2026-12-04T150000Z.inson-backup', backup_created_at: NOW, backup_chain_head_seq: 12, backup_chain_head_hash: 'f'.repeat(64) };
    await insertData(t.db, 'center_restores', [{ id: 'r1', ...restore, unlocked_with: 'recoveryCode' }]);
    await expect(insertData(t.db, 'center_restores', [{ id: 'r2', ...restore, unlocked_with: 'guess' }])).rejects.toThrow(/CHECK/);
    expect(await getTableData(t.db, 'backups', { columns: ['id', 'made_by'], orderBy: 'id' })).toEqual([
      { id: 'b1', made_by: 's1' },
      { id: 'b2', made_by: null },
    ]);
    expect(await getTableData(t.db, 'center_restores', { columns: ['id', 'unlocked_with'] })).toEqual([{ id: 'r1', unlocked_with: 'recoveryCode' }]);
  });
});
