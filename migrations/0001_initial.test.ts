import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, migrateToLatest } from '../src/core/db/migrator';
import { createTestDatabase, getTableData, insertData, updateToVersion, type TestDatabase, type UntypedDb } from './test-support';

const NOW = '2026-01-15T09:30:00.000Z';

describe('migration 0001_initial', () => {
  let t: TestDatabase;
  let db: UntypedDb;
  beforeEach(() => {
    t = createTestDatabase('inson-m0001-');
    db = t.db;
  });
  afterEach(() => t.dispose());

  it('creates the tables, which hold data that survives migrating to the latest schema', async () => {
    expect(await updateToVersion(db, '0001_initial')).toEqual({ applied: ['0001_initial'] });
    await insertData(db, 'center', [{ id: 'c1', name: 'Markaz', type: 'mahalla', region_code: '1703', district_code: '1703202', created_at: NOW }]);
    await insertData(db, 'staff', [
      { id: 's1', username: 'admin', display_name: 'Admin', role: 'administrator', created_at: NOW, updated_at: NOW },
      { id: 's2', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, created_by: 's1', updated_at: NOW, must_change_password: 1 },
    ]);
    await insertData(db, 'settings', [{ key: 'inactivityLockMs', value: '300000', updated_at: NOW }]);
    await insertData(db, 'audit_log', [
      { seq: 1, at: NOW, actor_id: null, action: 'center.setUp', entity_type: 'center', entity_id: 'c1', details_json: '{}', prev_hash: '0'.repeat(64), hash: 'a'.repeat(64) },
    ]);
    await insertData(db, 'outbox', [{ id: 'o1', type: 'center', entity_id: 'c1', op: 'upsert', occurred_at: NOW, data_json: '{"name":"Markaz"}', created_at: NOW }]);

    await migrateToLatest(db);

    expect(await getTableData(db, 'center', { columns: ['name', 'settings'] })).toEqual([{ name: 'Markaz', settings: '{}' }]);
    expect(await getTableData(db, 'staff', { columns: ['username', 'is_active', 'must_change_password', 'created_by'], orderBy: 'id' })).toEqual([
      { username: 'admin', is_active: 1, must_change_password: 0, created_by: null },
      { username: 'qabul', is_active: 1, must_change_password: 1, created_by: 's1' },
    ]);
    expect(await getTableData(db, 'outbox', { columns: ['seq', 'version', 'batch_id'] })).toEqual([{ seq: 1, version: 1, batch_id: null }]);
    expect(await getTableData(db, 'audit_log', { columns: ['seq'] })).toEqual([{ seq: 1 }]);
    expect(await appliedMigrations(db)).toContain('0001_initial');
  });

  it('enforces its constraints: unique usernames regardless of case, strict types, an append-only audit log', async () => {
    await migrateToLatest(db);
    const staff = { display_name: 'X', role: 'trainer', created_at: NOW, updated_at: NOW };
    await insertData(db, 'staff', [{ id: 's1', username: 'Nodira', ...staff }]);
    await expect(insertData(db, 'staff', [{ id: 's2', username: 'nodira', ...staff }])).rejects.toThrow(/UNIQUE/);
    await expect(sql`INSERT INTO settings (key, value, updated_at) VALUES ('k', 'not json', ${NOW})`.execute(db)).rejects.toThrow(/CHECK/);
    await expect(sql`INSERT INTO staff (id, username, display_name, role, is_active, created_at, updated_at) VALUES ('s3', 'u3', 'X', 'trainer', 'yes', ${NOW}, ${NOW})`.execute(db)).rejects.toThrow(/cannot store TEXT value in INTEGER column/);
    // An inactive account must say when it was deactivated, and an active one must not.
    await expect(sql`UPDATE staff SET is_active = 0 WHERE id = 's1'`.execute(db)).rejects.toThrow(/CHECK/);
    await expect(insertData(db, 'staff', [{ id: 's4', username: 'ghost', created_by: 'nobody', ...staff }])).rejects.toThrow(/FOREIGN KEY/);

    await insertData(db, 'audit_log', [
      { seq: 1, at: NOW, actor_id: 's1', action: 'x.y', entity_type: 'x', entity_id: null, details_json: '{}', prev_hash: '0'.repeat(64), hash: 'b'.repeat(64) },
    ]);
    await expect(sql`UPDATE audit_log SET action = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
