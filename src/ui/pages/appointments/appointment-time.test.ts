import { describe, expect, it } from 'vitest';
import { localDayAndTime, localInstant, nextHalfHour, parseTimeText } from './appointment-time';

describe('appointment times', () => {
  it('reads the ways people type a time, and nothing that is not one', () => {
    expect(['09:30', '9:30', '0930', '9.30', '9 30'].map(parseTimeText)).toEqual(['09:30', '09:30', '09:30', '09:30', '09:30']);
    expect(parseTimeText('14')).toBe('14:00');
    expect(['24:00', '12:60', 'ab', '', '1:2:3'].map(parseTimeText)).toEqual([null, null, null, null, null]);
  });

  it('turns a local day and time into an instant with the offset, and back', () => {
    const instant = localInstant('2026-11-26', '10:05');
    expect(instant).toMatch(/^2026-11-26T10:05:00[+-]\d{2}:\d{2}$/);
    expect(localDayAndTime(new Date(instant))).toEqual({ day: '2026-11-26', time: '10:05' });
  });

  it('proposes the next half hour', () => {
    expect(localDayAndTime(nextHalfHour(new Date(2026, 10, 26, 9, 10)))).toEqual({ day: '2026-11-26', time: '09:30' });
    expect(localDayAndTime(nextHalfHour(new Date(2026, 10, 26, 9, 30)))).toEqual({ day: '2026-11-26', time: '10:00' });
    expect(localDayAndTime(nextHalfHour(new Date(2026, 10, 26, 23, 45)))).toEqual({ day: '2026-11-27', time: '00:00' });
  });
});
