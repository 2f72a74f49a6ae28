import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createKysely } from '../src/core/db/database';
import { migrateTo } from '../src/core/db/migrator';
import { openDatabase } from '../src/core/db/open';

/**
 * For migration tests only, after Signal Desktop's `createDB` / `updateToVersion` / `insertData` /
 * `getTableData`: a real encrypted database reached through untyped helpers. A test of migration 3
 * writes and reads the columns that migration 3 knew, in raw SQL, so it never changes when
 * today's table types (`Database`) do.
 */

/** Kysely that knows no table: only raw `sql` and the helpers below reach the database. */
export type UntypedDb = Kysely<unknown>;

/** One SQLite value as a row holds it. */
export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Readonly<Record<string, SqlValue>>;

export interface TestDatabase {
  readonly db: UntypedDb;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * A new, empty encrypted database (no migration applied) under a random key.
 *
 * @example const { db, dispose } = createTestDatabase('inson-m0003-');
 */
export function createTestDatabase(prefix: string): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = createKysely<unknown>(openDatabase(join(dir, 'center.db'), randomBytes(32).toString('hex'), { mode: 'create' }));
  return {
    db,
    async dispose() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Migrates up to (and including) one named migration.
 *
 * @example expect(await updateToVersion(db, '0003_care')).toEqual({ applied: ['0003_care'] });
 */
export function updateToVersion(db: UntypedDb, migration: string): Promise<{ applied: readonly string[] }> {
  return migrateTo(db, migration);
}

/**
 * Inserts rows one by one, each with the columns it names.
 *
 * @example await insertData(db, 'staff', [{ id: 's1', username: 'qabul', display_name: 'Qabul', role: 'receptionist', created_at: NOW, updated_at: NOW }]);
 */
export async function insertData(db: UntypedDb, table: string, rows: readonly Row[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) VALUES (${sql.join(columns.map((column) => row[column] ?? null))})`.execute(db);
  }
}

/**
 * Reads a table's rows: the named columns (default all), those matching `where` (column = value,
 * all of them), in `orderBy` order (default: as SQLite gives them).
 *
 * @example expect(await getTableData(db, 'staff', { columns: ['username'], orderBy: 'id' })).toEqual([{ username: 'admin' }]);
 */
export async function getTableData(
  db: UntypedDb,
  table: string,
  options: { readonly columns?: readonly string[]; readonly where?: Row; readonly orderBy?: string } = {},
): Promise<Row[]> {
  const columns = options.columns === undefined ? sql`*` : sql.join(options.columns.map((column) => sql.ref(column)));
  const conditions = Object.entries(options.where ?? {}).map(([column, value]) => (value === null ? sql`${sql.ref(column)} IS NULL` : sql`${sql.ref(column)} = ${value}`));
  const where = conditions.length === 0 ? sql`` : sql` WHERE ${sql.join(conditions, sql` AND `)}`;
  const orderBy = options.orderBy === undefined ? sql`` : sql` ORDER BY ${sql.ref(options.orderBy)}`;
  return (await sql<Row>`SELECT ${columns} FROM ${sql.table(table)}${where}${orderBy}`.execute(db)).rows;
}
