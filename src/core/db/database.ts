import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DialectAdapter,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { AppointmentsTables } from '../appointments/appointments.table';
import type { AuditTables } from '../audit/audit.table';
import type { BackupTables } from '../backup/backup.table';
import type { CasesTables } from '../cases/cases.table';
import type { CenterTables } from '../center/center.table';
import type { ClientsTables } from '../clients/clients.table';
import type { ConsentsTables } from '../consents/consents.table';
import type { CounselingTables } from '../counseling/counseling.table';
import type { ServicesTables } from '../services/services.table';
import type { SettingsTables } from '../settings/settings.table';
import type { StaffTables } from '../staff/staff.table';
import type { TrainingTables } from '../training/training.table';
import type { OutboxTables } from '../sync/outbox.table';
import type { SyncTables } from '../sync/sync.table';
import type { SqliteHandle } from './open';

/**
 * Every table of the center database. Each domain owns its `<domain>.table.ts` and adds its tables
 * here with one `& XTables` term (in the same change as the migration that creates them).
 */
export type Database = CenterTables & StaffTables & SettingsTables & AuditTables & OutboxTables & ClientsTables & ConsentsTables & CasesTables & ServicesTables & CounselingTables & AppointmentsTables & TrainingTables & SyncTables & BackupTables;

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

/**
 * SQLite's schema changes are transactional, but Kysely's SQLite adapter says they are not, so its
 * Migrator would run migrations statement by statement outside any transaction: a crash or an
 * error halfway through would leave a half-built schema that the next start could not migrate.
 * Saying yes makes the Migrator run all pending migrations in one transaction, all or nothing.
 * (Inside it `PRAGMA foreign_keys` cannot change: a migration that rebuilds a table uses
 * `PRAGMA defer_foreign_keys = ON` instead.)
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
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

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Enough for every distinct query the app issues; the oldest is dropped past it. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query afresh; on this encrypted build preparing costs
 * about as much as running (measured ~0.2 ms a statement), which would double the cost of each
 * write. This keeps prepared statements by SQL text. A statement still busy iterating (a
 * streamed select) is never handed out twice: that call gets a fresh one. SQLite re-prepares a
 * cached statement itself when a migration changes the schema.
 */
function withStatementCache(handle: SqliteHandle): SqliteDatabase {
  const cache = new Map<string, ReturnType<SqliteHandle['prepare']>>();
  return {
    close: () => {
      cache.clear();
      handle.close();
    },
    prepare(sqlText: string): SqliteStatement {
      const cached = cache.get(sqlText);
      if (cached !== undefined && !cached.busy) {
        // Re-insert to mark it most recently used.
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = handle.prepare(sqlText);
      if (cached === undefined) {
        cache.set(sqlText, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next();
          if (oldest.done !== true) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}

/**
 * Wraps an open database handle in Kysely. Kysely serializes queries on the one connection, so a
 * transaction's work must use its `trx`, never the outer instance (that would wait for itself).
 * `destroy()` closes the handle.
 *
 * `DB` is today's `Database` but for migration tests, which stay untyped (`migrations/test-support.ts`).
 *
 * @example const db = createKysely(openDatabase(path, keyHex));
 */
export function createKysely<DB = Database>(handle: SqliteHandle): Kysely<DB> {
  return new Kysely<DB>({ dialect: new CenterSqliteDialect({ database: withStatementCache(handle) }) });
}
