import { describe, expect, it } from 'vitest';
import { isValidPinfl, makePinfl, parsePinfl, pinflCheckDigit, pinflWarnings } from './pinfl';

describe('pinflCheckDigit', () => {
  it('follows the worked example of the issue: 3250590012345 → 9', () => {
    // 3·7 + 2·3 + 5·1 + 0·7 + 5·3 + 9·1 + 0·7 + 0·3 + 1·1 + 2·7 + 3·3 + 4·1 + 5·7 = 119 → 9
    expect(pinflCheckDigit('3250590012345')).toBe(9);
  });

  it('matches hand-computed sums for other numbers', () => {
    // 6·7 + 3·3 + 1·1 + 1·7 + 2·3 + 0 + 5·7 + 0 + 0 + 0 + 0 + 0 + 7·7 = 149 → 9
    expect(pinflCheckDigit('6311205000007')).toBe(9);
    // 1·7 + 0 + 1·1 + 0 + 1·3 + 9·1 + 9·7 + 0… = 83 → 3
    expect(pinflCheckDigit('1010199000000')).toBe(3);
    expect(pinflCheckDigit('0000000000000')).toBe(0);
  });

  it('refuses anything but 13 digits', () => {
    expect(() => pinflCheckDigit('325059001234')).toThrow(RangeError);
    expect(() => pinflCheckDigit('325059001234a')).toThrow(RangeError);
  });
});

describe('parsePinfl', () => {
  it('reads sex, century and date of birth from the worked example', () => {
    expect(parsePinfl('32505900123459')).toEqual({
      isWellFormed: true,
      isCheckDigitValid: true,
      sex: 'male',
      birthDate: '1990-05-25',
    });
  });

  it('reads each century digit', () => {
    expect(parsePinfl('10101990000003')).toMatchObject({ sex: 'male', birthDate: '1899-01-01', isCheckDigitValid: true });
    expect(parsePinfl(makePinfl('female', '1850-07-15', 1))).toMatchObject({ sex: 'female', birthDate: '1850-07-15' });
    expect(parsePinfl(makePinfl('male', '1901-02-28', 1))).toMatchObject({ sex: 'male', birthDate: '1901-02-28' });
    expect(parsePinfl('42505900123451').sex).toBe('female');
    expect(parsePinfl('63112050000079')).toMatchObject({ sex: 'female', birthDate: '2005-12-31', isCheckDigitValid: true });
    expect(parsePinfl(makePinfl('male', '2020-02-29', 999_999))).toMatchObject({ sex: 'male', birthDate: '2020-02-29' });
  });

  it('flags a wrong check digit without losing the rest', () => {
    expect(parsePinfl('32505900123458')).toEqual({
      isWellFormed: true,
      isCheckDigitValid: false,
      sex: 'male',
      birthDate: '1990-05-25',
    });
  });

  it('gives a null date for impossible days and unknown century digits', () => {
    expect(parsePinfl('33102900000000').birthDate).toBeNull(); // 31 February
    expect(parsePinfl('32902230000000').birthDate).toBeNull(); // 29 February 2023 (not a leap year)
    expect(parsePinfl('32902240000000').birthDate).toBe('1924-02-29');
    expect(parsePinfl('30013900000000').birthDate).toBeNull(); // month 13 → day 00
    expect(parsePinfl('72505900123450')).toMatchObject({ sex: null, birthDate: null });
    expect(parsePinfl('02505900123450')).toMatchObject({ sex: null, birthDate: null });
  });

  it('is not well formed unless exactly 14 digits', () => {
    for (const bad of ['', '3250590012345', '325059001234590', '3250590012345a', '３２５０５９００１２３４５９']) {
      expect(parsePinfl(bad)).toEqual({ isWellFormed: false, isCheckDigitValid: false, sex: null, birthDate: null });
    }
  });

  it('ignores spaces and dashes people type between groups', () => {
    expect(parsePinfl('3 250590 012345 9').isCheckDigitValid).toBe(true);
    expect(isValidPinfl('3250590-0123459')).toBe(true);
    expect(isValidPinfl('32505900123458')).toBe(false);
  });
});

describe('pinflWarnings', () => {
  it('is empty when everything agrees', () => {
    expect(pinflWarnings('32505900123459', { birthDate: '1990-05-25', sex: 'male' })).toEqual([]);
    expect(pinflWarnings('32505900123459')).toEqual([]);
  });

  it('warns about a wrong check digit', () => {
    expect(pinflWarnings('32505900123450', { birthDate: '1990-05-25', sex: 'male' })).toEqual(['checkDigit']);
  });

  it('warns when the PINFL contradicts the typed date of birth or sex', () => {
    expect(pinflWarnings('32505900123459', { birthDate: '1990-05-26', sex: 'male' })).toEqual(['birthDateMismatch']);
    expect(pinflWarnings('32505900123459', { birthDate: '1990-05-25', sex: 'female' })).toEqual(['sexMismatch']);
    expect(pinflWarnings('32505900123458', { birthDate: '1991-05-25', sex: 'female' })).toEqual([
      'checkDigit',
      'birthDateMismatch',
      'sexMismatch',
    ]);
  });

  it('warns about impossible dates (and does not then claim a mismatch)', () => {
    const feb31 = `3310290000000${pinflCheckDigit('3310290000000')}`;
    expect(pinflWarnings(feb31, { birthDate: '1990-02-28' })).toEqual(['impossibleDate']);
    const unknownCentury = `8250590012345${pinflCheckDigit('8250590012345')}`;
    expect(pinflWarnings(unknownCentury, { birthDate: '1990-05-25', sex: 'male' })).toEqual(['impossibleDate']);
  });

  it('treats a birth date after today as impossible', () => {
    const future = makePinfl('female', '2030-01-01', 5);
    expect(pinflWarnings(future, { today: '2026-11-25' })).toEqual(['impossibleDate']);
    expect(pinflWarnings(future, { today: '2030-01-01' })).toEqual([]);
  });

  it('leaves malformed input to the schema', () => {
    expect(pinflWarnings('1234')).toEqual([]);
  });
});

describe('makePinfl', () => {
  it('reproduces the worked example', () => {
    expect(makePinfl('male', '1990-05-25', 12345)).toBe('32505900123459');
  });

  it('round-trips through parsePinfl for many dates, sexes and serials', () => {
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 2000; i += 1) {
      const sex = next(2) === 0 ? 'male' : 'female';
      const year = 1850 + next(240);
      const day = new Date(Date.UTC(year, 0, 1 + next(365)));
      const iso = day.toISOString().slice(0, 10);
      const pinfl = makePinfl(sex, iso, next(1_000_000));
      expect(pinfl).toMatch(/^\d{14}$/);
      expect(parsePinfl(pinfl)).toEqual({ isWellFormed: true, isCheckDigitValid: true, sex, birthDate: iso });
    }
  });

  it('refuses impossible input', () => {
    expect(() => makePinfl('male', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makePinfl('male', '1790-01-01', 1)).toThrow(RangeError);
    expect(() => makePinfl('male', '2100-01-01', 1)).toThrow(RangeError);
    expect(() => makePinfl('male', '25.05.1990', 1)).toThrow(RangeError);
    expect(() => makePinfl('male', '1990-05-25', 1_000_000)).toThrow(RangeError);
    expect(() => makePinfl('male', '1990-05-25', 1.5)).toThrow(RangeError);
  });
});
