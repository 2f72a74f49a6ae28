import { describe, expect, it } from 'vitest';
import { calendarOf, keptBackups, type RotatedBackup } from './backup-rotation';

/** One backup a day at 20:00 Tashkent (15:00 UTC), `days` days back from 2026-12-04. */
function dailyBackups(days: number): RotatedBackup[] {
  const end = Date.UTC(2026, 11, 4, 15, 0, 0);
  return Array.from({ length: days }, (_, i) => {
    const createdAt = new Date(end - i * 86_400_000);
    return { name: createdAt.toISOString().slice(0, 10), createdAt };
  });
}

describe('backup rotation (7 daily, 4 weekly, 12 monthly)', () => {
  it('counts days, ISO weeks and months in Tashkent time', () => {
    // 23:30 UTC on 31 December is already 1 January in Tashkent, in ISO week 1 of 2027 (a Friday).
    expect(calendarOf(new Date('2026-12-31T23:30:00Z'), 300)).toEqual({ day: '2027-01-01', week: '2026-W53', month: '2027-01' });
    expect(calendarOf(new Date('2026-12-04T10:00:00Z'), 300)).toEqual({ day: '2026-12-04', week: '2026-W49', month: '2026-12' });
    expect(calendarOf(new Date('2027-01-04T10:00:00Z'), 300).week).toBe('2027-W01');
    expect(calendarOf(new Date('2026-01-01T10:00:00Z'), 300).week).toBe('2026-W01');
  });

  it('keeps a year of daily backups as 7 days, 4 weeks and 12 months', () => {
    const kept = [...keptBackups(dailyBackups(400))].sort();
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    // The newest of each week: Sundays (the week of 4 December is still running: its newest is the 4th).
    const weeks = ['2026-11-15', '2026-11-22', '2026-11-29', '2026-12-04'];
    // The newest of each month: the last day of the eleven months before December, and 4 December.
    const months = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-04'];
    expect(kept).toEqual([...new Set([...days, ...weeks, ...months])].sort());
    expect(kept).toHaveLength(7 + 2 + 10);
  });

  it('keeps the newest of several backups on one day, and everything when there are few', () => {
    const sameDay: RotatedBackup[] = [
      { name: 'morning', createdAt: new Date('2026-12-04T04:00:00Z') },
      { name: 'noon', createdAt: new Date('2026-12-04T07:00:00Z') },
      { name: 'evening', createdAt: new Date('2026-12-04T15:00:00Z') },
    ];
    expect([...keptBackups(sameDay)]).toEqual(['evening']);
    expect(keptBackups(dailyBackups(5)).size).toBe(5);
    expect(keptBackups([]).size).toBe(0);
  });

  it('counts only days that have a backup: a month without any keeps older ones', () => {
    const sparse: RotatedBackup[] = [
      { name: 'dec', createdAt: new Date('2026-12-04T10:00:00Z') },
      { name: 'jun', createdAt: new Date('2026-06-10T10:00:00Z') },
      { name: 'jun-early', createdAt: new Date('2026-06-01T10:00:00Z') },
      { name: 'jan', createdAt: new Date('2026-01-10T10:00:00Z') },
    ];
    expect([...keptBackups(sparse)].sort()).toEqual(['dec', 'jan', 'jun', 'jun-early']);
    expect([...keptBackups(sparse, { daily: 1, weekly: 1, monthly: 2, utcOffsetMinutes: 300 })].sort()).toEqual(['dec', 'jun']);
  });
});
