import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKysely, type Database } from '../src/core/db/database';
import { appliedMigrations, migrateTo, migrateToLatest } from '../src/core/db/migrator';
import { openDatabase } from '../src/core/db/open';

const NOW = '2026-01-15T09:30:00.000Z';

describe('migration 0001_initial', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inson-m0001-'));
    db = createKysely(openDatabase(join(dir, 'center.db'), randomBytes(32).toString('hex'), { mode: 'create' }));
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the tables, which hold data that survives migrating to the latest schema', async () => {
    expect(await migrateTo(db, '0001_initial')).toEqual({ applied: ['0001_initial'] });
    await db
      .insertInto('center')
      .values({ id: 'c1', name: 'Markaz', type: 'mahalla', region_code: '1703', district_code: '1703202', created_at: NOW })
      .execute();
    await db
      .insertInto('staff')
      .values({ id: 's1', username: 'admin', display_name: 'Admin', role: 'administrator', created_at: NOW, updated_at: NOW })
      .execute();
    await db
      .insertInto('staff')
      .values({ id: 's2', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, created_by: 's1', updated_at: NOW, must_change_password: 1 })
      .execute();
    await db.insertInto('settings').values({ key: 'inactivityLockMs', value: '300000', updated_at: NOW }).execute();
    await db
      .insertInto('audit_log')
      .values({ seq: 1, at: NOW, actor_id: null, action: 'center.setUp', entity_type: 'center', entity_id: 'c1', details_json: '{}', prev_hash: '0'.repeat(64), hash: 'a'.repeat(64) })
      .execute();
    await db
      .insertInto('outbox')
      .values({ id: 'o1', type: 'center', entity_id: 'c1', op: 'upsert', occurred_at: NOW, data_json: '{"name":"Markaz"}', created_at: NOW })
      .execute();

    await migrateToLatest(db);

    expect(await db.selectFrom('center').select(['name', 'settings']).executeTakeFirst()).toEqual({ name: 'Markaz', settings: '{}' });
    expect(await db.selectFrom('staff').select(['username', 'is_active', 'must_change_password', 'created_by']).orderBy('id').execute()).toEqual([
      { username: 'admin', is_active: 1, must_change_password: 0, created_by: null },
      { username: 'qabul', is_active: 1, must_change_password: 1, created_by: 's1' },
    ]);
    expect(await db.selectFrom('outbox').select(['seq', 'version', 'batch_id']).execute()).toEqual([{ seq: 1, version: 1, batch_id: null }]);
    expect(await db.selectFrom('audit_log').select('seq').execute()).toEqual([{ seq: 1 }]);
    expect(await appliedMigrations(db)).toContain('0001_initial');
  });

  it('enforces its constraints: unique usernames regardless of case, strict types, an append-only audit log', async () => {
    await migrateToLatest(db);
    const staff = { display_name: 'X', role: 'trainer' as const, created_at: NOW, updated_at: NOW };
    await db.insertInto('staff').values({ id: 's1', username: 'Nodira', ...staff }).execute();
    await expect(db.insertInto('staff').values({ id: 's2', username: 'nodira', ...staff }).execute()).rejects.toThrow(/UNIQUE/);
    await expect(sql`INSERT INTO settings (key, value, updated_at) VALUES ('k', 'not json', ${NOW})`.execute(db)).rejects.toThrow(/CHECK/);
    await expect(sql`INSERT INTO staff (id, username, display_name, role, is_active, created_at, updated_at) VALUES ('s3', 'u3', 'X', 'trainer', 'yes', ${NOW}, ${NOW})`.execute(db)).rejects.toThrow(/cannot store TEXT value in INTEGER column/);
    // An inactive account must say when it was deactivated, and an active one must not.
    await expect(db.updateTable('staff').set({ is_active: 0 }).where('id', '=', 's1').execute()).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('staff').values({ id: 's4', username: 'ghost', created_by: 'nobody', ...staff }).execute()).rejects.toThrow(/FOREIGN KEY/);

    await db
      .insertInto('audit_log')
      .values({ seq: 1, at: NOW, actor_id: 's1', action: 'x.y', entity_type: 'x', entity_id: null, details_json: '{}', prev_hash: '0'.repeat(64), hash: 'b'.repeat(64) })
      .execute();
    await expect(sql`UPDATE audit_log SET action = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
