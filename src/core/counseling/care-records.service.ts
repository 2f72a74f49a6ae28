import { requireActiveClient } from '../clients/clients.guards';
import { newId } from '../db/ids';
import type { CounselingCall } from './counseling.call';
import type { IntakeAssessmentContent, SafetyPlanContent } from './counseling.schema';
import { openOnce, sealOnce } from './counseling.sealed';
import { canonicalJson } from './counseling.signature';
import { requireClientAccess } from './risk.service';
import { auditContentRead, openAudited } from './session-records.service';

/**
 * The survivor intake assessment and the safety plan: each written once as a whole (a revision is
 * a new record; the latest is the current one), the content sealed as one JSON value.
 */
export const INTAKE_ENTITY = 'counselingIntakeAssessment';
export const SAFETY_PLAN_ENTITY = 'counselingSafetyPlan';

/** `counseling.recordIntake`. */
export async function recordIntake(call: CounselingCall, input: { readonly clientId: string; readonly assessedOn: string; readonly content: IntakeAssessmentContent }): Promise<{ id: string }> {
  await requireClientAccess(call, input.clientId);
  return call.write(async (w) => {
    await requireActiveClient(w.trx, input.clientId);
    const id = newId(w.now.getTime());
    await w.trx
      .insertInto('counseling_intake_assessments')
      .values({ id, client_id: input.clientId, psychologist_id: call.actor.userId, assessed_on: input.assessedOn, content: sealOnce(call, id, 'content', canonicalJson(input.content)), created_at: w.now.toISOString() })
      .execute();
    await w.audit({ action: 'counseling.recordIntake', entityType: INTAKE_ENTITY, entityId: id, details: { clientId: input.clientId } });
    return { id };
  });
}

export interface IntakeView {
  readonly id: string;
  readonly psychologistId: string;
  readonly assessedOn: string;
  readonly createdAt: string;
  readonly content: IntakeAssessmentContent;
}

/** `counseling.getIntake`: the client's latest intake assessment (null if none), audited. */
export async function getIntake(call: CounselingCall, clientId: string): Promise<{ intake: IntakeView | null; count: number }> {
  const access = await requireClientAccess(call, clientId);
  const rows = await call.db.selectFrom('counseling_intake_assessments').selectAll().where('client_id', '=', clientId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const [row] = rows;
  if (!row) return { intake: null, count: 0 };
  const entity = { entityType: INTAKE_ENTITY, entityId: row.id };
  const content = await openAudited(call, entity, () => JSON.parse(openOnce(call, row.id, 'content', row.content)) as IntakeAssessmentContent);
  await auditContentRead(call, entity, 'counseling.getIntake', access);
  return { intake: { id: row.id, psychologistId: row.psychologist_id, assessedOn: row.assessed_on, createdAt: row.created_at, content }, count: rows.length };
}

/** `counseling.recordSafetyPlan`: a new (or revised) safety plan with its review date. */
export async function recordSafetyPlan(call: CounselingCall, input: { readonly clientId: string; readonly reviewOn: string | null; readonly content: SafetyPlanContent }): Promise<{ id: string }> {
  await requireClientAccess(call, input.clientId);
  return call.write(async (w) => {
    await requireActiveClient(w.trx, input.clientId);
    const id = newId(w.now.getTime());
    await w.trx
      .insertInto('counseling_safety_plans')
      .values({ id, client_id: input.clientId, psychologist_id: call.actor.userId, review_on: input.reviewOn, content: sealOnce(call, id, 'content', canonicalJson(input.content)), created_at: w.now.toISOString() })
      .execute();
    await w.audit({ action: 'counseling.recordSafetyPlan', entityType: SAFETY_PLAN_ENTITY, entityId: id, details: { clientId: input.clientId, hasReviewDate: input.reviewOn !== null } });
    return { id };
  });
}

export interface SafetyPlanView {
  readonly id: string;
  readonly psychologistId: string;
  readonly reviewOn: string | null;
  readonly createdAt: string;
  readonly content: SafetyPlanContent;
}

/** `counseling.getSafetyPlan`: the client's current safety plan (null if none) and how many revisions it had, audited. */
export async function getSafetyPlan(call: CounselingCall, clientId: string): Promise<{ plan: SafetyPlanView | null; revisions: number }> {
  const access = await requireClientAccess(call, clientId);
  const rows = await call.db.selectFrom('counseling_safety_plans').selectAll().where('client_id', '=', clientId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const [row] = rows;
  if (!row) return { plan: null, revisions: 0 };
  const entity = { entityType: SAFETY_PLAN_ENTITY, entityId: row.id };
  const content = await openAudited(call, entity, () => JSON.parse(openOnce(call, row.id, 'content', row.content)) as SafetyPlanContent);
  await auditContentRead(call, entity, 'counseling.getSafetyPlan', access);
  return { plan: { id: row.id, psychologistId: row.psychologist_id, reviewOn: row.review_on, createdAt: row.created_at, content }, revisions: rows.length };
}
