/**
 * Times of appointments on this PC's clock: the booking form takes a day (`YYYY-MM-DD`, typed as
 * dd.mm.yyyy) and a time (`HH:MM`, 24 hours, as everywhere in Uzbekistan) and the core takes an
 * instant with its offset.
 */

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Accepts `9:5`, `0930`, `9.30` as well as `09:30`; null when it is not a time of day. */
export function parseTimeText(text: string): string | null {
  const trimmed = text.trim();
  const digits = /^(\d{1,2})[:.\s]?(\d{2})$/.exec(trimmed) ?? /^(\d{1,2})$/.exec(trimmed);
  if (!digits) return null;
  const hours = Number(digits[1]);
  const minutes = Number(digits[2] ?? '0');
  const value = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return TIME.test(value) ? value : null;
}

/**
 * The instant a local day and time name, as ISO with this PC's offset.
 *
 * @example localInstant('2026-11-26', '10:00') // '2026-11-26T10:00:00+05:00' in Tashkent
 */
export function localInstant(day: string, time: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const local = new Date(year, month - 1, date, hours, minutes, 0, 0);
  const offsetMinutes = -local.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(date)}T${pad(hours)}:${pad(minutes)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The local day (`YYYY-MM-DD`) and time (`HH:MM`) of an instant. */
export function localDayAndTime(instant: Date): { readonly day: string; readonly time: string } {
  const pad = (value: number) => String(value).padStart(2, '0');
  return { day: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`, time: `${pad(instant.getHours())}:${pad(instant.getMinutes())}` };
}

/** The next whole half hour after `now`: what a new booking proposes. */
export function nextHalfHour(now: Date): Date {
  const next = new Date(now);
  next.setSeconds(0, 0);
  next.setMinutes(next.getMinutes() < 30 ? 30 : 60);
  return next;
}
