import { describe, expect, it } from 'vitest';
import type { AttendanceMark } from './training.schema';
import { attendanceFigures, completionVerdict, isAtRisk, type SessionForRule } from './training.completion';

const TEN: SessionForRule[] = Array.from({ length: 10 }, (_, index) => ({
  id: `s${index + 1}`,
  date: `2027-01-${String(index + 10).padStart(2, '0')}`,
  status: 'planned',
  isMarked: true,
}));
const AFTER = '2027-02-01';
const marksOf = (...list: (AttendanceMark | undefined)[]) =>
  new Map(list.flatMap((mark, index) => (mark === undefined ? [] : [[`s${index + 1}`, mark] as const])));
const rule = { minAttendancePercent: 80, passMark: null };

describe('attendance figures and the completion rule', () => {
  it('passes exactly at the threshold and fails one session short', () => {
    const atThreshold = attendanceFigures(TEN, marksOf('present', 'present', 'late', 'present', 'present', 'present', 'present', 'present', 'absent', 'excused'), '2027-01-01', AFTER);
    expect(atThreshold).toMatchObject({ counted: 10, attended: 8, percent: 80 });
    expect(completionVerdict(atThreshold, rule, null)).toEqual({ meetsRule: true });
    const oneShort = attendanceFigures(TEN, marksOf('present', 'present', 'late', 'present', 'present', 'present', 'present', 'absent', 'absent', 'excused'), '2027-01-01', AFTER);
    expect(oneShort).toMatchObject({ counted: 10, attended: 7, percent: 70 });
    expect(completionVerdict(oneShort, rule, null)).toEqual({ meetsRule: false, reason: 'attendance' });
  });

  it('compares exactly, never through a rounded percentage', () => {
    // 2 of 3 is 66.67%: below a 67% minimum, at a 66% one.
    const three = TEN.slice(0, 3);
    const figures = attendanceFigures(three, marksOf('present', 'present', 'absent'), '2027-01-01', AFTER);
    expect(figures.percent).toBe(66);
    expect(completionVerdict(figures, { minAttendancePercent: 67, passMark: null }, null).meetsRule).toBe(false);
    expect(completionVerdict(figures, { minAttendancePercent: 66, passMark: null }, null).meetsRule).toBe(true);
  });

  it('does not count sessions before a late joiner joined, nor cancelled ones or ones that did not take place', () => {
    const sessions = TEN.map((session, index) => (index === 6 ? { ...session, status: 'cancelled' as const } : index === 7 ? { ...session, status: 'notHeld' as const } : session));
    // Joined on the 13th (s4): s4..s10 minus s7, s8 = 5 counted, 4 attended = 80%.
    const figures = attendanceFigures(sessions, marksOf(undefined, undefined, undefined, 'present', 'present', 'present', undefined, undefined, 'present', 'absent'), '2027-01-13', AFTER);
    expect(figures).toMatchObject({ counted: 5, attended: 4, unmarked: 0, percent: 80 });
    expect(completionVerdict(figures, rule, null)).toEqual({ meetsRule: true });
  });

  it('counts a past session nobody marked as not yet marked, and ignores future ones', () => {
    const sessions = TEN.map((session, index) => ({ ...session, isMarked: index < 5 }));
    const figures = attendanceFigures(sessions, marksOf('present', 'present', 'present', 'present', 'present'), '2027-01-01', '2027-01-16');
    // s6 (15th) is past and unmarked; s7 (16th, today) onwards not yet counted.
    expect(figures).toMatchObject({ counted: 6, attended: 5, unmarked: 1, percent: 83 });
  });

  it('needs the final assessment at or above the pass mark when the course has one', () => {
    const figures = attendanceFigures(TEN, marksOf(...Array<AttendanceMark>(10).fill('present')), '2027-01-01', AFTER);
    const assessed = { minAttendancePercent: 80, passMark: 60 };
    expect(completionVerdict(figures, assessed, null)).toEqual({ meetsRule: false, reason: 'assessmentMissing' });
    expect(completionVerdict(figures, assessed, 59)).toEqual({ meetsRule: false, reason: 'assessmentFailed' });
    expect(completionVerdict(figures, assessed, 60)).toEqual({ meetsRule: true });
    expect(completionVerdict(attendanceFigures([], new Map(), '2027-01-01', AFTER), rule, null)).toEqual({ meetsRule: false, reason: 'noSessions' });
  });

  it('flags three unexcused absences in a row; an excused absence neither breaks nor extends the run', () => {
    const flagged = attendanceFigures(TEN.slice(0, 5), marksOf('present', 'absent', 'excused', 'absent', 'absent'), '2027-01-01', AFTER);
    expect(flagged).toMatchObject({ currentAbsenceRun: 3, longestAbsenceRun: 3 });
    expect(isAtRisk(flagged, { minAttendancePercent: 10, passMark: null })).toBe(true);
    const recovered = attendanceFigures(TEN.slice(0, 6), marksOf('absent', 'absent', 'absent', 'present', 'present', 'present'), '2027-01-01', AFTER);
    expect(recovered).toMatchObject({ currentAbsenceRun: 0, longestAbsenceRun: 3, percent: 50 });
    expect(isAtRisk(recovered, { minAttendancePercent: 50, passMark: null })).toBe(false);
    expect(isAtRisk(recovered, rule)).toBe(true);
  });
});
