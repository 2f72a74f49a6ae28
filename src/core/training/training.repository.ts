import type { ReadDb } from '../db/handles';
import type { LocalizedNames } from '../services/services.schema';
import type { HolidayCalendar } from './training.schedule';
import type { AttendanceMark, Cohort, Course, Enrollment, ExcuseReason, Holiday, Trade, TrainingSession, Weekday } from './training.schema';
import { BUILT_IN_TRADES } from './training.schema';
import type { CohortRow, CourseRow, EnrollmentRow, HolidayRow, SessionRow } from './training.table';

/** Reads of the training tables, mapped to the API's shapes. Writes live in the services. */

const parseArray = <T>(json: string): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

export function toCourse(row: CourseRow): Course {
  return {
    id: row.id,
    names: JSON.parse(row.names_json) as LocalizedNames,
    kind: row.kind,
    trade: row.trade,
    hours: row.hours,
    minAttendancePercent: row.min_attendance_percent,
    passMark: row.pass_mark,
    targetGroups: parseArray(row.target_groups_json),
    accessibility: parseArray(row.accessibility_json),
    isActive: row.is_active === 1,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** @example const course = await findCourse(db, id); */
export async function findCourse(db: ReadDb, id: string): Promise<Course | null> {
  const row = await db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toCourse(row);
}

export async function listCourses(db: ReadDb, includeInactive: boolean): Promise<Course[]> {
  let query = db.selectFrom('training_courses').selectAll();
  if (!includeInactive) query = query.where('is_active', '=', 1);
  return (await query.orderBy('created_at').execute()).map(toCourse);
}

/** Built-in trades first (worded by the UI), then the center's own. */
export async function listTrades(db: ReadDb): Promise<Trade[]> {
  const own = await db.selectFrom('training_trades').selectAll().orderBy('created_at').execute();
  return [
    ...BUILT_IN_TRADES.map((code) => ({ code, names: null, isBuiltIn: true })),
    ...own.map((row) => ({ code: row.code, names: JSON.parse(row.names_json) as LocalizedNames, isBuiltIn: false })),
  ];
}

export async function isKnownTrade(db: ReadDb, code: string): Promise<boolean> {
  if ((BUILT_IN_TRADES as readonly string[]).includes(code)) return true;
  return (await db.selectFrom('training_trades').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

function toCohort(row: CohortRow, trainerIds: readonly string[]): Cohort {
  return {
    id: row.id,
    courseId: row.course_id,
    trainerIds,
    place: row.place,
    capacity: row.capacity,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    weekdays: parseArray<Weekday>(row.weekdays_json),
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

async function trainersOf(db: ReadDb, cohortIds: readonly string[]): Promise<Map<string, string[]>> {
  const byCohort = new Map<string, string[]>();
  if (cohortIds.length === 0) return byCohort;
  const rows = await db.selectFrom('training_cohort_trainers').select(['cohort_id', 'staff_id']).where('cohort_id', 'in', cohortIds).orderBy('id').execute();
  for (const row of rows) byCohort.set(row.cohort_id, [...(byCohort.get(row.cohort_id) ?? []), row.staff_id]);
  return byCohort;
}

export async function findCohort(db: ReadDb, id: string): Promise<Cohort | null> {
  const row = await db.selectFrom('training_cohorts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  return toCohort(row, (await trainersOf(db, [id])).get(id) ?? []);
}

/** Cohorts, newest first; `trainerId` keeps the ones that trainer runs. */
export async function listCohorts(db: ReadDb, trainerId: string | null): Promise<Cohort[]> {
  let query = db.selectFrom('training_cohorts').selectAll('training_cohorts');
  if (trainerId !== null) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('training_cohort_trainers').select('id').whereRef('training_cohort_trainers.cohort_id', '=', 'training_cohorts.id').where('staff_id', '=', trainerId)),
    );
  }
  const rows = await query.orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
  const trainers = await trainersOf(db, rows.map((row) => row.id));
  return rows.map((row) => toCohort(row, trainers.get(row.id) ?? []));
}

function toSession(row: SessionRow, markedCount: number): TrainingSession {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    seq: row.seq,
    date: row.date,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    status: row.status,
    originalDate: row.original_date,
    markedCount,
  };
}

/** A cohort's sessions in order of their dates (a moved session keeps its number). */
export async function listSessions(db: ReadDb, cohortId: string): Promise<TrainingSession[]> {
  const rows = await db
    .selectFrom('training_sessions')
    .selectAll('training_sessions')
    .select((eb) => eb.selectFrom('training_attendance').select((inner) => inner.fn.countAll<number>().as('n')).whereRef('training_attendance.session_id', '=', 'training_sessions.id').as('marked'))
    .where('cohort_id', '=', cohortId)
    .orderBy('date')
    .orderBy('start_time')
    .orderBy('seq')
    .execute();
  return rows.map((row) => toSession(row, Number(row.marked ?? 0)));
}

export async function findSession(db: ReadDb, id: string): Promise<SessionRow | null> {
  return (await db.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

function toHoliday(row: HolidayRow): Holiday {
  return { id: row.id, date: row.date, monthDay: row.month_day, name: row.name, code: row.code, isActive: row.is_active === 1 };
}

export async function listHolidays(db: ReadDb): Promise<Holiday[]> {
  const rows = await db.selectFrom('training_holidays').selectAll().orderBy('month_day').orderBy('date').execute();
  return rows.map(toHoliday);
}

/** The active holidays as the schedule generator takes them. */
export async function holidayCalendar(db: ReadDb): Promise<HolidayCalendar> {
  const rows = await db.selectFrom('training_holidays').select(['date', 'month_day']).where('is_active', '=', 1).execute();
  return {
    dates: new Set(rows.flatMap((row) => (row.date === null ? [] : [row.date]))),
    monthDays: new Set(rows.flatMap((row) => (row.month_day === null ? [] : [row.month_day]))),
  };
}

type EnrollmentWithName = EnrollmentRow & { readonly last_name: string; readonly first_name: string; readonly patronymic: string | null };

/** @example learnerNameOf({ last_name: 'Karimova', first_name: 'Dilnoza', patronymic: null }) // 'Karimova Dilnoza' */
export function learnerNameOf(row: { readonly last_name: string; readonly first_name: string; readonly patronymic: string | null }): string {
  return [row.last_name, row.first_name, row.patronymic].filter((part): part is string => typeof part === 'string' && part.length > 0).join(' ');
}

export function toEnrollment(row: EnrollmentWithName): Enrollment {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    clientId: row.client_id,
    learnerName: learnerNameOf(row),
    stage: row.stage,
    withdrawalReason: row.withdrawal_reason,
    joinedOn: row.joined_on,
    ageAtEnrollment: row.age_at_enrollment,
    appliedAt: row.applied_at,
    assessmentScore: row.assessment_score,
    completedOn: row.completed_on,
    incompleteReason: row.incomplete_reason,
    version: row.version,
  };
}

function enrollmentsWithNames(db: ReadDb) {
  return db
    .selectFrom('training_enrollments')
    .innerJoin('clients', 'clients.id', 'training_enrollments.client_id')
    .selectAll('training_enrollments')
    .select(['clients.last_name', 'clients.first_name', 'clients.patronymic']);
}

/** A cohort's enrollments in the order they applied (the waitlist's order). */
export async function listEnrollments(db: ReadDb, cohortId: string): Promise<Enrollment[]> {
  const rows = await enrollmentsWithNames(db).where('training_enrollments.cohort_id', '=', cohortId).orderBy('training_enrollments.applied_at').orderBy('training_enrollments.id').execute();
  return rows.map(toEnrollment);
}

export async function findEnrollment(db: ReadDb, id: string): Promise<Enrollment | null> {
  const row = await enrollmentsWithNames(db).where('training_enrollments.id', '=', id).executeTakeFirst();
  return row === undefined ? null : toEnrollment(row);
}

export async function listEnrollmentsForClient(db: ReadDb, clientId: string): Promise<Enrollment[]> {
  const rows = await enrollmentsWithNames(db).where('training_enrollments.client_id', '=', clientId).orderBy('training_enrollments.applied_at').execute();
  return rows.map(toEnrollment);
}

export interface StoredMark {
  readonly sessionId: string;
  readonly enrollmentId: string;
  readonly mark: AttendanceMark;
  readonly excuse: ExcuseReason | null;
}

/** Every mark of a cohort's learners. */
export async function listCohortMarks(db: ReadDb, cohortId: string): Promise<StoredMark[]> {
  const rows = await db
    .selectFrom('training_attendance')
    .innerJoin('training_sessions', 'training_sessions.id', 'training_attendance.session_id')
    .select(['training_attendance.session_id', 'training_attendance.enrollment_id', 'training_attendance.mark', 'training_attendance.excuse'])
    .where('training_sessions.cohort_id', '=', cohortId)
    .execute();
  return rows.map((row) => ({ sessionId: row.session_id, enrollmentId: row.enrollment_id, mark: row.mark, excuse: row.excuse }));
}
