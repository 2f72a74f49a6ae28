import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import { migrations as centerMigrations } from '../../../migrations';
import { AppError } from '../api/errors';
import { silentLogger, type Logger } from '../log';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrateOptions {
  readonly log?: Logger;
  /** Tests pass their own list; the app always uses `migrations/index.ts`. */
  readonly migrations?: Readonly<Record<string, Migration>>;
}

/**
 * Brings the database to this build's latest schema. A database that has applied a migration this
 * build does not know was written by a newer version of the app: it is refused with
 * DATABASE_TOO_NEW before anything runs, so an older app never writes into a newer schema.
 *
 * @example const { applied } = await migrateToLatest(db);
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, options: MigrateOptions = {}): Promise<{ applied: readonly string[] }> {
  const known = options.migrations ?? centerMigrations;
  await refuseNewerDatabase(db, known);
  return run(db, known, options.log ?? silentLogger, (migrator) => migrator.migrateToLatest());
}

/**
 * Migrates up to (and including) one named migration: migration tests fill a database at the
 * previous schema with data, then migrate it to the next one.
 *
 * @example await migrateTo(db, '0001_initial');
 */
export async function migrateTo<DB>(db: Kysely<DB>, target: string, options: MigrateOptions = {}): Promise<{ applied: readonly string[] }> {
  const known = options.migrations ?? centerMigrations;
  if (!(target in known)) throw new AppError('INTERNAL', { reason: 'unknownMigration', migration: target });
  await refuseNewerDatabase(db, known);
  return run(db, known, options.log ?? silentLogger, (migrator) => migrator.migrateTo(target));
}

/** Names of the migrations this database has applied, oldest first. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<readonly string[]> {
  const table = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${MIGRATION_TABLE}`.execute(db);
  if (table.rows.length === 0) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Names of the migrations this build knows that the database has not applied yet. */
export async function pendingMigrations<DB>(db: Kysely<DB>, known: Readonly<Record<string, Migration>> = centerMigrations): Promise<readonly string[]> {
  const applied = new Set(await appliedMigrations(db));
  return Object.keys(known).filter((name) => !applied.has(name));
}

async function refuseNewerDatabase<DB>(db: Kysely<DB>, known: Readonly<Record<string, Migration>>): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in known));
  if (unknown.length > 0) throw new AppError('DATABASE_TOO_NEW', { unknownMigrations: unknown });
}

async function run<DB>(
  db: Kysely<DB>,
  known: Readonly<Record<string, Migration>>,
  log: Logger,
  step: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<{ applied: readonly string[] }> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...known }) }, migrationTableName: MIGRATION_TABLE });
  const { error, results = [] } = await step(migrator);
  const applied = results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
  for (const name of applied) log.info('db.migrated', { migration: name });
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? null;
    // The error's message may quote data; only its class and the migration's name are logged.
    log.error('db.migrationFailed', { migration: failed, errorName: error instanceof Error ? error.name : typeof error });
    throw new AppError('INTERNAL', { reason: 'migrationFailed', migration: failed });
  }
  return { applied };
}
