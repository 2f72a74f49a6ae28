import { describe, expect, it } from 'vitest';
import { addDays, generateSchedule, isoWeekday, sessionsNeeded, type HolidayCalendar } from './training.schedule';

const NONE: HolidayCalendar = { dates: new Set(), monthDays: new Set() };
const UZ: HolidayCalendar = { dates: new Set(['2027-03-10']), monthDays: new Set(['01-01', '03-08', '03-21', '05-09', '09-01', '10-01', '12-08']) };
const rule = (overrides: Partial<Parameters<typeof generateSchedule>[0]> = {}) => ({
  startsOn: '2027-03-01',
  weekdays: [1, 3, 5],
  startTime: '10:00',
  durationMinutes: 120,
  ...overrides,
});

describe('the cohort schedule generator', () => {
  it('knows its calendar: weekdays, month and year ends, leap days', () => {
    expect(isoWeekday('2027-03-01')).toBe(1);
    expect(isoWeekday('2027-03-07')).toBe(7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(sessionsNeeded(72, 120)).toBe(36);
    expect(sessionsNeeded(10, 90)).toBe(7);
  });

  it('places sessions on the chosen weekdays from the first day until the hours are covered', () => {
    const schedule = generateSchedule(rule(), 12, NONE, 400);
    expect(schedule?.sessions.map((session) => session.date)).toEqual(['2027-03-01', '2027-03-03', '2027-03-05', '2027-03-08', '2027-03-10', '2027-03-12']);
    expect(schedule?.sessions.map((session) => session.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(schedule?.sessions.every((session) => session.startTime === '10:00' && session.durationMinutes === 120)).toBe(true);
    expect(schedule?.skippedHolidays).toEqual([]);
  });

  it('skips yearly and one-off holidays that fall on a teaching day and adds a session at the end instead', () => {
    const schedule = generateSchedule(rule(), 12, UZ, 400);
    // 8 March (Monday, Women's Day) and 10 March (a one-off Hayit day) are skipped; Navruz falls on a Sunday.
    expect(schedule?.skippedHolidays).toEqual(['2027-03-08', '2027-03-10']);
    expect(schedule?.sessions.map((session) => session.date)).toEqual(['2027-03-01', '2027-03-03', '2027-03-05', '2027-03-12', '2027-03-15', '2027-03-17']);
    const overNavruz = generateSchedule(rule({ startsOn: '2027-03-19', weekdays: [7, 1] }), 4, UZ, 400);
    expect(overNavruz?.skippedHolidays).toEqual(['2027-03-21']);
    expect(overNavruz?.sessions.map((session) => session.date)).toEqual(['2027-03-22', '2027-03-28']);
  });

  it('starts on the first teaching day on or after the start date, and covers odd hours with one more session', () => {
    // 2027-03-02 is a Tuesday; the first Saturday after it is the 6th.
    const schedule = generateSchedule(rule({ startsOn: '2027-03-02', weekdays: [6], durationMinutes: 90 }), 4, NONE, 400);
    expect(schedule?.sessions.map((session) => session.date)).toEqual(['2027-03-06', '2027-03-13', '2027-03-20']);
  });

  it('gives up instead of looping when the hours need too many sessions or every day is a holiday', () => {
    expect(generateSchedule(rule({ durationMinutes: 15 }), 2000, NONE, 400)).toBeNull();
    const everyDay = new Set<string>();
    for (let date = '2027-01-01'; date < '2028-01-01'; date = addDays(date, 1)) everyDay.add(date.slice(5));
    everyDay.add('02-29');
    expect(generateSchedule(rule(), 12, { dates: new Set(), monthDays: everyDay }, 400)).toBeNull();
  });
});
