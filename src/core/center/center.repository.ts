import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../api/errors';
import type { Database } from '../db/database';
import { DEFAULT_INACTIVITY_LOCK_MINUTES } from '../staff/auth-state';
import { centerSettingsSchema, type CenterSettings, type CenterType } from './center.schema';
import type { CenterRow } from './center.table';

type Db = Kysely<Database> | Transaction<Database>;

export const DEFAULT_CENTER_SETTINGS: CenterSettings = { inactivityLockMinutes: DEFAULT_INACTIVITY_LOCK_MINUTES };

/** The center as the API returns it. */
export interface CenterProfile {
  readonly id: string;
  readonly name: string;
  readonly type: CenterType;
  readonly regionCode: string;
  readonly districtCode: string;
  readonly createdAt: string;
  readonly settings: CenterSettings;
}

/**
 * Reads the settings JSON; a value that does not parse (a newer app's setting, a damaged row)
 * falls back to the defaults key by key rather than locking everyone out.
 */
export function parseCenterSettings(json: string): CenterSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_CENTER_SETTINGS;
  }
  const merged = { ...DEFAULT_CENTER_SETTINGS, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
  const parsed = centerSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_CENTER_SETTINGS;
}

export function toCenterProfile(row: CenterRow): CenterProfile {
  return {
    id: row.id,
    name: row.name,
    type: row.type as CenterType,
    regionCode: row.region_code,
    districtCode: row.district_code,
    createdAt: row.created_at,
    settings: parseCenterSettings(row.settings),
  };
}

/** The one center row; undefined only in the instant of setup before it is written. */
export function findCenter(db: Db): Promise<CenterRow | undefined> {
  return db.selectFrom('center').selectAll().limit(1).executeTakeFirst();
}

/** @example const center = await requireCenter(db); */
export async function requireCenter(db: Db): Promise<CenterRow> {
  const row = await findCenter(db);
  if (!row) throw new AppError('NOT_SET_UP');
  return row;
}
