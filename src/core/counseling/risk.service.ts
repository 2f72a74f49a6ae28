import { requireActiveClient, requireClient } from '../clients/clients.guards';
import { newId } from '../db/ids';
import type { CounselingCall } from './counseling.call';
import { counselingError } from './counseling.errors';
import { clientContentAccess, type ContentAccess } from './counseling.policy';
import type { RiskLevel } from './counseling.schema';
import { assertHoldsConfidentialKey, openOnce, sealOnce } from './counseling.sealed';
import { canonicalJson } from './counseling.signature';
import { findInstrument, riskRank, scoreRisk } from './risk-instrument';
import { auditContentRead, openAudited } from './session-records.service';

/**
 * Risk assessments: scored with a versioned instrument (data), the answers sealed, the score and
 * level kept as metadata for the trend. A rise to high or severe puts the client on the
 * supervisors' attention list with a safety-plan review date (severe: the next day; high: within
 * a week).
 */
export const RISK_ENTITY = 'counselingRiskAssessment';

const REVIEW_DAYS: Readonly<Record<'high' | 'severe', number>> = { severe: 1, high: 7 };

/** FORBIDDEN unless the actor may read the client's counseling content (and holds the key). */
export async function requireClientAccess(call: CounselingCall, clientId: string): Promise<ContentAccess> {
  assertHoldsConfidentialKey(call);
  await requireClient(call.db, clientId);
  const access = await clientContentAccess(call.db, call.actor, clientId, call.now);
  if (access === null) throw counselingError('FORBIDDEN', 'notAssignedToClient');
  return access;
}

export interface RecordedRisk {
  readonly id: string;
  readonly score: number;
  readonly level: RiskLevel;
  readonly previousLevel: RiskLevel | null;
  /** Set when the assessment put the client on the attention list. */
  readonly safetyPlanReviewOn: string | null;
}

