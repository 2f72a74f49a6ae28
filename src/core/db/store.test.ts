import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../app';
import { silentLogger } from '../log';
import { migrations } from '../../../migrations';
import { appliedMigrations } from './migrator';
import { createStoreHolder } from './store';

const newKey = () => randomBytes(32).toString('hex');

describe('store holder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'inson-holder-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('moves from notSetUp to open to locked, and require() names the reason it cannot give a store', async () => {
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    expect(holder.state()).toBe('notSetUp');
    expect(() => holder.require()).toThrow(expect.objectContaining({ code: 'NOT_SET_UP' }));
    const key = newKey();
    const store = await holder.open(key, { mode: 'create' });
    expect(holder.isOpen).toBe(true);
    expect(holder.state()).toBe('open');
    expect(holder.require()).toBe(store);
    expect(await holder.open(key)).toBe(store);
    expect(await appliedMigrations(store.db)).toEqual(Object.keys(migrations));
    writeFileSync(holder.keyringPath, '{}');
    await holder.close();
    await holder.close();
    expect(holder.state()).toBe('locked');
    expect(() => holder.require()).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    await expect(holder.open(newKey())).rejects.toMatchObject({ code: 'WRONG_KEY' });
    expect(holder.isOpen).toBe(false);
    const reopened = await holder.open(key);
    expect(await reopened.db.selectFrom('staff').select('id').execute()).toEqual([]);
    await holder.close();
  });

  it('refuses a database that a newer version of the app has migrated, and keeps it closed', async () => {
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    const key = newKey();
    const { db } = await holder.open(key, { mode: 'create' });
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', ${new Date().toISOString()})`.execute(db);
    await holder.close();
    await expect(holder.open(key)).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW', details: { unknownMigrations: ['9999_from_the_future'] } });
    expect(holder.isOpen).toBe(false);
  });

  it('checkpoints the WAL into the encrypted file on close, so the file alone holds every commit', async () => {
    const holder = createStoreHolder({ dataDir, log: silentLogger });
    const key = newKey();
    const { db } = await holder.open(key, { mode: 'create' });
    await db.insertInto('settings').values({ key: 'kept', value: '"after close"', updated_at: 'now' }).execute();
    expect(statSync(`${holder.databasePath}-wal`).size).toBeGreaterThan(0);
    await holder.close();
    expect(existsSync(`${holder.databasePath}-wal`)).toBe(false);
    const reopened = await holder.open(key);
    expect(reopened.handle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await reopened.db.selectFrom('settings').select('value').where('key', '=', 'kept').executeTakeFirst()).toEqual({ value: '"after close"' });
    await holder.close();
  });

  it('shows its state through system.info', async () => {
    const core = await createCore({ dataDir, appVersion: '0.0.0', log: silentLogger });
    const databaseState = async () => {
      const outcome = await core.call('test', 'system.info', {});
      return outcome.ok ? (outcome.result as { database: string }).database : outcome.error.code;
    };
    expect(await databaseState()).toBe('notSetUp');
    await core.services.store.open(newKey(), { mode: 'create' });
    expect(await databaseState()).toBe('open');
    await core.close();
    expect(core.services.store.isOpen).toBe(false);
  });
});
