import { describe, expect, it } from 'vitest';
import { formatPhone, isValidPhone, normalizePhone, parsePhone, phoneSearchDigits } from './phone';

describe('normalizePhone', () => {
  it.each([
    '90 123 45 67',
    '901234567',
    '+998 (90) 123-45-67',
    '+998901234567',
    '998901234567',
    '998 90 123 45 67',
    '00998 90 123 45 67',
    '8 90 1234567',
    '8(90)123-45-67',
    '(90) 123.45.67',
    ' +998\u00A090\u00A0123\u00A045\u00A067 ',
    '＋９９８９０１２３４５６７', // full-width, from some input methods
  ])('reads %s as +998901234567', (input) => {
    expect(normalizePhone(input)).toBe('+998901234567');
    expect(isValidPhone(input)).toBe(true);
  });

  it.each([
    '',
    '123',
    '12345678', // 8 digits
    '9012345678', // 10 digits without the trunk 8
    '+7 901 234 56 78', // another country
    '+99890123456', // 8 national digits
    '+9989012345678', // 10 national digits
    '012345678', // national numbers do not start with 0
    '112345678', // … or 1
    '90 123 45 67 ext 2',
    '90-123-45-6a',
    "'; DROP TABLE clients; --",
    '9'.repeat(10_000),
  ])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
    expect(isValidPhone(input)).toBe(false);
  });

  it('keeps an 88 operator code (not mistaken for the trunk prefix) and strips the trunk before it', () => {
    expect(normalizePhone('88 123 45 67')).toBe('+998881234567');
    expect(normalizePhone('8 88 123 45 67')).toBe('+998881234567');
  });

  it('accepts landline numbers', () => {
    expect(normalizePhone('(71) 233-45-67')).toBe('+998712334567');
    expect(normalizePhone('+998 66 233 45 67')).toBe('+998662334567');
  });
});

describe('parsePhone', () => {
  it('tells mobile, landline and unknown codes apart without refusing unknown ones', () => {
    expect(parsePhone('+998 (90) 123-45-67')).toEqual({ e164: '+998901234567', national: '901234567', kind: 'mobile' });
    expect(parsePhone('33 123 45 67')?.kind).toBe('mobile');
    expect(parsePhone('71 233 45 67')?.kind).toBe('landline');
    expect(parsePhone('41 233 45 67')).toEqual({ e164: '+998412334567', national: '412334567', kind: 'unknown' });
    expect(parsePhone('nonsense')).toBeNull();
  });
});

describe('formatPhone', () => {
  it('groups the digits the way they are spoken', () => {
    expect(formatPhone('+998901234567')).toBe('+998 90 123 45 67');
    expect(formatPhone('8 90 1234567')).toBe('+998 90 123 45 67');
  });

  it('returns invalid input unchanged (shown verbatim, never guessed)', () => {
    expect(formatPhone('12-34')).toBe('12-34');
  });
});

describe('phoneSearchDigits', () => {
  it.each([
    ['+998 90 123', '90123'],
    ['+998901234567', '901234567'],
    ['998901234567', '901234567'],
    ['00998 90 123 45 67', '901234567'],
    ['45-67', '4567'],
    ['998 90', '99890'], // short: 99 is an operator code, so 998 stays
    ['123', '123'],
  ])('%s → %s', (query, digits) => {
    expect(phoneSearchDigits(query)).toBe(digits);
  });

  it.each(['Shuxrat', '12', '+7 901', '+998 9', '90 12a', ''])('is null for %s', (query) => {
    expect(phoneSearchDigits(query)).toBeNull();
  });
});
