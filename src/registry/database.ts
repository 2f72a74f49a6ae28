import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import type { RegistryDatabase } from './registry.tables';

/**
 * The registry's database: a PostgreSQL server when `DATABASE_URL` is set, otherwise an embedded
 * PostgreSQL (PGlite) in a data folder, which one process owns. Both are reached through Kysely's
 * own PostgreSQL dialect, so every query is the same SQL on both.
 */

/**
 * PGlite behind the pool interface Kysely's PostgreSQL driver expects. PGlite is one connection:
 * `connect` hands it to one user at a time (a transaction holds it until it releases), the rest
 * wait in order. (kysely-pglite does the same, but its 0.6 imports `Migrator` from 'kysely',
 * which Kysely 0.29 moved to 'kysely/migration'.)
 */
class PGlitePool implements PostgresPool {
  readonly options = {};
  #tail: Promise<void> = Promise.resolve();
  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release: () => void = () => undefined;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    const pglite = this.pglite;
    async function run<R>(sqlText: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
      const result = await pglite.query<R>(sqlText, [...parameters]);
      const command = (/^\s*(\w+)/.exec(sqlText)?.[1] ?? '').toUpperCase() as PostgresQueryResult<R>['command'];
      return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
    }
    const query = ((sqlText: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) => {
      if (typeof sqlText !== 'string') throw new Error('PGlite: streaming cursors are not supported');
      return run(sqlText, parameters ?? []);
    }) as PostgresPoolClient['query'];
    return { query, release, processID: 1 };
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.pglite.close();
  }
}

export interface RegistryStore {
  readonly db: Kysely<RegistryDatabase>;
  /** 'pglite' (a data folder) or 'postgres' (DATABASE_URL). */
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the registry database named by `DATABASE_URL` or the data folder.
 *
 * @example const store = await openRegistryStore({ dataDir: '/srv/registry' });
 */
export async function openRegistryStore(options: { readonly dataDir?: string; readonly databaseUrl?: string }): Promise<RegistryStore> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
    const db = new Kysely<RegistryDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (!options.dataDir) throw new Error('The registry needs --data DIR or DATABASE_URL');
  // 'memory://' is for tests: an embedded PostgreSQL that lives as long as the process.
  if (options.dataDir !== 'memory://') mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create(options.dataDir === 'memory://' ? 'memory://' : `${options.dataDir}/pgdata`);
  const db = new Kysely<RegistryDatabase>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
