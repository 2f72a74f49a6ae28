import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../api/errors';
import { creditUnauditedRows, rowsDifferingBeforeMigration } from '../audit/row-check';
import { installRowTracking } from '../audit/row-digest';
import { silentLogger, type Logger } from '../log';
import { createKysely, type Database } from './database';
import { migrateToLatest, pendingMigrations, type MigrateOptions } from './migrator';
import { isSqliteError, openDatabase, type OpenDatabaseOptions, type SqliteHandle } from './open';
import { checkPages, checkPagesGradually, explainOpenFailure } from './page-check';

export const DATABASE_FILE_NAME = 'center.db';
export const KEYRING_FILE_NAME = 'keyring.json';
/** Up to this size `PRAGMA quick_check` at opening stays well under a second (it took 8 s on 615 MiB on a loaded 2-core machine). */
const QUICK_CHECK_MAX_BYTES = 48 * 1024 * 1024;

/**
 * What `system.info` reports: no center yet, a center whose database is closed, an open one, or
 * one whose database failed its check at opening (the app then offers the latest good backup).
 */
export type DatabaseState = 'notSetUp' | 'locked' | 'open' | 'damaged';

/** What the check at opening found wrong (no data in it: SQLite's verdict, counted). */
export interface DatabaseDamage {
  readonly detectedAt: string;
  /** `quickCheck`: `PRAGMA quick_check` answered other than ok; `unreadable`: a page could not be read; `firstPage`: page 1 fails its HMAC under the right key; `pageScan`: the background check found pages failing their HMAC. */
  readonly kind: 'quickCheck' | 'unreadable' | 'firstPage' | 'pageScan';
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
  /** The background check of every page after each opening: null until it finished. */
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
    const pages = checkPages(databasePath, keyBytes);
    if (explainOpenFailure(pages) !== 'damagedFirstPage' || pages.damagedCount !== 1) return false;
    // A crash in the middle of a re-key leaves pages under two keys and a journal or WAL that the
    // right key rolls back: that is a wrong key for now (the keyring's other key opens it), never
    // "damaged", which would send the center to an older backup.
    return ![`${databasePath}-wal`, `${databasePath}-journal`].some((path) => existsSync(path) && statSync(path).size > 0);
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
  /** Files up to this size get SQLite's quick check at opening (tests lower it to reach the background check). */
  readonly quickCheckMaxBytes?: number;
}): StoreHolder {
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const keyringPath = join(options.dataDir, KEYRING_FILE_NAME);
  const log = options.log ?? silentLogger;
  let current: OpenStore | null = null;
  let opening: Promise<OpenStore> | null = null;
  const holder = { damage: null as DatabaseDamage | null, fullCheck: null as StoreHolder['fullCheck'], checking: null as OpenStore | null };

  async function closeStore(): Promise<void> {
    const closing = current;
    current = null;
    if (closing !== null) {
      await closing.db.destroy();
      log.info('db.closed', {});
    }
  }

  /**
   * The full check in the background after each opening: every page of the file read and
   * authenticated under its HMAC, in slices (checkPagesGradually), so neither the sign-in nor the
   * calls answered meanwhile wait for it. A damaged page closes the store: every call then hears
   * DATABASE_DAMAGED and the window shows the damaged-database screen; nothing is changed or
   * repaired. (SQLite's `integrity_check`, which also cross-checks indexes, would hold the core for
   * about a minute at 200,000 clients: it runs on every backup's copy instead.)
   */
  function startFullCheck(key: string | Buffer, store: OpenStore): void {
    // Two sign-ins that raced to open the store share one check.
    if (holder.checking === store) return;
    holder.checking = store;
    const keyBytes = Buffer.from(typeof key === 'string' ? Buffer.from(key, 'hex') : key);
    holder.fullCheck = null;
    void checkPagesGradually(databasePath, keyBytes, { shouldStop: () => current !== store })
      .then(async (findings) => {
        if (current !== store) return;
        // Pages that fail under the key of the opening may have been rewritten under a new one (a
        // key rotation re-keys the open database): SQLite, with the key it holds now, has the last word.
        const isOk = (findings.damagedCount === 0 && !findings.isPartial) || quickCheck(store.handle) === null;
        holder.fullCheck = { checkedAt: new Date().toISOString(), isOk };
        if (isOk) return;
        holder.damage = { detectedAt: new Date().toISOString(), kind: 'pageScan' };
        log.warn('db.damaged', { kind: 'pageScan', pages: findings.damagedCount });
        await closeStore();
      })
      .catch((error: unknown) => log.warn('db.fullCheckFailed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' }))
      .finally(() => {
        keyBytes.fill(0);
        if (holder.checking === store) holder.checking = null;
      });
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
    // SQLite's quick check at once on a small file (under a second); a large one is checked page by page in the background.
    if (mode !== 'create' && statSync(databasePath).size <= (options.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES)) {
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
      const store = await opening;
      current = store;
      if (openOptions.mode !== 'create') startFullCheck(key, store);
      return store;
    },
    close: closeStore,
    require() {
      if (current !== null) return current;
      if (holder.damage !== null) throw new AppError('DATABASE_DAMAGED', { kind: holder.damage.kind });
      throw new AppError(existsSync(keyringPath) ? 'LOCKED' : 'NOT_SET_UP');
    },
  };
}
