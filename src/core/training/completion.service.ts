import { createHash } from 'node:crypto';
import type { WriteContext } from '../api/context';
import { localCalendarDate } from '../calendar/calendar';
import { ensureCenterSigningKey, keyStatements, signWithCenterKey } from '../center/center-keys';
import type { PublishedKey } from '../sync/protocol/keys';
import { requireCenter } from '../center/center.repository';
import type { ReadDb } from '../db/handles';
import { encodePayload, qrTextOf } from './certificate-payload';
import { mustFindCohort, requireCohortTrainer } from './cohorts.service';
import { mustFindCourse } from './courses.service';
import { attendanceFigures, completionVerdict } from './training.completion';
import { trainingError } from './training.errors';
import { TRAINING_COMPLETION_OUTBOX } from './training.outbox';
import { findEnrollment, listCohortMarks, listEnrollments, listSessions } from './training.repository';
import type { Certificate, CompletionProposalRow, Enrollment, IncompleteReason } from './training.schema';
import type { CertificateRow } from './training.table';

/**
 * The cohort's end: the application proposes who completed (the course's rule met), the trainer
 * confirms or marks incomplete with a reason; each completion gets a certificate whose number is
 * the center's code and a sequence never reused (numbers are taken inside the write transaction,
 * and writes are serialized, so concurrent completions cannot share one).
 */

/** Learners still in the course at its end. */
const DECIDABLE = new Set(['enrolled', 'active']);

const VERDICT_REASON: Readonly<Record<string, IncompleteReason>> = {
  attendance: 'attendance',
  noSessions: 'attendance',
  assessmentMissing: 'assessmentMissed',
  assessmentFailed: 'assessmentFailed',
};

