import { randomBytes } from 'node:crypto';
import type { WriteContext } from '../api/context';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { CATALOG_LANGUAGES, type LocalizedNames } from '../services/services.schema';
import { trainingError } from './training.errors';
import { TRAINING_COURSE_OUTBOX } from './training.outbox';
import { findCourse, isKnownTrade, listHolidays } from './training.repository';
import type { Course, CourseFields, Holiday, Trade } from './training.schema';

/**
 * Courses, the center's own trades and the holidays the schedules skip. A course is retired,
 * never deleted (its cohorts and certificates refer to it).
 */

const namesArray = (names: LocalizedNames): string[] => CATALOG_LANGUAGES.map((language) => names[language]);

async function requireTrade(db: ReadDb, trade: string | null): Promise<void> {
  if (trade !== null && !(await isKnownTrade(db, trade))) throw trainingError('CONFLICT', 'unknownTrade', { field: 'trade' });
}

async function courseOutbox(w: WriteContext, course: Course): Promise<void> {
  await w.outbox({
    spec: TRAINING_COURSE_OUTBOX,
    entityId: course.id,
    op: 'upsert',
    data: {
      names: namesArray(course.names),
      kind: course.kind,
      trade: course.trade,
      hours: course.hours,
      minAttendancePercent: course.minAttendancePercent,
      passMark: course.passMark,
      targetGroups: course.targetGroups,
      accessibility: course.accessibility,
      isActive: course.isActive,
    },
  });
}

/** @example await createCourse(w, { names, kind: 'computerLiteracy', trade: null, hours: 36, … }); */
export async function createCourse(w: WriteContext, input: CourseFields): Promise<Course> {
  await requireTrade(w.trx, input.trade);
  const id = newId(w.now.getTime());
  const at = w.now.toISOString();
  await w.trx
    .insertInto('training_courses')
    .values({
      id,
      names_json: JSON.stringify(input.names),
      kind: input.kind,
      trade: input.trade,
      hours: input.hours,
      min_attendance_percent: input.minAttendancePercent,
      pass_mark: input.passMark,
      target_groups_json: JSON.stringify(input.targetGroups),
      accessibility_json: JSON.stringify(input.accessibility),
      is_active: 1,
      version: 1,
      created_at: at,
      created_by: w.actor.userId,
      updated_at: at,
    })
    .execute();
  const course = await mustFindCourse(w.trx, id);
  await w.audit({ entityType: 'trainingCourse', entityId: id, details: { kind: course.kind, hours: course.hours } });
  await courseOutbox(w, course);
  return course;
}

/** Changes a course (optimistic: `expectedVersion`), or retires / restores it. Existing cohorts keep their schedule. */
export async function updateCourse(w: WriteContext, input: CourseFields & { readonly id: string; readonly expectedVersion: number; readonly isActive: boolean }): Promise<Course> {
  const existing = await mustFindCourse(w.trx, input.id);
  if (existing.version !== input.expectedVersion) throw trainingError('CONFLICT', 'version', { currentVersion: existing.version });
  await requireTrade(w.trx, input.trade);
  await w.trx
    .updateTable('training_courses')
    .set({
      names_json: JSON.stringify(input.names),
      kind: input.kind,
      trade: input.trade,
      hours: input.hours,
      min_attendance_percent: input.minAttendancePercent,
      pass_mark: input.passMark,
      target_groups_json: JSON.stringify(input.targetGroups),
      accessibility_json: JSON.stringify(input.accessibility),
      is_active: input.isActive ? 1 : 0,
      version: existing.version + 1,
      updated_at: w.now.toISOString(),
    })
    .where('id', '=', input.id)
    .execute();
  const course = await mustFindCourse(w.trx, input.id);
  await w.audit({ entityType: 'trainingCourse', entityId: input.id, details: { isActive: course.isActive, version: course.version } });
  await courseOutbox(w, course);
  return course;
}

export async function mustFindCourse(db: ReadDb, id: string): Promise<Course> {
  const course = await findCourse(db, id);
  if (course === null) throw trainingError('NOT_FOUND', 'course', { id });
  return course;
}

/** A center's own trade, named in the four languages, with a minted code that never changes. */
export async function addTrade(w: WriteContext, input: { readonly names: LocalizedNames }): Promise<Trade> {
  let code = `center.${randomBytes(4).toString('hex')}`;
  while (await isKnownTrade(w.trx, code)) code = `center.${randomBytes(4).toString('hex')}`;
  await w.trx.insertInto('training_trades').values({ code, names_json: JSON.stringify(input.names), created_at: w.now.toISOString(), created_by: w.actor.userId }).execute();
  await w.audit({ entityType: 'trainingTrade', entityId: code, details: {} });
  return { code, names: input.names, isBuiltIn: false };
}

/** A holiday the schedules skip: yearly (`monthDay`) or once (`date`). New cohorts use it; existing ones keep their dates. */
export async function addHoliday(w: WriteContext, input: { readonly date: string | null; readonly monthDay: string | null; readonly name: string }): Promise<Holiday> {
  const id = newId(w.now.getTime());
  await w.trx
    .insertInto('training_holidays')
    .values({ id, code: null, name: input.name, date: input.date, month_day: input.monthDay, is_active: 1, created_at: w.now.toISOString() })
    .execute();
  await w.audit({ entityType: 'trainingHoliday', entityId: id, details: { date: input.date, monthDay: input.monthDay } });
  return mustFindHoliday(w.trx, id);
}

/** Switches a holiday off or on (built-in ones included: a center may teach on a holiday). */
export async function setHolidayActive(w: WriteContext, input: { readonly id: string; readonly isActive: boolean }): Promise<Holiday> {
  await mustFindHoliday(w.trx, input.id);
  await w.trx.updateTable('training_holidays').set({ is_active: input.isActive ? 1 : 0 }).where('id', '=', input.id).execute();
  await w.audit({ entityType: 'trainingHoliday', entityId: input.id, details: { isActive: input.isActive } });
  return mustFindHoliday(w.trx, input.id);
}

async function mustFindHoliday(db: ReadDb, id: string): Promise<Holiday> {
  const holiday = (await listHolidays(db)).find((candidate) => candidate.id === id);
  if (holiday === undefined) throw trainingError('NOT_FOUND', 'holiday', { id });
  return holiday;
}
