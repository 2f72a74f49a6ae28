import { createHash } from 'node:crypto';
import type { SqliteHandle } from '../db/open';

/**
 * Row digests: what each audit event says the rows it wrote looked like after the write, so
 * `verify` can tell a row edited behind the application's back from one the application wrote.
 */

/** One row an audit event credits: its table, its key, and its digest after the write (null: deleted). */
export interface RowDigest {
  readonly table: string;
  readonly key: string;
  readonly digest: string | null;
}

/**
 * Tables whose rows are written outside the audited write path, so they carry no row digests.
 * A table added here is named in docs/security.md, with why.
 */
export const UNAUDITED_TABLES: ReadonlySet<string> = new Set(['audit_log', 'kysely_migration', 'kysely_migration_lock']);

const ROW_FORMAT = 'inson.row.v1';
const KEY_COLUMN = '__inson_row_key';

export interface AuditedTable {
  readonly name: string;
  /** SQL for the row's key: the primary key as text (one column) or a JSON array (several); rowid without one. */
  keyExpression(prefix?: string): string;
  /**
   * A WHERE clause finding one row by its key through the primary key's index (a comparison on
   * `keyExpression()` alone cannot use it: SQLite scans the whole table for `CAST(id AS TEXT) = ?`),
   * and the parameters it takes. The key expression is compared too, so the match is exactly
   * `keyExpression() = key`.
   */
  keyLookup(): { readonly where: string; params(key: string): unknown[] };
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every table whose rows the audit log must account for: the ordinary tables of the main schema,
 * except SQLite's, the migrator's, the audit log itself, full-text indexes and their shadow tables.
 *
 * @example auditedTables(handle).map((t) => t.name) // ['cases', 'center', 'clients', ...]
 */
export function auditedTables(handle: SqliteHandle): readonly AuditedTable[] {
  const rows = handle.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string | null }[];
  const virtualNames = rows.filter((row) => (row.sql ?? '').toUpperCase().startsWith('CREATE VIRTUAL TABLE')).map((row) => row.name);
  return rows
    .filter((row) => !row.name.startsWith('sqlite_') && !UNAUDITED_TABLES.has(row.name))
    .filter((row) => !virtualNames.some((virtual) => row.name === virtual || row.name.startsWith(`${virtual}_`)))
    .map((row) => {
      const columns = handle.prepare(`PRAGMA main.table_info(${quoteId(row.name)})`).all() as { name: string; pk: number }[];
      const keyColumns = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name);
      return {
        name: row.name,
        keyExpression(prefix = '') {
          if (keyColumns.length === 0) return `CAST(${prefix}rowid AS TEXT)`;
          if (keyColumns.length === 1) return `CAST(${prefix}${quoteId(keyColumns[0] ?? 'rowid')} AS TEXT)`;
          return `json_array(${keyColumns.map((column) => prefix + quoteId(column)).join(', ')})`;
        },
        keyLookup() {
          const exact = `${this.keyExpression()} = ?`;
          if (keyColumns.length <= 1) return { where: `${quoteId(keyColumns[0] ?? 'rowid')} = ? AND ${exact}`, params: (key) => [key, key] };
          return {
            where: `${keyColumns.map((column) => `${quoteId(column)} = ?`).join(' AND ')} AND ${exact}`,
            params: (key) => {
              let parts: unknown;
              try {
                parts = JSON.parse(key);
              } catch {
                parts = null;
              }
              const values = Array.isArray(parts) && parts.length === keyColumns.length ? parts : keyColumns.map(() => null);
              return [...values, key];
            },
          };
        },
      };
    });
}

type CellValue = string | number | bigint | null | Uint8Array;

/**
 * The digest of one row: SHA-256 over a JSON array of a format tag, the table, the key and the
 * row's columns sorted by name (bytes as hex), so the same content always digests the same and a
 * row cannot be passed off as another.
 *
 * @example rowDigest('staff', 's1', { id: 's1', role: 'trainer' }) // '3f5a…'
 */
export function rowDigest(table: string, key: string, row: Readonly<Record<string, unknown>>): string {
  const canonical: Record<string, unknown> = {};
  for (const column of Object.keys(row).sort()) {
    if (column === KEY_COLUMN) continue;
    const value = row[column] as CellValue;
    if (value instanceof Uint8Array) canonical[column] = { $hex: Buffer.from(value).toString('hex') };
    else if (typeof value === 'bigint') canonical[column] = { $int: value.toString() };
    else canonical[column] = value;
  }
  return createHash('sha256').update(JSON.stringify([ROW_FORMAT, table, key, canonical]), 'utf8').digest('hex');
}

/**
 * The current digest of every row of one table, streamed: `visit(key, digest)` per row.
 *
 * @example forEachRowDigest(handle, table, (key, digest) => seen.set(key, digest));
 */
export function forEachRowDigest(handle: SqliteHandle, table: AuditedTable, visit: (key: string, digest: string) => void): void {
  const rows = handle.prepare(`SELECT ${table.keyExpression()} AS ${KEY_COLUMN}, * FROM main.${quoteId(table.name)}`).iterate() as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    const key = String(row[KEY_COLUMN]);
    visit(key, rowDigest(table.name, key, row));
  }
}