/** `counseling.recordRiskAssessment`. */
export async function recordRiskAssessment(
  call: CounselingCall,
  input: { readonly clientId: string; readonly sessionId: string | null; readonly assessedAt: string; readonly instrumentId: string; readonly instrumentVersion: number; readonly answers: Readonly<Record<string, string>> },
): Promise<RecordedRisk> {
  await requireClientAccess(call, input.clientId);
  const instrument = findInstrument(input.instrumentId, input.instrumentVersion);
  if (!instrument) throw counselingError('CONFLICT', 'unknownInstrument');
  const scored = scoreRisk(instrument, input.answers);
  if (!scored) throw counselingError('CONFLICT', 'incompleteAnswers');
  const assessedAt = new Date(input.assessedAt).toISOString();
  return call.write(async (w) => {
    await requireActiveClient(w.trx, input.clientId);
    if (input.sessionId !== null && !(await w.trx.selectFrom('counseling_session_clients').select('id').where('session_id', '=', input.sessionId).where('client_id', '=', input.clientId).executeTakeFirst())) {
      throw counselingError('NOT_FOUND', 'session', { id: input.sessionId });
    }
    const previous = await w.trx
      .selectFrom('counseling_risk_assessments')
      .select('level')
      .where('client_id', '=', input.clientId)
      .where('assessed_at', '<=', assessedAt)
      .orderBy('assessed_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const id = newId(w.now.getTime());
    await w.trx
      .insertInto('counseling_risk_assessments')
      .values({
        id,
        client_id: input.clientId,
        psychologist_id: call.actor.userId,
        session_id: input.sessionId,
        assessed_at: assessedAt,
        instrument_id: instrument.id,
        instrument_version: instrument.version,
        score: scored.score,
        level: scored.level,
        answers: sealOnce(call, id, 'answers', canonicalJson({ ...input.answers })),
        created_at: w.now.toISOString(),
      })
      .execute();
    const previousLevel = previous?.level ?? null;
    const rose = (scored.level === 'high' || scored.level === 'severe') && (previousLevel === null || riskRank(previousLevel) < riskRank(scored.level));
    let safetyPlanReviewOn: string | null = null;
    if (rose && (scored.level === 'high' || scored.level === 'severe')) {
      safetyPlanReviewOn = new Date(new Date(assessedAt).getTime() + REVIEW_DAYS[scored.level] * 86_400_000).toISOString().slice(0, 10);
      await w.trx
        .insertInto('counseling_attention')
        .values({ id: newId(w.now.getTime()), client_id: input.clientId, risk_assessment_id: id, level: scored.level, raised_at: w.now.toISOString(), safety_plan_review_on: safetyPlanReviewOn })
        .execute();
    }
    await w.audit({
      action: 'counseling.recordRiskAssessment',
      entityType: RISK_ENTITY,
      entityId: id,
      details: { clientId: input.clientId, instrumentId: instrument.id, instrumentVersion: instrument.version, level: scored.level, attentionRaised: safetyPlanReviewOn !== null },
    });
    return { id, score: scored.score, level: scored.level, previousLevel, safetyPlanReviewOn };
  });
}

export interface RiskTrendPoint {
  readonly id: string;
  readonly assessedAt: string;
  readonly instrumentId: string;
  readonly instrumentVersion: number;
  readonly score: number;
  readonly level: RiskLevel;
}

/** `counseling.riskTrend`: a client's assessments, oldest first, and whether the last one rose or fell. */
export async function riskTrend(call: CounselingCall, clientId: string): Promise<{ points: RiskTrendPoint[]; direction: 'rising' | 'falling' | 'steady' | null }> {
  const access = await requireClientAccess(call, clientId);
  const rows = await call.db.selectFrom('counseling_risk_assessments').select(['id', 'assessed_at', 'instrument_id', 'instrument_version', 'score', 'level']).where('client_id', '=', clientId).orderBy('assessed_at').orderBy('id').execute();
  const points = rows.map((row) => ({ id: row.id, assessedAt: row.assessed_at, instrumentId: row.instrument_id, instrumentVersion: row.instrument_version, score: row.score, level: row.level }));
  await auditContentRead(call, { entityType: 'client', entityId: clientId }, 'counseling.riskTrend', access);
  const [before, last] = points.slice(-2);
  const direction = last === undefined ? null : before === undefined ? null : riskRank(last.level) > riskRank(before.level) ? 'rising' : riskRank(last.level) < riskRank(before.level) ? 'falling' : 'steady';
  return { points, direction };
}

/** `counseling.getRiskAssessment`: one assessment with its answers (audited). */
export async function getRiskAssessment(call: CounselingCall, id: string): Promise<RiskTrendPoint & { clientId: string; psychologistId: string; sessionId: string | null; answers: Record<string, string> }> {
  assertHoldsConfidentialKey(call);
  const row = await call.db.selectFrom('counseling_risk_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw counselingError('NOT_FOUND', 'riskAssessment', { id });
  const access = await requireClientAccess(call, row.client_id);
  const entity = { entityType: RISK_ENTITY, entityId: id };
  const answers = await openAudited(call, entity, () => JSON.parse(openOnce(call, id, 'answers', row.answers)) as Record<string, string>);
  await auditContentRead(call, entity, 'counseling.getRiskAssessment', access);
  return {
    id,
    clientId: row.client_id,
    psychologistId: row.psychologist_id,
    sessionId: row.session_id,
    assessedAt: row.assessed_at,
    instrumentId: row.instrument_id,
    instrumentVersion: row.instrument_version,
    score: row.score,
    level: row.level,
    answers,
  };
}

/** A client's name as the supervisors' lists carry it (not an opening of the record). */
export interface ListedClientName {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
}

export interface AttentionItem {
  readonly id: string;
  readonly clientId: string;
  readonly client: ListedClientName;
  readonly level: 'high' | 'severe';
  readonly riskAssessmentId: string;
  readonly raisedAt: string;
  readonly safetyPlanReviewOn: string;
  /** Whether a safety plan was recorded for the client since the item was raised. */
  readonly hasSafetyPlanSince: boolean;
}

/** `counseling.listAttention`: the supervisors' list of clients whose risk rose, not yet resolved. */
export async function listAttention(call: CounselingCall): Promise<{ items: AttentionItem[] }> {
  const rows = await call.db
    .selectFrom('counseling_attention as a')
    .innerJoin('clients', 'clients.id', 'a.client_id')
    .selectAll('a')
    .select(['clients.last_name', 'clients.first_name', 'clients.patronymic'])
    .where('a.resolved_at', 'is', null)
    .orderBy('a.safety_plan_review_on')
    .orderBy('a.raised_at')
    .execute();
  const items: AttentionItem[] = [];
  for (const row of rows) {
    const plan = await call.db.selectFrom('counseling_safety_plans').select('id').where('client_id', '=', row.client_id).where('created_at', '>=', row.raised_at).executeTakeFirst();
    const client = { lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic };
    items.push({ id: row.id, clientId: row.client_id, client, level: row.level, riskAssessmentId: row.risk_assessment_id, raisedAt: row.raised_at, safetyPlanReviewOn: row.safety_plan_review_on, hasSafetyPlanSince: plan !== undefined });
  }
  return { items };
}

/** `counseling.resolveAttention`: a supervisor takes a client off the list (kept as history). */
export async function resolveAttention(call: CounselingCall, id: string): Promise<{ id: string }> {
  return call.write(async (w) => {
    const row = await w.trx.selectFrom('counseling_attention').select(['id', 'client_id', 'resolved_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw counselingError('NOT_FOUND', 'attention', { id });
    if (row.resolved_at !== null) throw counselingError('CONFLICT', 'alreadyResolved');
    await w.trx.updateTable('counseling_attention').set({ resolved_by: call.actor.userId, resolved_at: w.now.toISOString() }).where('id', '=', id).execute();
    await w.audit({ action: 'counseling.resolveAttention', entityType: 'client', entityId: row.client_id, details: { attentionId: id } });
    return { id };
  });
}
