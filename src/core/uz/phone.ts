/**
 * Uzbek phone numbers: +998 and a 9-digit national number (a 2-digit operator or area code and
 * 7 digits). People write them in many ways: "90 123 45 67", "+998 (90) 123-45-67",
 * "998901234567", "00998 90 1234567", and with the old domestic trunk prefix "8 90 1234567".
 *
 * Validation is deliberately structural (9 national digits, not starting with 0 or 1): operators
 * open new codes (33, 77, 20 in recent years), and refusing a real number at intake is worse than
 * accepting an odd one. `phoneKind` says whether the code is a known mobile or landline code.
 */

export const UZ_COUNTRY_CODE = '998';

/** Mobile operator codes in use (Beeline, Ucell, Mobiuz, Uzmobile, Humans, Perfectum and newer). */
const MOBILE_CODES = new Set(['20', '33', '50', '77', '88', '90', '91', '93', '94', '95', '97', '98', '99']);
/** Fixed-line area codes (Tashkent 71, 78; regions 55, 61–79). */
const LANDLINE_CODES = new Set(['55', '61', '62', '65', '66', '67', '69', '70', '71', '72', '73', '74', '75', '76', '78', '79']);

export type PhoneKind = 'mobile' | 'landline' | 'unknown';

export interface ParsedPhone {
  /** +998XXXXXXXXX */
  readonly e164: string;
  /** The 9 national digits. */
  readonly national: string;
  readonly kind: PhoneKind;
}

/** Separators people put between digit groups. Anything else (letters, #, *) makes input invalid. */
const SEPARATORS = /[\s\-().\u00A0\u2010-\u2015]/g;

/** The national 9 digits of a typed number, or null. */
function nationalDigits(input: string): string | null {
  const compact = input.normalize('NFKC').replace(SEPARATORS, '');
  let digits: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith(`+${UZ_COUNTRY_CODE}`)) return null;
    digits = compact.slice(1 + UZ_COUNTRY_CODE.length);
  } else if (compact.startsWith(`00${UZ_COUNTRY_CODE}`)) {
    digits = compact.slice(2 + UZ_COUNTRY_CODE.length);
  } else if (compact.length === 12 && compact.startsWith(UZ_COUNTRY_CODE)) {
    digits = compact.slice(UZ_COUNTRY_CODE.length);
  } else if (compact.length === 10 && compact.startsWith('8')) {
    digits = compact.slice(1); // the old domestic trunk prefix: 8 90 1234567
  } else {
    digits = compact;
  }
  return /^[2-9]\d{8}$/.test(digits) ? digits : null;
}

/**
 * Reads an Uzbek phone number. Null when it is not one.
 *
 * @example parsePhone('+998 (90) 123-45-67') // { e164: '+998901234567', national: '901234567', kind: 'mobile' }
 */
export function parsePhone(input: string): ParsedPhone | null {
  const national = nationalDigits(input);
  if (national === null) return null;
  const code = national.slice(0, 2);
  const kind: PhoneKind = MOBILE_CODES.has(code) ? 'mobile' : LANDLINE_CODES.has(code) ? 'landline' : 'unknown';
  return { e164: `+${UZ_COUNTRY_CODE}${national}`, national, kind };
}

/**
 * The stored form +998XXXXXXXXX, or null when the input is not an Uzbek phone number.
 *
 * @example normalizePhone('90 123 45 67') // '+998901234567'
 * @example normalizePhone('8 90 1234567') // '+998901234567'
 * @example normalizePhone('123') // null
 */
export function normalizePhone(input: string): string | null {
  return parsePhone(input)?.e164 ?? null;
}

/** True when the input is an Uzbek phone number in any accepted spelling. */
export function isValidPhone(input: string): boolean {
  return nationalDigits(input) !== null;
}

/**
 * The number for display: "+998 90 123 45 67". Input that is not a valid number comes back as is.
 *
 * @example formatPhone('+998901234567') // '+998 90 123 45 67'
 */
export function formatPhone(input: string): string {
  const national = nationalDigits(input);
  if (national === null) return input;
  return `+${UZ_COUNTRY_CODE} ${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5, 7)} ${national.slice(7)}`;
}

/**
 * The digits to look for when a search box holds (part of) a phone number: separators removed and
 * a leading +998 / 00998 / 998 dropped, so the result can be matched against the stored national
 * part. Null when the query is not made of digits and separators, or has fewer than 3 digits.
 *
 * @example phoneSearchDigits('+998 90 123') // '90123'
 * @example phoneSearchDigits('45-67') // '4567'
 * @example phoneSearchDigits('Shuxrat') // null
 */
export function phoneSearchDigits(query: string): string | null {
  const compact = query.normalize('NFKC').replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith(`+${UZ_COUNTRY_CODE}`)) return null;
    digits = compact.slice(1 + UZ_COUNTRY_CODE.length);
  } else if (compact.startsWith(`00${UZ_COUNTRY_CODE}`)) {
    digits = compact.slice(2 + UZ_COUNTRY_CODE.length);
  } else if (compact.startsWith(UZ_COUNTRY_CODE) && compact.length > 9) {
    // Without a "+", a leading 998 is the country code only when the national part cannot
    // hold it all: 99 is itself an operator code.
    digits = compact.slice(UZ_COUNTRY_CODE.length);
  } else {
    digits = compact;
  }
  return digits.length >= 3 ? digits : null;
}