/**
 * The digests, as they are now, of many rows at once (a bulk write credits thousands in one call):
 * one prepared statement per table; a row that no longer exists gets digest null.
 *
 * @example digestRows(handle, [{ table: 'clients', key: 'c1' }]) // [{ table: 'clients', key: 'c1', digest: '…' }]
 */
export function digestRows(handle: SqliteHandle, refs: readonly { readonly table: string; readonly key: string }[]): RowDigest[] {
  const tables = new Map(auditedTables(handle).map((table) => [table.name, table]));
  const statements = new Map<string, { get(...params: unknown[]): unknown }>();
  const result: RowDigest[] = [];
  for (const ref of refs) {
    const table = tables.get(ref.table);
    if (table === undefined) continue;
    let statement = statements.get(ref.table);
    if (statement === undefined) {
      statement = handle.prepare<unknown[]>(`SELECT ${table.keyExpression()} AS ${KEY_COLUMN}, * FROM main.${quoteId(table.name)} WHERE ${table.keyLookup().where}`);
      statements.set(ref.table, statement);
    }
    const row = statement.get(...table.keyLookup().params(ref.key)) as Record<string, unknown> | undefined;
    result.push({ table: ref.table, key: ref.key, digest: row === undefined ? null : rowDigest(ref.table, ref.key, row) });
  }
  return result.sort((a, b) => (a.table === b.table ? compare(a.key, b.key) : compare(a.table, b.table)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where the connection notes which rows the current write touched (a TEMP table: this connection only). */
export const TOUCHED_TABLE = 'temp.inson_touched_rows';

/**
 * Installs, on this connection only, TEMP triggers that note the key of every row inserted,
 * updated or deleted in an audited table, so the write path can credit exactly the rows a write
 * touched. TEMP triggers live in this connection's memory: nothing in the file changes, and a
 * direct edit with another SQLite program notes nothing (which is what `verify` then shows).
 *
 * @example installRowTracking(store.handle) // after every migration, at each open
 */
export function installRowTracking(handle: SqliteHandle): void {
  handle.exec(`CREATE TEMP TABLE IF NOT EXISTS inson_touched_rows (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID`);
  const existing = handle.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").all() as { name: string }[];
  for (const { name } of existing) if (name.startsWith('inson_track_')) handle.exec(`DROP TRIGGER temp.${quoteId(name)}`);
  auditedTables(handle).forEach((table, index) => {
    const literal = `'${table.name.replace(/'/g, "''")}'`;
    const target = `main.${quoteId(table.name)}`;
    // No `OR IGNORE`: an outer statement's conflict clause (an upsert's) would override it.
    const note = (prefix: string): string => {
      const key = table.keyExpression(prefix);
      return `INSERT INTO ${TOUCHED_TABLE} (tbl, key) SELECT ${literal}, ${key} WHERE NOT EXISTS (SELECT 1 FROM ${TOUCHED_TABLE} WHERE tbl = ${literal} AND key = ${key});`;
    };
    handle.exec(`CREATE TEMP TRIGGER inson_track_${String(index)}_i AFTER INSERT ON ${target} BEGIN ${note('NEW.')} END`);
    handle.exec(`CREATE TEMP TRIGGER inson_track_${String(index)}_u AFTER UPDATE ON ${target} BEGIN ${note('OLD.')} ${note('NEW.')} END`);
    handle.exec(`CREATE TEMP TRIGGER inson_track_${String(index)}_d AFTER DELETE ON ${target} BEGIN ${note('OLD.')} END`);
  });
}

/**
 * Takes (and forgets) the rows noted since the last call, with their digests as they are now.
 *
 * @example const rows = takeTouchedRows(handle); // inside the write's transaction, before COMMIT
 */
export function takeTouchedRows(handle: SqliteHandle): RowDigest[] {
  const refs = handle.prepare(`SELECT tbl AS "table", key FROM ${TOUCHED_TABLE}`).all() as { table: string; key: string }[];
  handle.exec(`DELETE FROM ${TOUCHED_TABLE}`);
  return digestRows(handle, refs);
}

/** Forgets noted rows (a write starts with none). */
export function clearTouchedRows(handle: SqliteHandle): void {
  handle.exec(`DELETE FROM ${TOUCHED_TABLE}`);
}

/** The `rows_json` of an event: canonical JSON of the credited rows, or null when it credits none. */
export function rowsJsonOf(rows: readonly RowDigest[]): string | null {
  if (rows.length === 0) return null;
  return JSON.stringify(rows.map((row) => ({ table: row.table, key: row.key, digest: row.digest })));
}

/**
 * Reads a stored `rows_json` back; anything that is not the shape the write path writes yields
 * null (the chain hash, which covers the text, is what tells whether it was written by us).
 */
export function parseRowsJson(text: string | null): RowDigest[] | null {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return null;
    const rows: RowDigest[] = [];
    for (const item of parsed as unknown[]) {
      if (typeof item !== 'object' || item === null) return null;
      const { table, key, digest } = item as Record<string, unknown>;
      if (typeof table !== 'string' || typeof key !== 'string' || (digest !== null && typeof digest !== 'string')) return null;
      rows.push({ table, key, digest });
    }
    return rows;
  } catch {
    return null;
  }
}
