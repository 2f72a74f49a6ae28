import { chmodSync, existsSync } from 'node:fs';
import driverModule from 'better-sqlite3-multiple-ciphers';
import type DriverTypes from '../../../node_modules/better-sqlite3-multiple-ciphers/index';
import { AppError } from '../api/errors';

/** The driver's own typings, attached by path (see better-sqlite3-multiple-ciphers.d.ts for why). */
const DatabaseDriver = driverModule as typeof DriverTypes;

/** An open, unlocked connection to the center's encrypted SQLite database. */
export type SqliteHandle = DriverTypes.Database;

export interface OpenDatabaseOptions {
  /**
   * `existing` (default): the file must already exist (a missing file means the center is not set up).
   * `create`: center setup makes a new file and refuses one that is already there, so a setup run can
   * never open, let alone overwrite, a database made with another key.
   */
  readonly mode?: 'existing' | 'create';
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

const RAW_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Checks that a database key is a raw 256-bit key written as 64 hex digits.
 * `PRAGMA key` takes no bound parameters, so the key is inlined into the statement text; only
 * after this check can that text contain nothing but hex.
 *
 * @example assertRawKeyHex(randomBytes(32).toString('hex'))
 */
export function assertRawKeyHex(keyHex: string): void {
  if (!RAW_KEY_PATTERN.test(keyHex)) throw new AppError('INTERNAL', { reason: 'databaseKeyFormat' });
}

/**
 * The raw key in SQLCipher's raw-key syntax (`x'<64 hex digits>'`) as bytes, built digit by digit
 * so no JavaScript string of the key ever exists (a string cannot be zeroed; V8 frees it when it
 * likes). The caller hands it to `sqlite3_key` and zeroes it.
 */
function rawKeyPassphrase(key: Buffer): Buffer {
  if (key.length !== 32) throw new AppError('INTERNAL', { reason: 'databaseKeyFormat' });
  const digits = Buffer.from('0123456789abcdef', 'ascii');
  const passphrase = Buffer.alloc(3 + 64);
  passphrase[0] = 0x78; // x
  passphrase[1] = 0x27; // '
  for (let i = 0; i < 32; i += 1) {
    const byte = key[i] ?? 0;
    passphrase[2 + 2 * i] = digits[byte >> 4] ?? 0;
    passphrase[3 + 2 * i] = digits[byte & 15] ?? 0;
  }
  passphrase[66] = 0x27;
  return passphrase;
}

/** Keys the connection: a Buffer key through `sqlite3_key` (zeroed after), a hex string (tests, the CLI's tamper tools) through `PRAGMA key`. */
function applyKey(handle: SqliteHandle, key: string | Buffer, purpose: 'key' | 'rekey'): void {
  if (typeof key === 'string') {
    assertRawKeyHex(key);
    handle.pragma(`${purpose}="x'${key}'"`);
    return;
  }
  const passphrase = rawKeyPassphrase(key);
  try {
    if (purpose === 'key') handle.key(passphrase);
    else handle.rekey(passphrase);
  } finally {
    passphrase.fill(0);
  }
}

/**
 * Opens the encrypted database with a raw key: SQLCipher 4 format (`cipher='sqlcipher'`, `legacy=4`),
 * a first read forced so that a wrong key fails here, then WAL, `synchronous=FULL` and foreign keys.
 *
 * A wrong key surfaces from SQLite as SQLITE_NOTADB, the same code a damaged header gives; it is
 * always reported as WRONG_KEY and never as corruption, and nothing is ever deleted here.
 *
 * On logging: SQLCipher proper writes its own log (`PRAGMA cipher_log_level`); this driver bundles
 * SQLite3MultipleCiphers instead, which has no such pragma, compiles its debug log out
 * (`SQLITE3MC_DEBUG` is off in the bundled sqlite3.c), and better-sqlite3 installs no
 * `SQLITE_CONFIG_LOG` callback, so nothing from the cipher layer reaches stdout or stderr.
 *
 * @example const handle = openDatabase(join(dataDir, 'center.db'), keyHex);
 */
export function openDatabase(filePath: string, key: string | Buffer, options: OpenDatabaseOptions = {}): SqliteHandle {
  if (typeof key === 'string') assertRawKeyHex(key);
  else if (key.length !== 32) throw new AppError('INTERNAL', { reason: 'databaseKeyFormat' });
  const mode = options.mode ?? 'existing';
  const fileExists = existsSync(filePath);
  if (mode === 'existing' && !fileExists) throw new AppError('NOT_SET_UP');
  if (mode === 'create' && fileExists) throw new AppError('ALREADY_SET_UP');

  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const handle = new DatabaseDriver(filePath, { fileMustExist: mode === 'existing', timeout: busyTimeoutMs });
  try {
    handle.pragma(`cipher='sqlcipher'`);
    handle.pragma('legacy=4');
    applyKey(handle, key, 'key');
    forceFirstRead(handle);
    // Owner-only, like the keyring beside it (SQLite gives the -wal and -shm files the same mode).
    // The content is encrypted either way; this keeps other local accounts from even copying it.
    if (mode === 'create') chmodSync(filePath, 0o600);
    handle.pragma('journal_mode=WAL');
    handle.pragma('synchronous=FULL');
    handle.pragma('foreign_keys=ON');
    handle.pragma(`busy_timeout=${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    // Sorts and temporary indexes stay in memory instead of temporary files on disk.
    handle.pragma('temp_store=MEMORY');
    // Every page read from this file is decrypted and its HMAC checked; the default 2 MiB cache
    // made each of the manager's indicators decrypt the same report indexes again (issue 13, item 5).
    // 128 MiB keeps the indexes of a 200,000-client center decrypted between queries.
    handle.pragma('cache_size=-131072');
    return handle;
  } catch (error) {
    handle.close();
    throw error;
  }
}

/**
 * Opens the encrypted database for reading only, for `verify`: no migration, no journal-mode
 * change, `query_only` on, and a first read forced so a key that does not open page 1 fails
 * here with WRONG_KEY (SQLite says SQLITE_NOTADB both for a wrong key and for a damaged first
 * page; `db/page-check.ts` tells the two apart). SQLite may create the empty `-wal` and `-shm`
 * files a WAL database needs for any reader; nothing in the database changes.
 *
 * @example const handle = openDatabaseReadOnly(join(dataDir, 'center.db'), databaseKey);
 */
export function openDatabaseReadOnly(filePath: string, key: string | Buffer): SqliteHandle {
  if (typeof key === 'string') assertRawKeyHex(key);
  else if (key.length !== 32) throw new AppError('INTERNAL', { reason: 'databaseKeyFormat' });
  if (!existsSync(filePath)) throw new AppError('NOT_SET_UP');
  const handle = new DatabaseDriver(filePath, { readonly: true, fileMustExist: true, timeout: DEFAULT_BUSY_TIMEOUT_MS });
  try {
    handle.pragma(`cipher='sqlcipher'`);
    handle.pragma('legacy=4');
    applyKey(handle, key, 'key');
    forceFirstRead(handle);
    handle.pragma('query_only=ON');
    handle.pragma('temp_store=MEMORY');
    return handle;
  } catch (error) {
    handle.close();
    throw error;
  }
}

/**
 * Re-encrypts the whole database under a new raw key ("rotate keys"). The caller rewraps every key
 * slot with the new key afterwards; until then only the old slots know the old key, so the
 * caller must hold the new key safely before calling this.
 *
 * @example rekeyDatabase(handle, randomBytes(32).toString('hex'));
 */
export function rekeyDatabase(handle: SqliteHandle, newKey: string | Buffer): void {
  if (typeof newKey === 'string') assertRawKeyHex(newKey);
  if (handle.inTransaction) throw new AppError('INTERNAL', { reason: 'rekeyInTransaction' });
  applyKey(handle, newKey, 'rekey');
  forceFirstRead(handle);
}

/** SQLCipher reads nothing until the first statement; this makes a wrong key fail now. */
function forceFirstRead(handle: SqliteHandle): void {
  try {
    handle.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isSqliteCode(error, 'SQLITE_NOTADB')) throw new AppError('WRONG_KEY');
    throw error;
  }
}

/** True for an error the SQLite driver raised (a damaged page, a busy file), as opposed to ours. */
export function isSqliteError(error: unknown): error is Error & { readonly code: string } {
  return error instanceof DatabaseDriver.SqliteError;
}

function isSqliteCode(error: unknown, code: string): boolean {
  return error instanceof DatabaseDriver.SqliteError && error.code === code;
}