/** @example await completionProposal(db, cohortId, today) */
export async function completionProposal(db: ReadDb, cohortId: string, today: string): Promise<CompletionProposalRow[]> {
  const cohort = await mustFindCohort(db, cohortId);
  const course = await mustFindCourse(db, cohort.courseId);
  const sessions = (await listSessions(db, cohortId)).map((session) => ({ id: session.id, date: session.date, status: session.status, isMarked: session.markedCount > 0 }));
  const marks = await listCohortMarks(db, cohortId);
  const rule = { minAttendancePercent: course.minAttendancePercent, passMark: course.passMark };
  return (await listEnrollments(db, cohortId))
    .filter((enrollment) => DECIDABLE.has(enrollment.stage) || enrollment.stage === 'completed' || enrollment.stage === 'incomplete')
    .map((enrollment) => {
      const own = new Map(marks.filter((mark) => mark.enrollmentId === enrollment.id).map((mark) => [mark.sessionId, mark.mark]));
      // After the last session everything that took place counts, today's included.
      const figures = attendanceFigures(sessions, own, enrollment.joinedOn, today > cohort.endsOn ? today : nextDay(cohort.endsOn));
      const verdict = completionVerdict(figures, rule, enrollment.assessmentScore);
      return {
        enrollmentId: enrollment.id,
        clientId: enrollment.clientId,
        stage: enrollment.stage,
        countedSessions: figures.counted,
        attendedSessions: figures.attended,
        unmarkedSessions: figures.unmarked,
        percent: figures.percent,
        assessmentScore: enrollment.assessmentScore,
        meetsRule: verdict.meetsRule,
        proposedReason: verdict.meetsRule ? null : (VERDICT_REASON[verdict.reason] ?? 'other'),
      };
    });
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** `training.recordAssessment`: the final assessment's score (or null to clear it) before completion. */
export async function recordAssessment(w: WriteContext, input: { readonly enrollmentId: string; readonly score: number | null }): Promise<Enrollment> {
  const enrollment = await mustFindEnrollment(w.trx, input.enrollmentId);
  const cohort = await mustFindCohort(w.trx, enrollment.cohortId);
  await requireCohortTrainer(w, cohort);
  if (!DECIDABLE.has(enrollment.stage)) throw trainingError('CONFLICT', 'stageTransition', { from: enrollment.stage, field: 'score' });
  await w.trx
    .updateTable('training_enrollments')
    .set({ assessment_score: input.score, version: enrollment.version + 1, updated_at: w.now.toISOString() })
    .where('id', '=', enrollment.id)
    .execute();
  await w.audit({ entityType: 'trainingEnrollment', entityId: enrollment.id, details: { cohortId: cohort.id, isAssessed: input.score !== null } });
  return mustFindEnrollment(w.trx, enrollment.id);
}

async function mustFindEnrollment(db: ReadDb, id: string): Promise<Enrollment> {
  const enrollment = await findEnrollment(db, id);
  if (enrollment === null) throw trainingError('NOT_FOUND', 'enrollment', { id });
  return enrollment;
}

export interface CompletionResult {
  readonly completed: readonly Certificate[];
  readonly incomplete: readonly string[];
}

/**
 * `training.complete`: the trainer's decisions, all or nothing. `completed` only where the rule
 * is met; each gets its certificate, signed by the center.
 */
export async function complete(
  w: WriteContext,
  input: { readonly cohortId: string; readonly decisions: readonly ({ readonly enrollmentId: string } & ({ readonly outcome: 'completed' } | { readonly outcome: 'incomplete'; readonly reason: IncompleteReason }))[] },
): Promise<CompletionResult> {
  const cohort = await mustFindCohort(w.trx, input.cohortId);
  await requireCohortTrainer(w, cohort);
  const today = localCalendarDate(w.now);
  const lastSession = (await listSessions(w.trx, cohort.id)).filter((session) => session.status === 'planned').at(-1);
  if (lastSession !== undefined && lastSession.date > today) throw trainingError('CONFLICT', 'cohortNotFinished', { endsOn: lastSession.date });
  // The course ended with its last session: the follow-ups count from then, whenever the trainer records it.
  const completedOn = lastSession?.date ?? today;
  const proposal = new Map((await completionProposal(w.trx, cohort.id, today)).map((row) => [row.enrollmentId, row]));
  const course = await mustFindCourse(w.trx, cohort.courseId);
  const completed: Certificate[] = [];
  const incomplete: string[] = [];
  for (const [index, decision] of input.decisions.entries()) {
    const row = proposal.get(decision.enrollmentId);
    if (row === undefined) throw trainingError('CONFLICT', 'learnerNotInCohort', { field: `decisions.${index}.enrollmentId` });
    if (!DECIDABLE.has(row.stage)) throw trainingError('CONFLICT', 'stageTransition', { from: row.stage, field: `decisions.${index}.outcome` });
    if (decision.outcome === 'completed' && !row.meetsRule) throw trainingError('CONFLICT', 'completionRuleNotMet', { field: `decisions.${index}.outcome`, ruleReason: row.proposedReason });
    const enrollment = await mustFindEnrollment(w.trx, decision.enrollmentId);
    await w.trx
      .updateTable('training_enrollments')
      .set({
        stage: decision.outcome,
        incomplete_reason: decision.outcome === 'incomplete' ? decision.reason : null,
        completed_on: completedOn,
        stage_changed_at: w.now.toISOString(),
        version: enrollment.version + 1,
        updated_at: w.now.toISOString(),
      })
      .where('id', '=', enrollment.id)
      .execute();
    const certificate = decision.outcome === 'completed' ? await issueCertificate(w, enrollment, course, today) : null;
    if (certificate !== null) completed.push(certificate);
    else incomplete.push(enrollment.id);
    await w.audit({ entityType: 'trainingEnrollment', entityId: enrollment.id, details: { cohortId: cohort.id, outcome: decision.outcome, certificateNumber: certificate?.number ?? null } });
    await w.outbox({
      spec: TRAINING_COMPLETION_OUTBOX,
      entityId: enrollment.id,
      op: 'upsert',
      data: {
        cohortId: cohort.id,
        clientId: enrollment.clientId,
        outcome: decision.outcome,
        incompleteReason: decision.outcome === 'incomplete' ? decision.reason : null,
        completedOn,
        certificateNumber: certificate?.number ?? null,
        countedSessions: row.countedSessions,
        attendedSessions: row.attendedSessions,
        assessmentScore: row.assessmentScore,
      },
    });
  }
  return { completed, incomplete };
}

/** The center's code in certificate numbers: 8 hex digits of SHA-256 over its id, which never changes. */
export function centerCode(centerId: string): string {
  return createHash('sha256').update(centerId).digest('hex').slice(0, 8).toUpperCase();
}

async function issueCertificate(w: WriteContext, enrollment: Enrollment, course: { readonly names: Certificate['courseNames']; readonly hours: number }, today: string): Promise<Certificate> {
  const center = await requireCenter(w.trx);
  const learnerName = enrollment.learnerName;
  const last = await w.trx.selectFrom('training_certificates').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const number = `${centerCode(center.id)}-${String(seq).padStart(6, '0')}`;
  const key = await ensureCenterSigningKey(w.trx, w.now);
  const payloadBytes = encodePayload({ n: number, nm: learnerName, c: course.names['uz-Latn'], h: course.hours, d: today, ctr: center.name, kid: key.keyId });
  const signature = signWithCenterKey(key, payloadBytes);
  await w.trx
    .insertInto('training_certificates')
    .values({
      number,
      seq,
      enrollment_id: enrollment.id,
      client_id: enrollment.clientId,
      learner_name: learnerName,
      course_names_json: JSON.stringify(course.names),
      hours: course.hours,
      issued_on: today,
      payload: payloadBytes.toString('base64url'),
      signature: signature.toString('base64url'),
      key_id: key.keyId,
      created_at: w.now.toISOString(),
      created_by: w.actor.userId,
    })
    .execute();
  const row = await w.trx.selectFrom('training_certificates').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  return toCertificate(row, await keyStatements(w.trx));
}

/** A stored certificate as the API answers it; `statements` are the registry's words about our keys (the QR code carries the one of its key). */
export function toCertificate(row: CertificateRow, statements: ReadonlyMap<string, PublishedKey>): Certificate {
  return {
    number: row.number,
    enrollmentId: row.enrollment_id,
    clientId: row.client_id,
    learnerName: row.learner_name,
    courseNames: JSON.parse(row.course_names_json) as Certificate['courseNames'],
    hours: row.hours,
    issuedOn: row.issued_on,
    qrText: qrTextOf(Buffer.from(row.payload, 'base64url'), Buffer.from(row.signature, 'base64url'), statements.get(row.key_id)),
  };
}
