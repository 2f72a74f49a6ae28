import type { WriteContext } from '../api/context';
import { AppError } from '../api/errors';
import { localCalendarDate } from '../calendar/calendar';
import { requireActiveClient } from '../clients/clients.guards';
import { ageOn, findClientRow } from '../clients/clients.repository';
import { newId } from '../db/ids';
import { mustFindCohort } from './cohorts.service';
import { mustFindCourse } from './courses.service';
import { trainingError } from './training.errors';
import { TRAINING_ENROLLMENT_OUTBOX } from './training.outbox';
import { findEnrollment, listEnrollments } from './training.repository';
import { PLACE_HOLDING_STAGES, type Enrollment, type EnrollmentStage, type WithdrawalReason } from './training.schema';

/**
 * Enrollment: a learner found with the intake search applies, is enrolled while places last and
 * waitlisted after; a withdrawal (with its reason) frees a place, which is offered to the first
 * person on the waitlist (the trainer asks her, then enrolls her). The age at enrollment is kept:
 * the program's 15–24 share counts it, not today's age.
 */

/** Where each stage may go by hand; `completed` and `incomplete` are set by the completion step. */
const NEXT_STAGES: Readonly<Record<EnrollmentStage, readonly EnrollmentStage[]>> = {
  applied: ['enrolled', 'waitlisted', 'withdrawn'],
  waitlisted: ['enrolled', 'withdrawn'],
  enrolled: ['active', 'withdrawn'],
  active: ['withdrawn'],
  completed: [],
  incomplete: [],
  withdrawn: [],
};

export interface EnrollmentChange {
  readonly enrollment: Enrollment;
  /** When a place was freed: the first person on the waitlist, to be offered it. */
  readonly offerPlaceTo: Enrollment | null;
}

async function placesTaken(w: WriteContext, cohortId: string): Promise<number> {
  return (await listEnrollments(w.trx, cohortId)).filter((enrollment) => PLACE_HOLDING_STAGES.includes(enrollment.stage)).length;
}

async function enrollmentOutbox(w: WriteContext, enrollment: Enrollment): Promise<void> {
  await w.outbox({
    spec: TRAINING_ENROLLMENT_OUTBOX,
    entityId: enrollment.id,
    op: 'upsert',
    data: {
      cohortId: enrollment.cohortId,
      clientId: enrollment.clientId,
      stage: enrollment.stage,
      joinedOn: enrollment.joinedOn,
      ageAtEnrollment: enrollment.ageAtEnrollment,
      withdrawalReason: enrollment.withdrawalReason,
    },
  });
}

/**
 * `training.enroll`. The front desk's enrollment is an application the trainer confirms; a
 * trainer's or manager's enrolls at once, or waitlists when the cohort is full.
 *
 * @example await enroll(w, { cohortId, clientId });
 */
export async function enroll(w: WriteContext, input: { readonly cohortId: string; readonly clientId: string; readonly joinedOn?: string | undefined }): Promise<Enrollment> {
  const cohort = await mustFindCohort(w.trx, input.cohortId);
  const course = await mustFindCourse(w.trx, cohort.courseId);
  if (!course.isActive) throw trainingError('CONFLICT', 'courseRetired', { field: 'cohortId' });
  await requireActiveClient(w.trx, input.clientId);
  const existing = (await listEnrollments(w.trx, cohort.id)).find((enrollment) => enrollment.clientId === input.clientId && enrollment.stage !== 'withdrawn');
  if (existing !== undefined) throw trainingError('CONFLICT', 'alreadyEnrolled', { enrollmentId: existing.id, field: 'clientId' });
  const today = localCalendarDate(w.now);
  const joinedOn = input.joinedOn ?? (today > cohort.startsOn ? today : cohort.startsOn);
  const client = await findClientRow(w.trx, input.clientId);
  if (client === null) throw new AppError('INTERNAL', { reason: 'clientVanished' });
  const stage: EnrollmentStage =
    w.actor.role === 'receptionist' ? 'applied' : (await placesTaken(w, cohort.id)) < cohort.capacity ? 'enrolled' : 'waitlisted';
  const id = newId(w.now.getTime());
  const at = w.now.toISOString();
  await w.trx
    .insertInto('training_enrollments')
    .values({
      id,
      cohort_id: cohort.id,
      client_id: input.clientId,
      stage,
      withdrawal_reason: null,
      joined_on: joinedOn,
      age_at_enrollment: ageOn({ birthDate: client.birth_date, birthYear: client.birth_year }, joinedOn),
      applied_at: at,
      stage_changed_at: at,
      version: 1,
      created_by: w.actor.userId,
      updated_at: at,
    })
    .execute();
  const enrollment = await mustFindEnrollment(w, id);
  await w.audit({ entityType: 'trainingEnrollment', entityId: id, details: { cohortId: cohort.id, clientId: input.clientId, stage } });
  await enrollmentOutbox(w, enrollment);
  return enrollment;
}

