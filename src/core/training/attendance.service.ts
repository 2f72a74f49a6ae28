import type { ReadContext, WriteContext } from '../api/context';
import { localCalendarDate } from '../calendar/calendar';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { mustFindCohort, requireCohortTrainer } from './cohorts.service';
import { mustFindCourse } from './courses.service';
import { markActive } from './enrollment.service';
import { attendanceFigures, isAtRisk, type AttendanceFigures } from './training.completion';
import { trainingError } from './training.errors';
import { TRAINING_ATTENDANCE_OUTBOX } from './training.outbox';
import { findSession, listCohortMarks, listEnrollments, listSessions } from './training.repository';
import type { AttendanceMark, Enrollment, EnrollmentStage, ExcuseReason, TrainingSession } from './training.schema';

/**
 * Attendance: one sheet per session, a row per learner; a save writes the marks given (a
 * correction overwrites one, the audit keeps who changed what) and sends each learner's totals.
 */

/** Learners who are marked: those holding a place. Applicants, the waitlist and withdrawn learners are not. */
const MARKED_STAGES: ReadonlySet<EnrollmentStage> = new Set(['enrolled', 'active', 'completed', 'incomplete']);

export interface SheetRow {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly learnerName: string;
  readonly stage: EnrollmentStage;
  readonly mark: AttendanceMark | null;
  readonly excuse: ExcuseReason | null;
  /** Joined after this session's day: not marked and not counted. */
  readonly isBeforeJoining: boolean;
  readonly figures: AttendanceFigures;
  /** Below the course's minimum so far, or three unexcused absences in a row. */
  readonly isAtRisk: boolean;
}

export interface AttendanceSheet {
  readonly session: TrainingSession;
  readonly cohortId: string;
  readonly minAttendancePercent: number;
  readonly rows: readonly SheetRow[];
}

async function figuresByEnrollment(db: ReadDb, cohortId: string, enrollments: readonly Enrollment[], today: string) {
  const sessions = await listSessions(db, cohortId);
  const marks = await listCohortMarks(db, cohortId);
  const forRule = sessions.map((session) => ({ id: session.id, date: session.date, status: session.status, isMarked: session.markedCount > 0 }));
  const result = new Map<string, { figures: AttendanceFigures; marks: Map<string, { mark: AttendanceMark; excuse: ExcuseReason | null }> }>();
  for (const enrollment of enrollments) {
    const own = new Map(marks.filter((mark) => mark.enrollmentId === enrollment.id).map((mark) => [mark.sessionId, { mark: mark.mark, excuse: mark.excuse }]));
    const figures = attendanceFigures(forRule, new Map([...own].map(([sessionId, value]) => [sessionId, value.mark])), enrollment.joinedOn, today);
    result.set(enrollment.id, { figures, marks: own });
  }
  return { sessions, result };
}

/** @example await attendanceSheet(ctx.db, sessionId, today) */
export async function attendanceSheet(db: ReadDb, sessionId: string, today: string): Promise<AttendanceSheet> {
  const row = await findSession(db, sessionId);
  if (row === null) throw trainingError('NOT_FOUND', 'trainingSession', { id: sessionId });
  const cohort = await mustFindCohort(db, row.cohort_id);
  const course = await mustFindCourse(db, cohort.courseId);
  const enrollments = (await listEnrollments(db, cohort.id)).filter((enrollment) => MARKED_STAGES.has(enrollment.stage));
  const { sessions, result } = await figuresByEnrollment(db, cohort.id, enrollments, today);
  const session = sessions.find((candidate) => candidate.id === sessionId);
  if (session === undefined) throw trainingError('NOT_FOUND', 'trainingSession', { id: sessionId });
  const rule = { minAttendancePercent: course.minAttendancePercent, passMark: course.passMark };
  return {
    session,
    cohortId: cohort.id,
    minAttendancePercent: course.minAttendancePercent,
    rows: enrollments.map((enrollment) => {
      const entry = result.get(enrollment.id);
      const own = entry?.marks.get(sessionId);
      const figures = entry?.figures ?? attendanceFigures([], new Map(), enrollment.joinedOn, today);
      return {
        enrollmentId: enrollment.id,
        clientId: enrollment.clientId,
        learnerName: enrollment.learnerName,
        stage: enrollment.stage,
        mark: own?.mark ?? null,
        excuse: own?.excuse ?? null,
        isBeforeJoining: session.date < enrollment.joinedOn,
        figures,
        isAtRisk: isAtRisk(figures, rule),
      };
    }),
  };
}

