import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../api/errors';
import { creditUnauditedRows, rowsDifferingBeforeMigration } from '../audit/row-check';
import { installRowTracking } from '../audit/row-digest';
import { silentLogger, type Logger } from '../log';
import { createKysely, type Database } from './database';
import { migrateToLatest, pendingMigrations, type MigrateOptions } from './migrator';
import { isSqliteError, openDatabase, type OpenDatabaseOptions, type SqliteHandle } from './open';
import { checkPages, explainOpenFailure } from './page-check';

export const DATABASE_FILE_NAME = 'center.db';
export const KEYRING_FILE_NAME = 'keyring.json';
/** The full check waits until the sign-in's first screens are drawn. */
const FULL_CHECK_DELAY_MS = 30_000;

/**
 * What `system.info` reports: no center yet, a center whose database is closed, an open one, or
 * one whose database failed its check at opening (the app then offers the latest good backup).
 */
export type DatabaseState = 'notSetUp' | 'locked' | 'open' | 'damaged';

/** What the check at opening found wrong (no data in it: SQLite's verdict, counted). */
export interface DatabaseDamage {
  readonly detectedAt: string;
  /** `quickCheck`: `PRAGMA quick_check` answered other than ok; `unreadable`: a page could not be read; `firstPage`: page 1 fails its HMAC under the right key. */
  readonly kind: 'quickCheck' | 'unreadable' | 'firstPage';
}

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
  /** Set when an opening found the database damaged; cleared when a restore replaced it. */
  damage: DatabaseDamage | null;
  /** The full `integrity_check` run in the background after each opening: null until it ran. */
  readonly fullCheck: { readonly checkedAt: string; readonly isOk: boolean } | null;
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
 * SQLite's quick check (every page of every b-tree read, each through its HMAC; no index
 * cross-check, which the full check in the background does): null when sound.
 */
function quickCheck(handle: SqliteHandle): DatabaseDamage['kind'] | null {
  try {
    const rows = handle.pragma('quick_check') as { quick_check: string }[];
    return rows.length === 1 && rows[0]?.quick_check === 'ok' ? null : 'quickCheck';
  } catch (error) {
    if (isSqliteError(error)) return 'unreadable';
    throw error;
  }
}

function isFirstPageDamaged(databasePath: string, key: string | Buffer): boolean {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'hex') : key;
  try {
    return explainOpenFailure(checkPages(databasePath, keyBytes)) === 'damagedFirstPage';
  } catch {
    return false;
  } finally {
    if (typeof key === 'string') keyBytes.fill(0);
  }
}

/**
 * Holds the center database for one running core; handlers reach it as `ctx.core.store.require()`.
 *
 * @example
 * const store = createStoreHolder({ dataDir });
 * await store.open(keyHex);
 * const { db } = store.require();
 */
export function createStoreHolder(options: {
  readonly dataDir: string;
  readonly log?: Logger;
  readonly migrations?: MigrateOptions['migrations'];
  /** How long after an opening the full check runs (tests shorten it). */
  readonly fullCheckDelayMs?: number;
}): StoreHolder {
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const keyringPath = join(options.dataDir, KEYRING_FILE_NAME);
  const log = options.log ?? silentLogger;
  let current: OpenStore | null = null;
  let opening: Promise<OpenStore> | null = null;
  const holder = { damage: null as DatabaseDamage | null, fullCheck: null as StoreHolder['fullCheck'], fullCheckTimer: null as NodeJS.Timeout | null };

  /**
   * The full check (`integrity_check`: every b-tree and index cross-checked) a while after the
   * opening, when the first screens are drawn: the quick check at opening stays short. It runs on
   * the store's own connection, between two calls (the driver is synchronous); a failure is kept
   * for the administrator's home and logged, and nothing is changed or repaired.
   */
  function scheduleFullCheck(): void {
    if (holder.fullCheckTimer !== null) clearTimeout(holder.fullCheckTimer);
    holder.fullCheck = null;
    holder.fullCheckTimer = setTimeout(() => {
      holder.fullCheckTimer = null;
      if (current === null) return;
      let isOk: boolean;
      try {
        const rows = current.handle.pragma('integrity_check') as { integrity_check: string }[];
        isOk = rows.length === 1 && rows[0]?.integrity_check === 'ok';
      } catch (error) {
        if (!isSqliteError(error)) throw error;
        isOk = false;
      }
      holder.fullCheck = { checkedAt: new Date().toISOString(), isOk };
      if (!isOk) log.warn('db.fullCheckFailed', {});
    }, options.fullCheckDelayMs ?? FULL_CHECK_DELAY_MS);
    holder.fullCheckTimer.unref();
  }

  function damaged(kind: DatabaseDamage['kind']): AppError {
    holder.damage = { detectedAt: new Date().toISOString(), kind };
    log.warn('db.damaged', { kind });
    return new AppError('DATABASE_DAMAGED', { kind });
  }

  async function openNow(key: string | Buffer, mode: OpenDatabaseOptions['mode']): Promise<OpenStore> {
    let handle: SqliteHandle;
    try {
      handle = openDatabase(databasePath, key, { mode });
    } catch (error) {
      // SQLite says NOTADB for a wrong key and for a damaged first page alike; the page HMACs tell which.
      if (error instanceof AppError && error.code === 'WRONG_KEY' && mode !== 'create' && isFirstPageDamaged(databasePath, key)) throw damaged('firstPage');
      throw error;
    }
    if (mode !== 'create') {
      const kind = quickCheck(handle);
      if (kind !== null) {
        handle.close();
        throw damaged(kind);
      }
    }
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
    get damage() {
      return holder.damage;
    },
    get fullCheck() {
      return holder.fullCheck;
    },
    set damage(value) {
      holder.damage = value;
    },
    state() {
      if (current !== null) return 'open';
      if (holder.damage !== null) return 'damaged';
      return existsSync(keyringPath) ? 'locked' : 'notSetUp';
    },
    async open(key, openOptions = {}) {
      if (current !== null) return current;
      // Two sign-ins racing must not open two handles on the same file.
      opening ??= openNow(key, openOptions.mode).finally(() => {
        opening = null;
      });
      current = await opening;
      scheduleFullCheck();
      return current;
    },
    async close() {
      if (holder.fullCheckTimer !== null) clearTimeout(holder.fullCheckTimer);
      holder.fullCheckTimer = null;
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
