import type { TFunction } from 'i18next';

/**
 * Display helpers shared by the client screens: names, dates and the masked PINFL.
 */

/**
 * A client's name as written: last, first, patronymic.
 *
 * @example fullName({ lastName: 'Жўраев', firstName: 'Шухрат', patronymic: null }) // 'Жўраев Шухрат'
 */
export function fullName(client: { readonly lastName?: string; readonly firstName?: string; readonly patronymic?: string | null }): string {
  return [client.lastName ?? '', client.firstName ?? '', client.patronymic ?? ''].filter((part) => part !== '').join(' ');
}

/**
 * A calendar day as people in the region write it.
 *
 * @example formatDay('1990-05-25') // '25.05.1990'
 */
export function formatDay(day: string | null): string {
  if (day === null) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}

/**
 * A PINFL in lists shows only its last four digits: enough to tell two people apart at the desk
 * without putting the whole number on every screen someone walks past.
 *
 * @example maskPinfl('32505900123459') // '••••••••••3459'
 */
export function maskPinfl(pinfl: string | null): string {
  if (pinfl === null) return '';
  return '•'.repeat(Math.max(0, pinfl.length - 4)) + pinfl.slice(-4);
}

/**
 * The time of day of an instant on this PC's clock, 24-hour as the region writes it.
 *
 * @example formatTime('2026-11-25T05:07:00.000Z') // '10:07' in Tashkent
 */
export function formatTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Today on this PC's calendar, `YYYY-MM-DD` (what a form's date field defaults to). */
export function todayLocal(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The birth date, or the estimated year marked as such. */
export function birthText(
  t: TFunction,
  client: { readonly birthDate: string | null; readonly birthYear: number; readonly isBirthDateEstimated: boolean },
): string {
  if (client.birthDate !== null && !client.isBirthDateEstimated) return formatDay(client.birthDate);
  return t('clients:estimatedYear', { year: client.birthYear });
}

/** The label of what `birthOrAgeText` shows. */
export function birthOrAgeLabel(t: TFunction, client: { readonly birthDate?: string | null; readonly birthYear?: number }): string {
  if (client.birthDate !== undefined) return t('clients:field.birthDate');
  return client.birthYear !== undefined ? t('clients:page.birthYearLabel') : t('clients:page.ageLabel');
}

/**
 * What a view says about when the client was born: the date (or estimated year) where the view
 * has it, the age where it has that, both when it has both; '' when it has neither.
 *
 * @example birthOrAgeText(t, { ageYears: 34 }) // '34 years old'
 */
export function birthOrAgeText(
  t: TFunction,
  client: { readonly birthDate?: string | null; readonly birthYear?: number; readonly isBirthDateEstimated?: boolean; readonly ageYears?: number },
): string {
  const parts: string[] = [];
  if (client.birthDate !== undefined && client.birthYear !== undefined) {
    parts.push(birthText(t, { birthDate: client.birthDate, birthYear: client.birthYear, isBirthDateEstimated: client.isBirthDateEstimated ?? false }));
  } else if (client.birthYear !== undefined) {
    // A view with the year and not the date (the manager's): the year, marked when it is estimated.
    parts.push(client.isBirthDateEstimated === true ? t('clients:estimatedYear', { year: client.birthYear }) : String(client.birthYear));
  }
  if (client.ageYears !== undefined) parts.push(t('clients:page.age', { count: client.ageYears }));
  return parts.join(' · ');
}
