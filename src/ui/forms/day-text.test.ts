import { describe, expect, it } from 'vitest';
import { formatDayText, parseDayText, yearOfDayText } from './day-text';

describe('dates typed day first', () => {
  it('reads every usual way of typing a day, day first', () => {
    for (const text of ['15.03.1985', '15031985', '15/03/1985', '15-03-1985', '15 03 1985', ' 15.3.1985 ', '1985-03-15']) {
      expect(parseDayText(text), text).toBe('1985-03-15');
    }
    expect(parseDayText('1.2.2001')).toBe('2001-02-01');
    expect(parseDayText('03121985')).toBe('1985-12-03');
  });

  it('refuses days that do not exist and half-typed text', () => {
    for (const text of ['31.02.1985', '29.02.2023', '15.13.1985', '00.01.2000', '1503198', '15.03.85', '', 'abc', '15.03']) {
      expect(parseDayText(text), text).toBeNull();
    }
    expect(parseDayText('29.02.2024')).toBe('2024-02-29');
  });

  it('shows a stored day as dd.mm.yyyy and finds the year in what was typed', () => {
    expect(formatDayText('1985-03-15')).toBe('15.03.1985');
    expect(formatDayText('nonsense')).toBe('nonsense');
    expect(yearOfDayText('15031985')).toBe('1985');
    expect(yearOfDayText('03.1985')).toBe('1985');
    expect(yearOfDayText('15.03')).toBe('');
  });
});
