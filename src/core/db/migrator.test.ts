import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKysely, type Database } from './database';
import { appliedMigrations, migrateToLatest } from './migrator';
import { openDatabase } from './open';

const tableNames = async (db: Kysely<Database>) =>
  (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't_%' ORDER BY name`.execute(db)).rows.map((row) => row.name);

const createTable = (name: string): Migration => ({
  async up(db) {
    await sql.raw(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY) STRICT`).execute(db);
  },
});

describe('migrator', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inson-migrator-'));
    db = createKysely(openDatabase(join(dir, 'center.db'), randomBytes(32).toString('hex'), { mode: 'create' }));
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies pending migrations all or nothing: a failure halfway leaves the schema as it was', async () => {
    await migrateToLatest(db, { migrations: { '0001_a': createTable('t_a') } });
    const failing: Record<string, Migration> = {
      '0001_a': createTable('t_a'),
      '0002_b': createTable('t_b'),
      '0003_c': {
        async up(trx) {
          await sql.raw('CREATE TABLE t_c (id INTEGER PRIMARY KEY) STRICT').execute(trx);
          throw new Error('migration bug after its first statement');
        },
      },
    };
    await expect(migrateToLatest(db, { migrations: failing })).rejects.toMatchObject({ code: 'INTERNAL', details: { migration: '0003_c' } });
    expect(await tableNames(db)).toEqual(['t_a']);
    expect(await appliedMigrations(db)).toEqual(['0001_a']);

    // Fixed in the next build: the same database migrates cleanly.
    const fixed = { ...failing, '0003_c': createTable('t_c') };
    expect(await migrateToLatest(db, { migrations: fixed })).toEqual({ applied: ['0002_b', '0003_c'] });
    expect(await tableNames(db)).toEqual(['t_a', 't_b', 't_c']);
  });

  it('refuses a newer database before running anything', async () => {
    await migrateToLatest(db, { migrations: { '0001_a': createTable('t_a'), '0002_b': createTable('t_b') } });
    await expect(migrateToLatest(db, { migrations: { '0001_a': createTable('t_a'), '0003_c': createTable('t_c') } })).rejects.toMatchObject({
      code: 'DATABASE_TOO_NEW',
      details: { unknownMigrations: ['0002_b'] },
    });
    expect(await tableNames(db)).toEqual(['t_a', 't_b']);
  });
});
