import type { WriteContext } from '../api/context';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { mustFindCourse } from './courses.service';
import { trainingError } from './training.errors';
import { TRAINING_COHORT_OUTBOX } from './training.outbox';
import { findCohort, findSession, holidayCalendar, listEnrollments, listSessions } from './training.repository';
import { generateSchedule } from './training.schedule';
import { MAX_COHORT_SESSIONS, type Cohort, type CohortDetail, type ScheduleRule, type TrainingSession, type TrainingSessionStatus } from './training.schema';

/**
 * Cohorts: a course run at the center by its trainers, with the sessions generated from the
 * schedule rule (holidays skipped). Single sessions are moved or cancelled afterwards; a session
 * that did not take place is marked so, apart from one not yet marked.
 */

export interface CreateCohortRequest {
  readonly courseId: string;
  readonly trainerIds: readonly string[];
  readonly place: string;
  readonly capacity: number;
  readonly schedule: ScheduleRule;
}

async function requireTrainers(db: ReadDb, ids: readonly string[]): Promise<void> {
  const rows = await db.selectFrom('staff').select(['id', 'role', 'is_active']).where('id', 'in', ids).execute();
  for (const [index, id] of ids.entries()) {
    const row = rows.find((candidate) => candidate.id === id);
    if (row === undefined || row.role !== 'trainer' || row.is_active !== 1) throw trainingError('CONFLICT', 'notATrainer', { field: `trainerIds.${index}` });
  }
}

/** @example await createCohort(w, { courseId, trainerIds: [me], place: 'Room 2', capacity: 15, schedule: { startsOn, weekdays: [1, 3], startTime: '14:00', durationMinutes: 120 } }); */
export async function createCohort(w: WriteContext, input: CreateCohortRequest): Promise<CohortDetail> {
  const course = await mustFindCourse(w.trx, input.courseId);
  if (!course.isActive) throw trainingError('CONFLICT', 'courseRetired', { field: 'courseId' });
  await requireTrainers(w.trx, input.trainerIds);
  const schedule = generateSchedule(input.schedule, course.hours, await holidayCalendar(w.trx), MAX_COHORT_SESSIONS);
  if (schedule === null || schedule.sessions.length === 0) throw trainingError('CONFLICT', 'scheduleTooLong', { field: 'schedule.durationMinutes', max: MAX_COHORT_SESSIONS });
  const id = newId(w.now.getTime());
  const at = w.now.toISOString();
  const last = schedule.sessions[schedule.sessions.length - 1];
  const endsOn = last?.date ?? input.schedule.startsOn;
  await w.trx
    .insertInto('training_cohorts')
    .values({
      id,
      course_id: course.id,
      place: input.place,
      capacity: input.capacity,
      starts_on: schedule.sessions[0]?.date ?? input.schedule.startsOn,
      ends_on: endsOn,
      weekdays_json: JSON.stringify([...input.schedule.weekdays].sort()),
      start_time: input.schedule.startTime,
      duration_minutes: input.schedule.durationMinutes,
      created_at: at,
      created_by: w.actor.userId,
      updated_at: at,
    })
    .execute();
  await w.trx
    .insertInto('training_cohort_trainers')
    .values(input.trainerIds.map((staffId) => ({ id: newId(w.now.getTime()), cohort_id: id, staff_id: staffId })))
    .execute();
  await w.trx
    .insertInto('training_sessions')
    .values(
      schedule.sessions.map((session) => ({
        id: newId(w.now.getTime()),
        cohort_id: id,
        seq: session.seq,
        date: session.date,
        start_time: session.startTime,
        duration_minutes: session.durationMinutes,
        status: 'planned' as const,
        original_date: null,
        updated_at: at,
        updated_by: w.actor.userId,
      })),
    )
    .execute();
  await w.audit({ entityType: 'trainingCohort', entityId: id, details: { courseId: course.id, sessionCount: schedule.sessions.length, skippedHolidays: schedule.skippedHolidays.length } });
  await cohortOutbox(w, id);
  return cohortDetail(w.trx, id);
}

async function cohortOutbox(w: WriteContext, cohortId: string): Promise<void> {
  const cohort = await mustFindCohort(w.trx, cohortId);
  const sessions = await listSessions(w.trx, cohortId);
  await w.outbox({
    spec: TRAINING_COHORT_OUTBOX,
    entityId: cohortId,
    op: 'upsert',
    data: { courseId: cohort.courseId, startsOn: cohort.startsOn, endsOn: cohort.endsOn, capacity: cohort.capacity, sessionCount: sessions.filter((session) => session.status === 'planned').length },
  });
}

export async function mustFindCohort(db: ReadDb, id: string): Promise<Cohort> {
  const cohort = await findCohort(db, id);
  if (cohort === null) throw trainingError('NOT_FOUND', 'cohort', { id });
  return cohort;
}