async function mustFindEnrollment(w: WriteContext, id: string): Promise<Enrollment> {
  const enrollment = await findEnrollment(w.trx, id);
  if (enrollment === null) throw trainingError('NOT_FOUND', 'enrollment', { id });
  return enrollment;
}

/** `training.changeStage`: enroll from the waitlist or an application, start, withdraw (with a reason). */
export async function changeStage(
  w: WriteContext,
  input: { readonly enrollmentId: string; readonly stage: EnrollmentStage; readonly reason?: WithdrawalReason | undefined; readonly expectedVersion: number },
): Promise<EnrollmentChange> {
  const enrollment = await mustFindEnrollment(w, input.enrollmentId);
  if (enrollment.version !== input.expectedVersion) throw trainingError('CONFLICT', 'version', { currentVersion: enrollment.version });
  if (!NEXT_STAGES[enrollment.stage].includes(input.stage)) throw trainingError('CONFLICT', 'stageTransition', { from: enrollment.stage, to: input.stage, field: 'stage' });
  const cohort = await mustFindCohort(w.trx, enrollment.cohortId);
  if (input.stage === 'enrolled' && (await placesTaken(w, cohort.id)) >= cohort.capacity) {
    // Full: the application waits for a place instead.
    return changeStage(w, { ...input, stage: 'waitlisted' });
  }
  const wasHoldingPlace = PLACE_HOLDING_STAGES.includes(enrollment.stage);
  await w.trx
    .updateTable('training_enrollments')
    .set({
      stage: input.stage,
      withdrawal_reason: input.stage === 'withdrawn' ? (input.reason ?? 'other') : null,
      stage_changed_at: w.now.toISOString(),
      version: enrollment.version + 1,
      updated_at: w.now.toISOString(),
    })
    .where('id', '=', enrollment.id)
    .execute();
  const changed = await mustFindEnrollment(w, enrollment.id);
  await w.audit({ entityType: 'trainingEnrollment', entityId: enrollment.id, details: { cohortId: cohort.id, from: enrollment.stage, to: changed.stage } });
  await enrollmentOutbox(w, changed);
  const freedPlace = wasHoldingPlace && !PLACE_HOLDING_STAGES.includes(changed.stage);
  const offerPlaceTo = freedPlace ? ((await listEnrollments(w.trx, cohort.id)).find((candidate) => candidate.stage === 'waitlisted') ?? null) : null;
  return { enrollment: changed, offerPlaceTo };
}

/** The first attendance of an enrolled learner starts her course. */
export async function markActive(w: WriteContext, enrollment: Enrollment): Promise<void> {
  if (enrollment.stage !== 'enrolled') return;
  await w.trx
    .updateTable('training_enrollments')
    .set({ stage: 'active', stage_changed_at: w.now.toISOString(), version: enrollment.version + 1, updated_at: w.now.toISOString() })
    .where('id', '=', enrollment.id)
    .execute();
  const changed = await mustFindEnrollment(w, enrollment.id);
  await enrollmentOutbox(w, changed);
}
