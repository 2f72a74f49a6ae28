/**
 * Which backups to keep: the newest of each of the last 7 days that have a backup, of the last 4
 * weeks (ISO weeks, Monday first) and of the last 12 months, as restic's and borg's
 * `--keep-daily/weekly/monthly` count them. The newest backup is always kept. Days, weeks and
 * months are the center's calendar: Uzbekistan keeps UTC+5 all year (no summer time).
 */
export interface RotationPolicy {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
  /** The center's offset from UTC, in minutes (Tashkent: +300). */
  readonly utcOffsetMinutes: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12, utcOffsetMinutes: 300 };

export interface RotatedBackup {
  readonly name: string;
  readonly createdAt: Date;
}

function localParts(at: Date, offsetMinutes: number): { readonly day: string; readonly week: string; readonly month: string } {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const day = local.toISOString().slice(0, 10);
  const month = day.slice(0, 7);
  // ISO week: the week belongs to the year of its Thursday.
  const weekday = (local.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday + 3));
  const januaryFirst = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - januaryFirst) / 86_400_000 / 7);
  return { day, week: `${String(thursday.getUTCFullYear())}-W${String(week).padStart(2, '0')}`, month };
}

/**
 * The names of the backups to keep; every other one may be deleted.
 *
 * @example keptBackups([{ name: 'a', createdAt: new Date('2026-12-01T20:00:00Z') }, …]) // Set { 'a', … }
 */
export function keptBackups(backups: readonly RotatedBackup[], policy: RotationPolicy = DEFAULT_ROTATION): ReadonlySet<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : -1));
  const kept = new Set<string>();
  const first = newestFirst[0];
  if (first !== undefined) kept.add(first.name);
  for (const [bucket, count] of [
    ['day', policy.daily],
    ['week', policy.weekly],
    ['month', policy.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const key = localParts(backup.createdAt, policy.utcOffsetMinutes)[bucket];
      if (seen.has(key)) continue;
      seen.add(key);
      kept.add(backup.name);
    }
  }
  return kept;
}

/** The ISO week and local day of a moment, for tests and the file names. */
export const calendarOf = localParts;
