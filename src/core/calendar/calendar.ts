import { invalidInput } from '../api/errors';

/**
 * Calendar dates (`YYYY-MM-DD`) for care records. Dates typed from paper forms are compared as
 * strings (ISO dates sort lexically); "today" is the center PC's local day, because staff record
 * what happened on their own calendar, not UTC's (Tashkent is UTC+5, so UTC's day is wrong until 05:00).
 */

/** The earliest date a care record may carry; anything older is a typo. */
export const EARLIEST_RECORD_DATE = '1990-01-01';

/**
 * @example localCalendarDate(new Date(2026, 10, 25, 23, 30)) // '2026-11-25'
 */
export function localCalendarDate(now: Date): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 *
 * @example daysBetween('2026-02-27', '2026-03-01') // 2
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Refuses a date that has not happened yet or is implausibly old, in the same shape the router
 * uses for schema failures, so the UI marks the field the same way.
 *
 * @example assertPastDate('2030-01-01', '2026-11-25', ['deliveredOn']) // throws INVALID_INPUT
 */
export function assertPastDate(value: string, today: string, path: readonly string[]): void {
  if (value > today) {
    throw invalidInput(path, 'future_date', 'The date is in the future');
  }
  if (value < EARLIEST_RECORD_DATE) {
    throw invalidInput(path, 'too_old', `The date is before ${EARLIEST_RECORD_DATE}`);
  }
}

/** Like assertPastDate's lower bound only: plan due dates may lie in the future. */
export function assertPlausibleDate(value: string, path: readonly string[]): void {
  if (value < EARLIEST_RECORD_DATE) {
    throw invalidInput(path, 'too_old', `The date is before ${EARLIEST_RECORD_DATE}`);
  }
}