/** The cohort with its course, sessions and enrollments. */
export async function cohortDetail(db: ReadDb, id: string): Promise<CohortDetail> {
  const cohort = await mustFindCohort(db, id);
  return { ...cohort, course: await mustFindCourse(db, cohort.courseId), sessions: await listSessions(db, id), enrollments: await listEnrollments(db, id) };
}

async function mustFindSessionRow(db: ReadDb, id: string) {
  const row = await findSession(db, id);
  if (row === null) throw trainingError('NOT_FOUND', 'trainingSession', { id });
  return row;
}

/** A trainer changes only her own cohorts; a manager any. */
export async function requireCohortTrainer(w: { readonly actor: { readonly userId: string; readonly role: string } }, cohort: Cohort): Promise<void> {
  if (w.actor.role === 'manager') return;
  if (!cohort.trainerIds.includes(w.actor.userId)) throw trainingError('FORBIDDEN', 'notCohortTrainer', { cohortId: cohort.id });
}

/** Moves one session to another day or time; it keeps its number and remembers the generated date. */
export async function moveSession(w: WriteContext, input: { readonly sessionId: string; readonly date: string; readonly startTime: string; readonly durationMinutes?: number | undefined }): Promise<TrainingSession> {
  const row = await mustFindSessionRow(w.trx, input.sessionId);
  const cohort = await mustFindCohort(w.trx, row.cohort_id);
  await requireCohortTrainer(w, cohort);
  if (row.status !== 'planned') throw trainingError('CONFLICT', 'sessionNotPlanned', { status: row.status });
  const marked = (await listSessions(w.trx, cohort.id)).find((session) => session.id === row.id)?.markedCount ?? 0;
  if (marked > 0 && input.date !== row.date) throw trainingError('CONFLICT', 'sessionHasMarks', { field: 'date' });
  await w.trx
    .updateTable('training_sessions')
    .set({
      date: input.date,
      start_time: input.startTime,
      duration_minutes: input.durationMinutes ?? row.duration_minutes,
      original_date: row.original_date ?? (input.date === row.date ? null : row.date),
      updated_at: w.now.toISOString(),
      updated_by: w.actor.userId,
    })
    .where('id', '=', row.id)
    .execute();
  await syncCohortDates(w, cohort.id);
  await w.audit({ entityType: 'trainingSession', entityId: row.id, details: { cohortId: cohort.id, from: row.date, to: input.date } });
  return mustFindSession(w.trx, cohort.id, row.id);
}

/**
 * Cancels a session in advance, marks one as "did not take place", or puts it back to planned.
 * A session with marks cannot be cancelled: the marks would count for nobody (correct them first).
 */
export async function setSessionStatus(w: WriteContext, input: { readonly sessionId: string; readonly status: TrainingSessionStatus }): Promise<TrainingSession> {
  const row = await mustFindSessionRow(w.trx, input.sessionId);
  const cohort = await mustFindCohort(w.trx, row.cohort_id);
  await requireCohortTrainer(w, cohort);
  const session = await mustFindSession(w.trx, cohort.id, row.id);
  if (input.status !== 'planned' && session.markedCount > 0) throw trainingError('CONFLICT', 'sessionHasMarks', { field: 'status' });
  if (input.status === row.status) return session;
  await w.trx.updateTable('training_sessions').set({ status: input.status, updated_at: w.now.toISOString(), updated_by: w.actor.userId }).where('id', '=', row.id).execute();
  await w.audit({ entityType: 'trainingSession', entityId: row.id, details: { cohortId: cohort.id, status: input.status } });
  await cohortOutbox(w, cohort.id);
  return mustFindSession(w.trx, cohort.id, row.id);
}

async function mustFindSession(db: ReadDb, cohortId: string, id: string): Promise<TrainingSession> {
  const session = (await listSessions(db, cohortId)).find((candidate) => candidate.id === id);
  if (session === undefined) throw trainingError('NOT_FOUND', 'trainingSession', { id });
  return session;
}

/** A moved session may now be the last one: the cohort's end follows its sessions. */
async function syncCohortDates(w: WriteContext, cohortId: string): Promise<void> {
  const sessions = await listSessions(w.trx, cohortId);
  const endsOn = sessions.reduce((latest, session) => (session.date > latest ? session.date : latest), sessions[0]?.date ?? '');
  const cohort = await mustFindCohort(w.trx, cohortId);
  if (endsOn !== '' && endsOn !== cohort.endsOn && endsOn >= cohort.startsOn) {
    await w.trx.updateTable('training_cohorts').set({ ends_on: endsOn, updated_at: w.now.toISOString() }).where('id', '=', cohortId).execute();
    await cohortOutbox(w, cohortId);
  }
}
