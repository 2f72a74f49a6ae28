import type { ScheduleRule } from './training.schema';

/**
 * A cohort's sessions, generated from its rule: on the chosen weekdays from `startsOn`, skipping
 * the center's holidays, until the course's hours are covered (the last session may run past
 * them: a course is never cut short). Pure: dates in, dates out, no clock and no time zone (the
 * dates are the center's calendar days, as in `calendar.ts`).
 */

export interface HolidayCalendar {
  /** One-off holidays (`YYYY-MM-DD`), e.g. a Hayit day announced for this year. */
  readonly dates: ReadonlySet<string>;
  /** Holidays every year (`MM-DD`), e.g. Navruz on 03-21. */
  readonly monthDays: ReadonlySet<string>;
}

export interface PlannedSession {
  readonly seq: number;
  readonly date: string;
  readonly startTime: string;
  readonly durationMinutes: number;
}

export interface GeneratedSchedule {
  readonly sessions: readonly PlannedSession[];
  /** The holidays that fell on a teaching day and were skipped, in order. */
  readonly skippedHolidays: readonly string[];
}

/** @example isHoliday('2027-03-21', { dates: new Set(), monthDays: new Set(['03-21']) }) // true */
export function isHoliday(date: string, holidays: HolidayCalendar): boolean {
  return holidays.dates.has(date) || holidays.monthDays.has(date.slice(5));
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. @example isoWeekday('2026-12-07') // 1 */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** @example addDays('2026-12-31', 1) // '2027-01-01' */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How many sessions of `durationMinutes` cover `hours`. @example sessionsNeeded(72, 120) // 36 */
export function sessionsNeeded(hours: number, durationMinutes: number): number {
  return Math.ceil((hours * 60) / durationMinutes);
}

/**
 * @example generateSchedule({ startsOn: '2027-03-15', weekdays: [1, 3, 5], startTime: '10:00', durationMinutes: 120 }, 12, holidays)
 * // 6 sessions, Navruz (Sunday 21 March is not a teaching day) not skipped
 */
export function generateSchedule(rule: ScheduleRule, hours: number, holidays: HolidayCalendar, maxSessions: number): GeneratedSchedule | null {
  const needed = sessionsNeeded(hours, rule.durationMinutes);
  if (needed > maxSessions) return null;
  const weekdays = new Set(rule.weekdays);
  const sessions: PlannedSession[] = [];
  const skippedHolidays: string[] = [];
  // Enough days for every session plus two years of holidays; a calendar that is all holidays gives up.
  const lastDay = addDays(rule.startsOn, 7 * needed + 730);
  for (let date = rule.startsOn; sessions.length < needed; date = addDays(date, 1)) {
    if (date > lastDay) return null;
    if (!weekdays.has(isoWeekday(date))) continue;
    if (isHoliday(date, holidays)) {
      skippedHolidays.push(date);
      continue;
    }
    sessions.push({ seq: sessions.length + 1, date, startTime: rule.startTime, durationMinutes: rule.durationMinutes });
  }
  return { sessions, skippedHolidays };
}
