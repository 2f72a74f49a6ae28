/**
 * PINFL (JShShIR / ПИНФЛ): the 14-digit personal identification number of Uzbekistan.
 *
 * Layout: digit 1 gives sex and century, digits 2–7 the date of birth as DDMMYY, digits 8–13
 * a registration code and serial, digit 14 the check digit: the first 13 digits weighted
 * 7, 3, 1, 7, 3, 1, … summed and taken mod 10.
 *
 * Nothing here refuses a PINFL outright except a wrong length or non-digits: older and foreign
 * documents exist whose numbers break the rules, so contradictions are warnings the receptionist
 * confirms (`pinflWarnings`).
 */

export type Sex = 'male' | 'female';

/** What a PINFL says about its holder. */
export interface ParsedPinfl {
  /** Exactly 14 ASCII digits (after removing spaces). */
  readonly isWellFormed: boolean;
  /** The 14th digit matches the weighted sum of the first 13. False when not well formed. */
  readonly isCheckDigitValid: boolean;
  /** From the first digit (odd male, even female); null when it is 0 or 7–9 or not well formed. */
  readonly sex: Sex | null;
  /** ISO date (YYYY-MM-DD) from digits 1–7; null when the century digit is unknown or the date impossible. */
  readonly birthDate: string | null;
}

/** A reason the receptionist must confirm before a PINFL is saved. */
export type PinflWarning = 'checkDigit' | 'birthDateMismatch' | 'sexMismatch' | 'impossibleDate';

const WEIGHTS = [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7] as const;
const PINFL_PATTERN = /^\d{14}$/;

/** Strips the spaces, dashes and dots people type between digit groups. */
export function cleanPinfl(value: string): string {
  return value.replace(/[\s\-.]/g, '');
}

/**
 * The check digit for the first 13 digits of a PINFL.
 *
 * @example pinflCheckDigit('3250590012345') // 9
 */
export function pinflCheckDigit(first13: string): number {
  if (!/^\d{13}$/.test(first13)) {
    throw new RangeError('pinflCheckDigit needs exactly 13 digits');
  }
  let sum = 0;
  for (let i = 0; i < 13; i += 1) {
    sum += Number(first13.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  }
  return sum % 10;
}

function centuryOf(firstDigit: number): number | null {
  if (firstDigit === 1 || firstDigit === 2) return 1800;
  if (firstDigit === 3 || firstDigit === 4) return 1900;
  if (firstDigit === 5 || firstDigit === 6) return 2000;
  return null;
}

/** ISO date for a calendar day, or null when the day does not exist (31 April, 29 February 2023). */
function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a PINFL. Never throws; look at the flags.
 *
 * @example
 * parsePinfl('32505900123459')
 * // { isWellFormed: true, isCheckDigitValid: true, sex: 'male', birthDate: '1990-05-25' }
 */
export function parsePinfl(value: string): ParsedPinfl {
  const pinfl = cleanPinfl(value);
  if (!PINFL_PATTERN.test(pinfl)) {
    return { isWellFormed: false, isCheckDigitValid: false, sex: null, birthDate: null };
  }
  const digit = (index: number): number => pinfl.charCodeAt(index) - 48;
  const first = digit(0);
  const century = centuryOf(first);
  const sex: Sex | null = century === null ? null : first % 2 === 1 ? 'male' : 'female';
  const day = digit(1) * 10 + digit(2);
  const month = digit(3) * 10 + digit(4);
  const yearInCentury = digit(5) * 10 + digit(6);
  const birthDate = century === null ? null : isoDate(century + yearInCentury, month, day);
  const isCheckDigitValid = pinflCheckDigit(pinfl.slice(0, 13)) === digit(13);
  return { isWellFormed: true, isCheckDigitValid, sex, birthDate };
}

/** True for 14 digits with a correct check digit (the dates may still contradict the form). */
export function isValidPinfl(value: string): boolean {
  const parsed = parsePinfl(value);
  return parsed.isWellFormed && parsed.isCheckDigitValid;
}

export interface PinflComparison {
  /** The date of birth typed on the form (YYYY-MM-DD), if any. */
  readonly birthDate?: string | null;
  readonly sex?: Sex | null;
  /** Dates after this day are impossible; defaults to no limit. ISO date. */
  readonly today?: string;
}

/**
 * Warnings the receptionist confirms before saving (none of them is a refusal). A PINFL that is
 * not 14 digits gets no warnings here: the schema refuses it before this is reached.
 *
 * @example
 * pinflWarnings('32505900123458', { birthDate: '1990-05-25', sex: 'female' })
 * // ['checkDigit', 'sexMismatch']
 */
export function pinflWarnings(pinfl: string, compare: PinflComparison = {}): PinflWarning[] {
  const parsed = parsePinfl(pinfl);
  if (!parsed.isWellFormed) return [];
  const warnings: PinflWarning[] = [];
  if (!parsed.isCheckDigitValid) warnings.push('checkDigit');
  const isFuture = parsed.birthDate !== null && compare.today !== undefined && parsed.birthDate > compare.today;
  if (parsed.birthDate === null || isFuture) {
    warnings.push('impossibleDate');
  } else if (compare.birthDate && compare.birthDate !== parsed.birthDate) {
    warnings.push('birthDateMismatch');
  }
  if (compare.sex && parsed.sex !== null && compare.sex !== parsed.sex) {
    warnings.push('sexMismatch');
  }
  return warnings;
}

/**
 * Builds a valid PINFL for a sex, an ISO birth date (1800–2099) and a serial (0–999999, the
 * registration code and serial, digits 8–13). For the seed and the tests.
 *
 * @example makePinfl('male', '1990-05-25', 12345) // '32505900123459'
 */
export function makePinfl(sex: Sex, birthDate: string, serial: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (match === null) throw new RangeError('makePinfl needs an ISO date YYYY-MM-DD');
  const [, yearText = '', monthText = '', dayText = ''] = match;
  const year = Number(yearText);
  if (isoDate(year, Number(monthText), Number(dayText)) === null) throw new RangeError('makePinfl: no such date');
  if (year < 1800 || year > 2099) throw new RangeError('makePinfl: year outside 1800–2099');
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError('makePinfl: serial must be an integer 0–999999');
  }
  const centuryBase = year < 1900 ? 1 : year < 2000 ? 3 : 5;
  const first = centuryBase + (sex === 'female' ? 1 : 0);
  const first13 = `${first}${dayText}${monthText}${yearText.slice(2)}${String(serial).padStart(6, '0')}`;
  return `${first13}${pinflCheckDigit(first13)}`;
}
