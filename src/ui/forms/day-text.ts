import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/en';
import 'dayjs/locale/ru';
import 'dayjs/locale/uz';
import 'dayjs/locale/uz-latn';
import type { Language } from '../i18n/languages';

dayjs.extend(customParseFormat);

/**
 * Dates as people in the region write them: day first, `dd.mm.yyyy`, in every interface language
 * and whatever the PC's own locale says. Values travel as the core's `YYYY-MM-DD`.
 */
export const DAY_FORMAT = 'DD.MM.YYYY';

/** The dayjs locale for each interface language (month and weekday names in the picker). */
export const DAYJS_LOCALE: Readonly<Record<Language, string>> = { 'uz-Latn': 'uz-latn', 'uz-Cyrl': 'uz', ru: 'ru', en: 'en' };

/**
 * A date typed day first, as the core's `YYYY-MM-DD`, or null when it is not a real day. Takes
 * `15.03.1985`, `15031985`, `1.3.1985`, `15/03/1985`, `15-03-1985`, `15 03 1985` and the stored form
 * `1985-03-15`; never reads month first. The calendar check is dayjs's strict parse.
 *
 * @example parseDayText('15031985') // '1985-03-15'
 * @example parseDayText('31.02.1985') // null
 */
export function parseDayText(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return strictDay(trimmed, 'YYYY-MM-DD');
  const parts = /^\d{8}$/.test(trimmed) ? [trimmed.slice(0, 2), trimmed.slice(2, 4), trimmed.slice(4)] : trimmed.split(/\s*[.\-/\s]\s*/);
  if (parts.length !== 3) return null;
  const [day = '', month = '', year = ''] = parts;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  return strictDay(`${day.padStart(2, '0')}.${month.padStart(2, '0')}.${year}`, DAY_FORMAT);
}

function strictDay(text: string, format: string): string | null {
  const parsed = dayjs(text, format, true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/**
 * A stored day as shown in a date field.
 *
 * @example formatDayText('1985-03-15') // '15.03.1985'
 */
export function formatDayText(day: string): string {
  const parsed = dayjs(day, 'YYYY-MM-DD', true);
  return parsed.isValid() ? parsed.format(DAY_FORMAT) : day;
}

/**
 * The year in what was typed into a date field, for the "only the year is known" switch: from a
 * whole date, or from the four digits of a half-typed one.
 *
 * @example yearOfDayText('1985-03-15') // '1985'
 * @example yearOfDayText('03.1985') // '1985'
 */
export function yearOfDayText(text: string): string {
  const day = parseDayText(text);
  if (day !== null) return day.slice(0, 4);
  return /(?:^|\D)(\d{4})(?:\D|$)/.exec(text.trim())?.[1] ?? '';
}
