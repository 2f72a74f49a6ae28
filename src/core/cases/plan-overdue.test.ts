import { describe, expect, it } from 'vitest';
import { AppError } from '../api/errors';
import { assertPastDate, daysBetween, localCalendarDate } from '../calendar/calendar';
import { daysOverdue, isPlanItemOverdue, sortOverdue } from './plan-overdue';

describe('plan item overdue rules', () => {
  const today = '2026-11-25';

  it('counts planned and in-progress items due before today as overdue', () => {
    expect(isPlanItemOverdue({ status: 'planned', dueDate: '2026-11-24' }, today)).toBe(true);
    expect(isPlanItemOverdue({ status: 'inProgress', dueDate: '2025-01-01' }, today)).toBe(true);
  });

  it('does not count items due today or later', () => {
    expect(isPlanItemOverdue({ status: 'planned', dueDate: today }, today)).toBe(false);
    expect(isPlanItemOverdue({ status: 'planned', dueDate: '2026-12-01' }, today)).toBe(false);
  });

  it('never counts done or cancelled items, however old', () => {
    expect(isPlanItemOverdue({ status: 'done', dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isPlanItemOverdue({ status: 'cancelled', dueDate: '2020-01-01' }, today)).toBe(false);
  });

  it('counts days across month ends and leap days', () => {
    expect(daysOverdue({ status: 'planned', dueDate: '2024-02-28' }, '2024-03-01')).toBe(2);
    expect(daysOverdue({ status: 'planned', dueDate: '2026-11-20' }, today)).toBe(5);
    expect(daysOverdue({ status: 'done', dueDate: '2026-11-20' }, today)).toBe(0);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
  });

  it('sorts the most overdue first', () => {
    const sorted = sortOverdue([
      { id: 'b', daysOverdue: 3 },
      { id: 'a', daysOverdue: 12 },
      { id: 'c', daysOverdue: 3 },
    ]);
    expect(sorted.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('calendar dates', () => {
  it('uses the local day, not the UTC one', () => {
    expect(localCalendarDate(new Date(2026, 10, 25, 23, 59))).toBe('2026-11-25');
    expect(localCalendarDate(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });

  it('refuses future and implausibly old dates as INVALID_INPUT with the field path', () => {
    expect(() => assertPastDate('2026-11-25', '2026-11-25', ['deliveredOn'])).not.toThrow();
    const future = (() => {
      try {
        assertPastDate('2026-11-26', '2026-11-25', ['deliveredOn']);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(future).toBeInstanceOf(AppError);
    expect(future).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: ['deliveredOn'], code: 'future_date' }] } });
    expect(() => assertPastDate('1989-12-31', '2026-11-25', ['x'])).toThrow(AppError);
  });
});
