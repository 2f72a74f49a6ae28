import { AppError } from '../api/errors';
import type { ReadDb, WriteTx } from '../db/handles';
import { DEFAULT_INACTIVITY_LOCK_MINUTES } from '../session/auth-state';
import type { z } from 'zod';
import { centerSettingsSchema, DEFAULT_EMERGENCY_ACCESS_HOURS, DEFAULT_OLDER_PERSON_AGE_YEARS, type centerProfileSchema, type CenterSettings, type CenterType } from './center.schema';
import type { CenterRow } from './center.table';

type Db = ReadDb;

export const DEFAULT_CENTER_SETTINGS: CenterSettings = {
  inactivityLockMinutes: DEFAULT_INACTIVITY_LOCK_MINUTES,
  olderPersonAgeYears: DEFAULT_OLDER_PERSON_AGE_YEARS,
  emergencyAccessHours: DEFAULT_EMERGENCY_ACCESS_HOURS,
};

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

/**
 * The center's settings (the defaults before setup wrote the row): what other domains read, such
 * as the age from which clients count as older persons.
 *
 * @example const { olderPersonAgeYears } = await readCenterSettings(db);
 */
export async function readCenterSettings(db: Db): Promise<CenterSettings> {
  const row = await findCenter(db);
  return row === undefined ? DEFAULT_CENTER_SETTINGS : parseCenterSettings(row.settings);
}

/** @example const center = await requireCenter(db); */
export async function requireCenter(db: Db): Promise<CenterRow> {
  const row = await findCenter(db);
  if (!row) throw new AppError('NOT_SET_UP');
  return row;
}

/**
 * Merges changed settings into the center's row and returns the new profile.
 *
 * @example const profile = await updateCenterSettings(w.trx, { inactivityLockMinutes: 10 });
 */
export async function updateCenterSettings(trx: WriteTx, changes: Partial<CenterSettings>): Promise<CenterProfile> {
  const row = await requireCenter(trx);
  const settings = { ...parseCenterSettings(row.settings), ...changes };
  await trx.updateTable('center').set({ settings: JSON.stringify(settings) }).where('id', '=', row.id).execute();
  return toCenterProfile({ ...row, settings: JSON.stringify(settings) });
}

/** The profile fields the administrator can change after setup. */
export type CenterProfileChanges = z.output<typeof centerProfileSchema>;

/**
 * Writes the center's name, type, region and district; returns the new profile and which of the
 * four fields actually changed (an unchanged save writes nothing).
 *
 * @example const { profile, changed } = await updateCenterProfile(w.trx, { name, type, regionCode, districtCode });
 */
export async function updateCenterProfile(
  trx: WriteTx,
  input: CenterProfileChanges,
): Promise<{ readonly profile: CenterProfile; readonly changed: readonly (keyof CenterProfileChanges)[] }> {
  const row = await requireCenter(trx);
  const before: CenterProfileChanges = { name: row.name, type: row.type as CenterType, regionCode: row.region_code, districtCode: row.district_code };
  const changed = (Object.keys(before) as (keyof CenterProfileChanges)[]).filter((key) => before[key] !== input[key]);
  const next: CenterRow = { ...row, name: input.name, type: input.type, region_code: input.regionCode, district_code: input.districtCode };
  if (changed.length > 0) {
    await trx
      .updateTable('center')
      .set({ name: next.name, type: next.type, region_code: next.region_code, district_code: next.district_code })
      .where('id', '=', row.id)
      .execute();
  }
  return { profile: toCenterProfile(next), changed };
}
