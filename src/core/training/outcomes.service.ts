import type { WriteContext } from '../api/context';
import { localCalendarDate } from '../calendar/calendar';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { mustFindCohort, requireCohortTrainer } from './cohorts.service';
import { trainingError } from './training.errors';
import { TRAINING_OUTCOME_OUTBOX } from './training.outbox';
import { addDays } from './training.schedule';
import { findEnrollment, learnerNameOf } from './training.repository';
import { OUTCOME_CHECKPOINTS, type EmployerType, type FollowUpDue, type Outcome, type OutcomeCheckpoint, type OutcomeStatus } from './training.schema';
import type { OutcomeRow } from './training.table';

/**
 * Employment follow-up: for each graduate, the outcome 3, 6 and 12 months after completion. A
 * follow-up may be recorded from two weeks before its date (the trainer calls when she can); a
 * second record for the same checkpoint corrects the first (the audit keeps both).
 */

/** Days before a checkpoint's date from which it may be recorded, and from which it is listed as due. */
export const FOLLOW_UP_WINDOW_DAYS = 14;

/**
 * The same day `months` later, or the month's last day when it has no such day.
 *
 * @example addMonths('2027-08-31', 6) // '2028-02-29'
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function toOutcome(row: OutcomeRow): Outcome {
  return {
    enrollmentId: row.enrollment_id,
    checkpointMonths: row.checkpoint_months,
    status: row.status,
    employerType: row.employer_type,
    hasFormalContract: row.has_formal_contract === null ? null : row.has_formal_contract === 1,
    recordedOn: row.recorded_on,
  };
}

export async function listOutcomes(db: ReadDb, enrollmentIds: readonly string[]): Promise<Outcome[]> {
  if (enrollmentIds.length === 0) return [];
  const rows = await db.selectFrom('training_outcomes').selectAll().where('enrollment_id', 'in', enrollmentIds).orderBy('checkpoint_months').execute();
  return rows.map(toOutcome);
}

/** `training.recordOutcome` */
export async function recordOutcome(
  w: WriteContext,
  input: { readonly enrollmentId: string; readonly checkpointMonths: OutcomeCheckpoint; readonly status: OutcomeStatus; readonly employerType: EmployerType | null; readonly hasFormalContract: boolean | null },
): Promise<Outcome> {
  const enrollment = await findEnrollment(w.trx, input.enrollmentId);
  if (enrollment === null) throw trainingError('NOT_FOUND', 'enrollment', { id: input.enrollmentId });
  await requireCohortTrainer(w, await mustFindCohort(w.trx, enrollment.cohortId));
  if (enrollment.stage !== 'completed' || enrollment.completedOn === null) throw trainingError('CONFLICT', 'notCompleted', { stage: enrollment.stage });
  const dueOn = addMonths(enrollment.completedOn, input.checkpointMonths);
  const today = localCalendarDate(w.now);
  if (addDays(today, FOLLOW_UP_WINDOW_DAYS) < dueOn) throw trainingError('CONFLICT', 'outcomeNotDue', { dueOn, field: 'checkpointMonths' });
  const values = {
    status: input.status,
    employer_type: input.employerType,
    has_formal_contract: input.hasFormalContract === null ? null : input.hasFormalContract ? (1 as const) : (0 as const),
    recorded_on: today,
    recorded_by: w.actor.userId,
    updated_at: w.now.toISOString(),
  };
  const existing = await w.trx
    .selectFrom('training_outcomes')
    .select('id')
    .where('enrollment_id', '=', enrollment.id)
    .where('checkpoint_months', '=', input.checkpointMonths)
    .executeTakeFirst();
  if (existing === undefined) {
    await w.trx.insertInto('training_outcomes').values({ id: newId(w.now.getTime()), enrollment_id: enrollment.id, checkpoint_months: input.checkpointMonths, ...values }).execute();
  } else {
    await w.trx.updateTable('training_outcomes').set(values).where('id', '=', existing.id).execute();
  }
  await w.audit({ entityType: 'trainingOutcome', entityId: enrollment.id, details: { checkpointMonths: input.checkpointMonths, status: input.status, isCorrection: existing !== undefined } });
  await w.outbox({
    spec: TRAINING_OUTCOME_OUTBOX,
    entityId: `${enrollment.id}:${input.checkpointMonths}`,
    op: 'upsert',
    data: {
      enrollmentId: enrollment.id,
      clientId: enrollment.clientId,
      checkpointMonths: input.checkpointMonths,
      status: input.status,
      employerType: input.employerType,
      hasFormalContract: input.hasFormalContract,
      recordedOn: today,
    },
  });
  const [outcome] = (await listOutcomes(w.trx, [enrollment.id])).filter((candidate) => candidate.checkpointMonths === input.checkpointMonths);
  if (outcome === undefined) throw trainingError('NOT_FOUND', 'enrollment', { id: enrollment.id });
  return outcome;
}

/**
 * Follow-ups due (within the window or past) and not recorded, for the cohorts of `trainerId`
 * (every cohort when null), oldest first.
 */
export async function followUpsDue(db: ReadDb, trainerId: string | null, today: string): Promise<FollowUpDue[]> {
  let query = db
    .selectFrom('training_enrollments')
    .innerJoin('clients', 'clients.id', 'training_enrollments.client_id')
    .select(['training_enrollments.id', 'training_enrollments.client_id', 'training_enrollments.cohort_id', 'training_enrollments.completed_on', 'clients.last_name', 'clients.first_name', 'clients.patronymic'])
    .where('training_enrollments.stage', '=', 'completed');
  if (trainerId !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_cohort_trainers')
          .select('training_cohort_trainers.id')
          .whereRef('training_cohort_trainers.cohort_id', '=', 'training_enrollments.cohort_id')
          .where('training_cohort_trainers.staff_id', '=', trainerId),
      ),
    );
  }
  const graduates = await query.execute();
  const recorded = new Set((await listOutcomes(db, graduates.map((row) => row.id))).map((outcome) => `${outcome.enrollmentId}:${outcome.checkpointMonths}`));
  const horizon = addDays(today, FOLLOW_UP_WINDOW_DAYS);
  const due: FollowUpDue[] = [];
  for (const graduate of graduates) {
    if (graduate.completed_on === null) continue;
    for (const months of OUTCOME_CHECKPOINTS) {
      const dueOn = addMonths(graduate.completed_on, months);
      if (dueOn > horizon || recorded.has(`${graduate.id}:${months}`)) continue;
      due.push({ enrollmentId: graduate.id, clientId: graduate.client_id, learnerName: learnerNameOf(graduate), cohortId: graduate.cohort_id, checkpointMonths: months, dueOn, isOverdue: dueOn < today });
    }
  }
  return due.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
