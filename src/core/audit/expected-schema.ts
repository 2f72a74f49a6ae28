import driverModule from 'better-sqlite3-multiple-ciphers';
import type DriverTypes from '../../../node_modules/better-sqlite3-multiple-ciphers/index';
import { createKysely } from '../db/database';
import { migrateToLatest } from '../db/migrator';
import type { SqliteHandle } from '../db/open';

/** One entry of `sqlite_master`: a table, index, trigger or view and the SQL that made it. */
export interface SchemaEntry {
  readonly type: string;
  readonly name: string;
  readonly sql: string | null;
}

export interface SchemaFindings {
  /** Expected entries that are gone (`trigger audit_log_no_update`). */
  readonly missing: readonly string[];
  /** Entries whose SQL differs from what the migrations create. */
  readonly changed: readonly string[];
  /** Entries no migration creates. */
  readonly unexpected: readonly string[];
}

/** The schema of a database (main only: this connection's TEMP triggers are not in the file). */
export function readSchema(handle: SqliteHandle): SchemaEntry[] {
  return handle.prepare('SELECT type, name, sql FROM main.sqlite_master ORDER BY type, name').all() as SchemaEntry[];
}

let cached: Promise<readonly SchemaEntry[]> | null = null;

/**
 * What `sqlite_master` holds after every migration this build carries: computed by migrating an
 * empty in-memory database, so it cannot drift from the migrations and no file an attacker can
 * edit says what to expect.
 *
 * @example const findings = compareSchema(readSchema(handle), await expectedSchema());
 */
export function expectedSchema(): Promise<readonly SchemaEntry[]> {
  cached ??= (async () => {
    const handle = new (driverModule as typeof DriverTypes)(':memory:');
    const db = createKysely(handle);
    try {
      await migrateToLatest(db);
      return readSchema(handle);
    } finally {
      await db.destroy();
    }
  })();
  return cached;
}

/**
 * Names what differs between the file's schema and the expected one.
 *
 * @example compareSchema(actual, expected) // { missing: ['trigger consents_history_no_update'], changed: [], unexpected: [] }
 */
export function compareSchema(actual: readonly SchemaEntry[], expected: readonly SchemaEntry[]): SchemaFindings {
  const label = (entry: SchemaEntry): string => `${entry.type} ${entry.name}`;
  const actualByLabel = new Map(actual.map((entry) => [label(entry), entry]));
  const expectedLabels = new Set(expected.map(label));
  const missing: string[] = [];
  const changed: string[] = [];
  for (const entry of expected) {
    const found = actualByLabel.get(label(entry));
    if (found === undefined) missing.push(label(entry));
    else if (found.sql !== entry.sql) changed.push(label(entry));
  }
  const unexpected = actual.map(label).filter((name) => !expectedLabels.has(name));
  return { missing, changed, unexpected };
}