/**
 * `training.recordAttendance`: marks for some or all learners of one session that has taken place
 * (today or earlier, not cancelled, not "did not take place"), by one of the cohort's trainers.
 *
 * @example await recordAttendance(w, { sessionId, marks: [{ enrollmentId, mark: 'present', excuse: null }] });
 */
export async function recordAttendance(
  w: WriteContext,
  input: { readonly sessionId: string; readonly marks: readonly { readonly enrollmentId: string; readonly mark: AttendanceMark; readonly excuse: ExcuseReason | null }[] },
): Promise<AttendanceSheet> {
  const row = await findSession(w.trx, input.sessionId);
  if (row === null) throw trainingError('NOT_FOUND', 'trainingSession', { id: input.sessionId });
  const cohort = await mustFindCohort(w.trx, row.cohort_id);
  await requireCohortTrainer(w, cohort);
  if (row.status !== 'planned') throw trainingError('CONFLICT', 'sessionNotPlanned', { status: row.status });
  const today = localCalendarDate(w.now);
  if (row.date > today) throw trainingError('CONFLICT', 'sessionInFuture', { date: row.date });
  const enrollments = new Map((await listEnrollments(w.trx, cohort.id)).map((enrollment) => [enrollment.id, enrollment]));
  const existing = new Map((await listCohortMarks(w.trx, cohort.id)).filter((mark) => mark.sessionId === row.id).map((mark) => [mark.enrollmentId, mark]));
  const at = w.now.toISOString();
  let changed = 0;
  for (const [index, entry] of input.marks.entries()) {
    const enrollment = enrollments.get(entry.enrollmentId);
    if (enrollment === undefined) throw trainingError('CONFLICT', 'learnerNotInCohort', { field: `marks.${index}.enrollmentId` });
    if (!MARKED_STAGES.has(enrollment.stage) || row.date < enrollment.joinedOn) {
      throw trainingError('CONFLICT', 'learnerNotEnrolled', { field: `marks.${index}.mark`, stage: enrollment.stage });
    }
    const before = existing.get(entry.enrollmentId);
    if (before !== undefined && before.mark === entry.mark && before.excuse === entry.excuse) continue;
    changed += 1;
    if (before === undefined) {
      await w.trx
        .insertInto('training_attendance')
        .values({ id: newId(w.now.getTime()), session_id: row.id, enrollment_id: entry.enrollmentId, mark: entry.mark, excuse: entry.excuse, recorded_by: w.actor.userId, recorded_at: at })
        .execute();
    } else {
      await w.trx
        .updateTable('training_attendance')
        .set({ mark: entry.mark, excuse: entry.excuse, recorded_by: w.actor.userId, recorded_at: at })
        .where('session_id', '=', row.id)
        .where('enrollment_id', '=', entry.enrollmentId)
        .execute();
    }
    if (entry.mark === 'present' || entry.mark === 'late') await markActive(w, enrollment);
  }
  if (changed > 0) {
    await w.audit({
      entityType: 'trainingSession',
      entityId: row.id,
      details: { cohortId: cohort.id, marks: changed, corrected: input.marks.filter((entry) => existing.has(entry.enrollmentId)).length },
    });
    await sendTotals(w, cohort.id, input.marks.map((entry) => entry.enrollmentId), today);
  }
  return attendanceSheet(w.trx, row.id, today);
}

async function sendTotals(w: WriteContext, cohortId: string, enrollmentIds: readonly string[], today: string): Promise<void> {
  const wanted = new Set(enrollmentIds);
  const enrollments = (await listEnrollments(w.trx, cohortId)).filter((enrollment) => wanted.has(enrollment.id));
  const { result } = await figuresByEnrollment(w.trx, cohortId, enrollments, today);
  for (const enrollment of enrollments) {
    const entry = result.get(enrollment.id);
    if (entry === undefined) continue;
    const excused = [...entry.marks.values()].filter((mark) => mark.mark === 'excused').length;
    await w.outbox({
      spec: TRAINING_ATTENDANCE_OUTBOX,
      entityId: enrollment.id,
      op: 'upsert',
      data: { cohortId, clientId: enrollment.clientId, countedSessions: entry.figures.counted, attendedSessions: entry.figures.attended, excusedSessions: excused },
    });
  }
}

/** For reads: the sheet as of the center's today. */
export function readSheet(ctx: ReadContext, sessionId: string): Promise<AttendanceSheet> {
  return attendanceSheet(ctx.db, sessionId, localCalendarDate(ctx.now));
}
