import { formatDay, formatTime, todayLocal } from '../../clients/client-format';

/**
 * Display helpers of the clinical and supervision screens: an instant as a day and a time on this
 * PC's clock, a listed client's name.
 */

/**
 * An instant as `dd.mm.yyyy hh:mm` on this PC's clock.
 *
 * @example formatInstant('2026-11-25T05:07:00.000Z') // '25.11.2026 10:07' in Tashkent
 */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return `${formatDay(todayLocal(date))} ${formatTime(instant)}`;
}

export { formatDay };
