import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { AuditTables } from '../audit/audit.table';
import type { CenterTables } from '../center/center.table';
import type { SettingsTables } from '../settings/settings.table';
import type { StaffTables } from '../staff/staff.table';
import type { OutboxTables } from '../sync/outbox.table';
import type { SqliteHandle } from './open';

/**
 * Every table of the center database. Each domain owns its `<domain>.table.ts` and adds its tables
 * here with one `& XTables` term (in the same change as the migration that creates them).
 */
export type Database = CenterTables & StaffTables & SettingsTables & AuditTables & OutboxTables;

/**
 * Kysely's SQLite driver with `BEGIN IMMEDIATE` instead of a deferred `BEGIN`: a write transaction
 * takes the write lock at its start, so a second process (the CLI beside the running app) waits for
 * `busy_timeout` instead of failing mid-transaction with SQLITE_BUSY when a read turns into a write.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class CenterSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }
}

/**
 * Wraps an open database handle in Kysely. Kysely serializes queries on the one connection, so a
 * transaction's work must use its `trx`, never the outer instance (that would wait for itself).
 * `destroy()` closes the handle.
 *
 * @example const db = createKysely(openDatabase(path, keyHex));
 */
export function createKysely(handle: SqliteHandle): Kysely<Database> {
  return new Kysely<Database>({ dialect: new CenterSqliteDialect({ database: handle }) });
}
