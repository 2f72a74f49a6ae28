import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../api/errors';
import { creditUnauditedRows, rowsDifferingBeforeMigration } from '../audit/row-check';
import { installRowTracking } from '../audit/row-digest';
import { silentLogger, type Logger } from '../log';
import { createKysely, type Database } from './database';
import { migrateToLatest, pendingMigrations, type MigrateOptions } from './migrator';
import { openDatabase, type OpenDatabaseOptions, type SqliteHandle } from './open';

export const DATABASE_FILE_NAME = 'center.db';
export const KEYRING_FILE_NAME = 'keyring.json';

/** What `system.info` reports: no center yet, a center whose database is closed, or an open one. */
export type DatabaseState = 'notSetUp' | 'locked' | 'open';

/** The unlocked database: Kysely for queries, the raw handle for pragmas (verify, rekey, checkpoint). */
export interface OpenStore {
  readonly db: Kysely<Database>;
  readonly handle: SqliteHandle;
  readonly databasePath: string;
}

export interface StoreHolder {
  /** `<dataDir>/center.db` */
  readonly databasePath: string;
  /** `<dataDir>/keyring.json` (written by the key-slot code, read here only to tell set up from not). */
  readonly keyringPath: string;
  readonly isOpen: boolean;
  state(): DatabaseState;
  /**
   * Opens (or, at setup, creates) the database with the raw key a key slot unwrapped, and migrates
   * it. Opening an already open store returns it unchanged.
   */
  open(key: string | Buffer, options?: Pick<OpenDatabaseOptions, 'mode'>): Promise<OpenStore>;
  /** Closes the database (checkpointing the WAL). Safe to call when closed. */
  close(): Promise<void>;
  /** The open store, or LOCKED (set up, not open) / NOT_SET_UP (no center yet). */
  require(): OpenStore;
}

/**
 * Holds the center database for one running core; handlers reach it as `ctx.core.store.require()`.
 *
 * @example
 * const store = createStoreHolder({ dataDir });
 * await store.open(keyHex);
 * const { db } = store.require();
 */
export function createStoreHolder(options: { readonly dataDir: string; readonly log?: Logger; readonly migrations?: MigrateOptions['migrations'] }): StoreHolder {
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const keyringPath = join(options.dataDir, KEYRING_FILE_NAME);
  const log = options.log ?? silentLogger;
  let current: OpenStore | null = null;
  let opening: Promise<OpenStore> | null = null;

  async function openNow(key: string | Buffer, mode: OpenDatabaseOptions['mode']): Promise<OpenStore> {
    const handle = openDatabase(databasePath, key, { mode });
    const db = createKysely(handle);
    try {
      // Rows that already differ from the log before an upgrade stay reported: the baseline below
      // credits only what the migrations changed, never an edit made behind the app's back.
      const refused = (await pendingMigrations(db, options.migrations)).length > 0 ? rowsDifferingBeforeMigration(handle) : new Set<string>();
      const { applied } = await migrateToLatest(db, { log, ...(options.migrations ? { migrations: options.migrations } : {}) });
      // Rows a migration wrote (or a database from before row digests) are credited in one event.
      if (applied.length > 0) {
        const credited = creditUnauditedRows(handle, applied, new Date(), refused);
        if (credited > 0) log.info('audit.baseline', { rows: credited, refused: refused.size });
      }
      installRowTracking(handle);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    log.info('db.opened', {});
    return { db, handle, databasePath };
  }

  return {
    databasePath,
    keyringPath,
    get isOpen() {
      return current !== null;
    },
    state() {
      if (current !== null) return 'open';
      return existsSync(keyringPath) ? 'locked' : 'notSetUp';
    },
    async open(key, openOptions = {}) {
      if (current !== null) return current;
      // Two sign-ins racing must not open two handles on the same file.
      opening ??= openNow(key, openOptions.mode).finally(() => {
        opening = null;
      });
      current = await opening;
      return current;
    },
    async close() {
      const closing = current;
      current = null;
      if (closing !== null) {
        await closing.db.destroy();
        log.info('db.closed', {});
      }
    },
    require() {
      if (current !== null) return current;
      throw new AppError(existsSync(keyringPath) ? 'LOCKED' : 'NOT_SET_UP');
    },
  };
}
