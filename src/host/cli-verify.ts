import { join } from 'node:path';
import { migrations as knownMigrations } from '../../migrations';
import { AppError } from '../core/api/errors';
import { anchorsPathFor, readAnchors, readChainHead } from '../core/audit/anchors';
import { expectedSchema } from '../core/audit/expected-schema';
import { verifyStore, type StoreReport } from '../core/audit/verify-store';
import { PERMISSION_TABLE } from '../core/app';
import { zeroize } from '../core/crypto/key-slots';
import { isKeyringIntact, unlockRecoverySlot, unlockUserSlot } from '../core/crypto/keyring';
import { keyringPath, readKeyringFile, type AnyKeyring } from '../core/crypto/keyring-store';
import { unlockUserSlotV1 } from '../core/crypto/keyring-v1';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { isSqliteError, openDatabaseReadOnly, type SqliteHandle } from '../core/db/open';
import { checkPages, explainOpenFailure, type OpenFailure, type PageFindings } from '../core/db/page-check';
import { DATABASE_FILE_NAME } from '../core/db/store';
import { ROLES, type Role } from '../core/api/permissions';

/**
 * `cli verify` without side effects: the keyring is read, a slot (or the recovery slot) is
 * unwrapped in memory, the database is opened read-only and checked, and nothing is written:
 * no sign-in, no audit event, no migration, no throttle count, no anchor. (A WAL database gets
 * SQLite's empty `-wal`/`-shm` files if they were absent; any reader makes them.)
 *
 * The throttle is not consulted: whoever can run this has the data folder, and with it the
 * keyring to guess against offline at full speed; the scrypt cost is what protects the slots.
 */
export type VerifyCredentials = { readonly username: string; readonly password: string } | { readonly recoveryCode: string };

export interface DataDirReport extends Partial<StoreReport> {
  readonly ok: boolean;
  /** `open`: the key opened it; otherwise why not, from the page HMACs. `unreadable`: SQLite failed reading it. */
  readonly database: 'open' | OpenFailure | 'unreadable';
  /** The driver's code when the database could not be read (SQLITE_CORRUPT, ...). */
  readonly sqliteError?: string;
  /** Page-by-page HMAC check of the main file. */
  readonly pages: PageFindings;
  /** The keyring's MAC under the database key that opened it (format 1 has none: null). */
  readonly keyringIntact: boolean | null;
  /** Migrations this build knows that the database has not applied (the schema is then not compared). */
  readonly pendingMigrations: readonly string[];
  /** Migrations the database applied that this build does not know (a newer app wrote it). */
  readonly unknownMigrations: readonly string[];
  /**
   * Counseling signatures (signed sessions and addenda) this check cannot recompute: they hash
   * plaintext under the confidential key, which no check without it holds. The row digests still
   * name any of their rows edited behind the application's back; `counseling.verify`, in a key
   * holder's session, recomputes them.
   */
  readonly counselingSignaturesUnchecked?: number;
}

function countCounselingSignatures(handle: SqliteHandle): number | undefined {
  const hasTables = handle.prepare("SELECT count(*) AS count FROM sqlite_master WHERE type = 'table' AND name IN ('counseling_sessions', 'counseling_addenda')").get() as { count: number };
  if (hasTables.count < 2) return undefined;
  const row = handle
    .prepare('SELECT (SELECT count(*) FROM counseling_sessions WHERE signature_hash IS NOT NULL) + (SELECT count(*) FROM counseling_addenda) AS count')
    .get() as { count: number };
  return row.count;
}

interface UnlockedKey {
  readonly databaseKey: Buffer;
  /** The next database key while a key rotation is under way (the database may already be keyed with it). */
  readonly pendingDatabaseKey: Buffer | null;
  /** Null for the recovery code. */
  readonly userId: string | null;
  readonly others: readonly (Buffer | null)[];
}

async function unlock(keyring: AnyKeyring, credentials: VerifyCredentials): Promise<UnlockedKey> {
  const primitives = nodeCryptoPrimitives;
  if ('recoveryCode' in credentials) {
    const keys = await unlockRecoverySlot(primitives, keyring, credentials.recoveryCode);
    if (!keys) throw new AppError('WRONG_RECOVERY_CODE');
    return { databaseKey: keys.databaseKey, pendingDatabaseKey: keys.pendingDatabaseKey, userId: null, others: [keys.confidentialKey] };
  }
  const unlocked =
    keyring.version === 1
      ? await unlockUserSlotV1(primitives, keyring, credentials.username, credentials.password)
      : await unlockUserSlot(primitives, keyring, credentials.username, credentials.password);
  if (!unlocked) throw new AppError('WRONG_PASSWORD');
  return { databaseKey: unlocked.databaseKey, pendingDatabaseKey: unlocked.pendingDatabaseKey ?? null, userId: unlocked.userId, others: [unlocked.confidentialKey] };
}

