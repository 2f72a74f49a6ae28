import type { AttendanceMark, TrainingSessionStatus } from './training.schema';

/**
 * The completion rule and the attendance figures behind it, pure. Counted sessions are the ones
 * that took place (status `planned` and marked for someone, or on a day already past) on or after
 * the day the learner joined; cancelled sessions and sessions that did not take place count for
 * nobody. Present and late count as attended; an excused absence is still an absence for the
 * percentage (the course's hours were not received) but never starts a run of "absent in a row".
 */

export interface SessionForRule {
  readonly id: string;
  readonly date: string;
  readonly status: TrainingSessionStatus;
  /** Whether anyone in the cohort has a mark for it. */
  readonly isMarked: boolean;
}

export interface AttendanceFigures {
  /** Sessions that count for this learner. */
  readonly counted: number;
  readonly attended: number;
  /** Counted sessions without a mark for this learner yet. */
  readonly unmarked: number;
  /** Whole percent, rounded down (79.9 is not 80); null before any session counted. */
  readonly percent: number | null;
  /** The longest run of consecutive unexcused absences. */
  readonly longestAbsenceRun: number;
  /** The run of unexcused absences ending with the latest counted session. */
  readonly currentAbsenceRun: number;
}

/** Three unexcused absences in a row flag the learner to the trainer. */
export const ABSENCE_RUN_FLAG = 3;

const ATTENDED: ReadonlySet<AttendanceMark> = new Set(['present', 'late']);

/**
 * @example attendanceFigures(sessions, new Map([['s1', 'present']]), '2027-01-10', '2027-02-01')
 */
export function attendanceFigures(
  sessions: readonly SessionForRule[],
  marks: ReadonlyMap<string, AttendanceMark>,
  joinedOn: string,
  today: string,
): AttendanceFigures {
  let counted = 0;
  let attended = 0;
  let unmarked = 0;
  let run = 0;
  let longestAbsenceRun = 0;
  const ordered = [...sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const session of ordered) {
    if (session.status !== 'planned' || session.date < joinedOn) continue;
    const mark = marks.get(session.id);
    if (mark === undefined && !session.isMarked && session.date >= today) continue;
    counted += 1;
    if (mark === undefined) {
      unmarked += 1;
      continue;
    }
    if (ATTENDED.has(mark)) {
      attended += 1;
      run = 0;
    } else if (mark === 'absent') {
      run += 1;
      longestAbsenceRun = Math.max(longestAbsenceRun, run);
    }
  }
  return { counted, attended, unmarked, percent: counted === 0 ? null : Math.floor((attended * 100) / counted), longestAbsenceRun, currentAbsenceRun: run };
}

export interface CompletionRule {
  readonly minAttendancePercent: number;
  /** Null: the course has no final assessment. */
  readonly passMark: number | null;
}

export type CompletionVerdict =
  | { readonly meetsRule: true }
  | { readonly meetsRule: false; readonly reason: 'attendance' | 'assessmentMissing' | 'assessmentFailed' | 'noSessions' };

/**
 * Whether a learner meets the course's rule: attendance at or above the minimum (exactly at it
 * passes) and, when the course has a final assessment, a score at or above the pass mark.
 *
 * @example completionVerdict({ counted: 10, attended: 8, … }, { minAttendancePercent: 80, passMark: null }, null) // { meetsRule: true }
 */
export function completionVerdict(figures: AttendanceFigures, rule: CompletionRule, assessmentScore: number | null): CompletionVerdict {
  if (figures.counted === 0) return { meetsRule: false, reason: 'noSessions' };
  // Compare in integers: attended / counted ≥ min / 100.
  if (figures.attended * 100 < rule.minAttendancePercent * figures.counted) return { meetsRule: false, reason: 'attendance' };
  if (rule.passMark !== null) {
    if (assessmentScore === null) return { meetsRule: false, reason: 'assessmentMissing' };
    if (assessmentScore < rule.passMark) return { meetsRule: false, reason: 'assessmentFailed' };
  }
  return { meetsRule: true };
}

/** Below the threshold so far, or absent three times in a row: the trainer should call. */
export function isAtRisk(figures: AttendanceFigures, rule: CompletionRule): boolean {
  if (figures.currentAbsenceRun >= ABSENCE_RUN_FLAG) return true;
  return figures.counted > 0 && figures.attended * 100 < rule.minAttendancePercent * figures.counted;
}
