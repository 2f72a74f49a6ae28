import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as m0001Registry from './0001_registry';
import * as m0002NationalExports from './0002_national_exports';

/** The registry's migrations, in order; its own history, apart from the center's. */
export const registryMigrations: Readonly<Record<string, Migration>> = {
  '0001_registry': m0001Registry,
  '0002_national_exports': m0002NationalExports,
};

/**
 * Brings the registry database to the latest schema. Two instances starting at once on one
 * PostgreSQL are safe: Kysely's migrator takes a lock.
 */
export async function migrateRegistry(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(registryMigrations) }, migrationTableName: 'registry_migration', migrationLockTableName: 'registry_migration_lock' });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
}