/** The signed-in staff member must hold `audit.verify` by the (possibly tampered) staff table; the report will name a tampered row. */
function assertMayVerify(handle: SqliteHandle, userId: string | null): void {
  if (userId === null) return;
  const row = handle.prepare('SELECT role, is_active FROM staff WHERE id = ?').get(userId) as { role: string; is_active: number } | undefined;
  if (!row || row.is_active !== 1) throw new AppError('ACCOUNT_INACTIVE');
  if (!isRole(row.role) || !PERMISSION_TABLE.has(row.role, 'audit.verify')) throw new AppError('FORBIDDEN', { permission: 'audit.verify' });
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function migrationState(handle: SqliteHandle): { pending: string[]; unknown: string[] } {
  const hasTable = handle.prepare("SELECT 1 AS yes FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() !== undefined;
  const applied = new Set(hasTable ? (handle.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((row) => row.name) : []);
  return {
    pending: Object.keys(knownMigrations).filter((name) => !applied.has(name)),
    unknown: [...applied].filter((name) => !(name in knownMigrations)),
  };
}

/**
 * Checks a center's data folder read-only and returns the report `cli verify` prints.
 *
 * @example const report = await verifyDataDir(dataDir, { recoveryCode }); report.chainHead
 */
export async function verifyDataDir(dataDir: string, credentials: VerifyCredentials): Promise<DataDirReport> {
  const keyring = readKeyringFile(keyringPath(dataDir));
  if (keyring === null) throw new AppError('NOT_SET_UP');
  const databasePath = join(dataDir, DATABASE_FILE_NAME);
  const key = await unlock(keyring, credentials);
  try {
    // Mid-rotation the database (and the keyring's seal) may already be under the next key.
    const candidates = [key.databaseKey, ...(key.pendingDatabaseKey ? [key.pendingDatabaseKey] : [])];
    const keyringIntact = keyring.version === 1 ? null : candidates.some((candidate) => isKeyringIntact(nodeCryptoPrimitives, keyring, candidate));
    let handle: SqliteHandle | null = null;
    let openedWith = key.databaseKey;
    for (const candidate of candidates) {
      try {
        handle = openDatabaseReadOnly(databasePath, candidate);
        openedWith = candidate;
        break;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'WRONG_KEY')) throw error;
      }
    }
    const pages = checkPages(databasePath, openedWith);
    const base = { keyringIntact, pages, pendingMigrations: [], unknownMigrations: [] };
    if (handle === null) return { ok: false, database: explainOpenFailure(pages), ...base };
    try {
      assertMayVerify(handle, key.userId);
      const { pending, unknown } = migrationState(handle);
      const isCurrent = pending.length === 0 && unknown.length === 0;
      const migrations = { pendingMigrations: pending, unknownMigrations: unknown };
      try {
        const report = verifyStore(handle, {
          ...(isCurrent ? { expectedSchema: await expectedSchema() } : {}),
          anchors: readAnchors(anchorsPathFor(databasePath)),
        });
        const ok = report.ok && isCurrent && keyringIntact !== false && pages.damagedCount === 0 && !pages.isPartial;
        const unchecked = countCounselingSignatures(handle);
        return { ...report, ok, database: 'open', ...base, ...migrations, ...(unchecked === undefined ? {} : { counselingSignaturesUnchecked: unchecked }) };
      } catch (error) {
        if (!isSqliteError(error)) throw error;
        // A damaged page further in: the page check names it; the head is read if it still can be.
        let chainHead: StoreReport['chainHead'] | undefined;
        try {
          chainHead = readChainHead(handle);
        } catch {
          chainHead = undefined;
        }
        return { ok: false, database: 'unreadable', sqliteError: error.code, ...(chainHead ? { chainHead } : {}), ...base, ...migrations };
      }
    } finally {
      handle.close();
    }
  } finally {
    zeroize(key.databaseKey, key.pendingDatabaseKey, ...key.others);
  }
}
