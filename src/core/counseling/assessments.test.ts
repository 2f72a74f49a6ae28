import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/test-center';
import { createCounselingTemplate, type CounselingCenter } from './counseling.test-support';
import { DEFAULT_RISK_INSTRUMENT, scoreRisk } from './risk-instrument';

const NOW = new Date('2026-11-25T05:00:00.000Z');
const centers = createCounselingTemplate(() => NOW);
let c: CounselingCenter;
let clientId: string;
let clientName: { lastName: string; firstName: string; patronymic: string | null };
beforeEach(async () => {
  c = await centers.copy();
  const registered = await c.t.registerClient('a');
  clientId = registered.id;
  clientName = { lastName: registered.lastName, firstName: registered.firstName, patronymic: registered.patronymic };
  await c.supervisor.invoke('counseling.assign', { clientId, psychologistId: c.t.staffId.psychologist });
});
afterEach(() => c.t.dispose());
afterAll(() => centers.dispose());

/** Every item answered with its first (no-risk) option, then the given overrides. */
function answers(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((item) => [item.id, item.options[0]?.id ?? ''])), ...overrides };
}

const risk = (assessedAt: string, chosen: Record<string, string>) => ({
  clientId,
  assessedAt,
  instrumentId: DEFAULT_RISK_INSTRUMENT.id,
  instrumentVersion: DEFAULT_RISK_INSTRUMENT.version,
  answers: answers(chosen),
});

describe('the risk instrument is data', () => {
  it('scores by weights and bands, raised by an answer\'s minimum level; incomplete answers do not score', () => {
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, answers())).toEqual({ score: 0, level: 'low' });
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, answers({ recentPhysicalViolence: 'once', escalation: 'yes' }))).toEqual({ score: 4, level: 'medium' });
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, answers({ strangulation: 'yes' }))).toEqual({ score: 4, level: 'high' });
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, answers({ suicidalThoughts: 'plan' }))).toEqual({ score: 5, level: 'severe' });
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, { ...answers(), extra: 'no' })).toBeNull();
    const { weapon: _weapon, ...missing } = answers();
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, missing)).toBeNull();
    expect(scoreRisk(DEFAULT_RISK_INSTRUMENT, answers({ weapon: 'maybe' }))).toBeNull();
  });
});

describe('risk assessments, safety plans and the survivor intake', () => {
  it('stores the instrument version and sealed answers, shows the trend, and a rise to high puts the client on the attention list', async () => {
    const low = await c.psychologist.invoke('counseling.recordRiskAssessment', risk('2026-11-01T08:00:00.000Z', { control: 'yes' }));
    expect(low).toMatchObject({ level: 'low', score: 1, previousLevel: null, safetyPlanReviewOn: null });
    const high = await c.psychologist.invoke('counseling.recordRiskAssessment', risk('2026-11-20T08:00:00.000Z', { strangulation: 'yes', threatsToKill: 'yes', separation: 'yes' }));
    expect(high).toMatchObject({ level: 'high', score: 9, previousLevel: 'low', safetyPlanReviewOn: '2026-11-27' });
    // Staying high does not raise it again.
    expect(await c.psychologist.invoke('counseling.recordRiskAssessment', risk('2026-11-24T08:00:00.000Z', { strangulation: 'yes' }))).toMatchObject({ level: 'high', safetyPlanReviewOn: null });

    const stored = c.t.behindTheApi().handle.prepare('SELECT instrument_id, instrument_version, answers FROM counseling_risk_assessments WHERE id = ?').get(high.id) as Record<string, unknown>;
    expect(stored).toMatchObject({ instrument_id: 'inson.riskScreen', instrument_version: 1 });
    expect(String(stored['answers'])).toMatch(/^cf2\./);
    expect(await c.psychologist.invoke('counseling.getRiskAssessment', { id: high.id })).toMatchObject({ level: 'high', answers: expect.objectContaining({ strangulation: 'yes', threatsToKill: 'yes' }) });
    const trend = await c.psychologist.invoke('counseling.riskTrend', { clientId });
    expect(trend.points.map((point) => point.level)).toEqual(['low', 'high', 'high']);
    expect(trend.direction).toBe('steady');

    const attention = await c.supervisor.invoke('counseling.listAttention', {});
    expect(attention.items).toEqual([expect.objectContaining({ clientId, client: clientName, level: 'high', riskAssessmentId: high.id, safetyPlanReviewOn: '2026-11-27', hasSafetyPlanSince: false })]);
    expect(await rejection(c.psychologist.invoke('counseling.listAttention', {}))).toMatchObject({ code: 'FORBIDDEN' });

    await c.psychologist.invoke('counseling.recordSafetyPlan', {
      clientId,
      reviewOn: '2026-11-27',
      content: {
        isNeeded: true,
        isMadeWithClient: true,
        mainConcern: 'He said he would find me wherever I go.',
        warningSigns: ['He drinks on Fridays'],
        safePlaces: ['Sister in Chilonzor'],
        safePeople: ['Neighbour Malika'],
        codeWordOrSignal: 'Calls and asks about the blue scarf',
        documentsToKeepReady: ['Passport', 'Children\'s birth certificates'],
        emergencyContacts: [{ name: 'Mahalla inspector', phone: '+998901234567', relation: 'police' }],
        stepsWhenViolenceHappens: 'Go to the kitchen door, call 102.',
        stepsAfterLeaving: 'Change the route to work.',
      },
    });
    expect((await c.supervisor.invoke('counseling.listAttention', {})).items).toEqual([expect.objectContaining({ hasSafetyPlanSince: true })]);
    const plan = await c.supervisor.invoke('counseling.getSafetyPlan', { clientId });
    expect(plan).toMatchObject({ revisions: 1, plan: { reviewOn: '2026-11-27', content: { codeWordOrSignal: 'Calls and asks about the blue scarf', safePeople: ['Neighbour Malika'] } } });
    await c.supervisor.invoke('counseling.resolveAttention', { id: attention.items[0]?.id ?? '' });
    expect((await c.supervisor.invoke('counseling.listAttention', {})).items).toEqual([]);

    // Nobody else reads any of it, and the audit log holds none of it.
    for (const api of [c.t.as.receptionist, c.t.as.administrator, c.t.as.manager, c.t.as.trainer]) {
      expect(await rejection(api.invoke('counseling.getSafetyPlan', { clientId }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await rejection(api.invoke('counseling.riskTrend', { clientId }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await rejection(api.invoke('counseling.getRiskAssessment', { id: high.id }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await rejection(c.secondPsychologist.invoke('counseling.getSafetyPlan', { clientId }))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notAssignedToClient' } });
    const audit = JSON.stringify(await c.t.db().selectFrom('audit_log').select(['details_json']).execute());
    for (const secret of ['blue scarf', 'Malika', 'wherever I go', 'strangulation']) expect(audit).not.toContain(secret);
    const reads = await c.t.db().selectFrom('audit_log').select(['entity_type', 'details_json']).where('action', '=', 'counseling.read').execute();
    expect(reads.map((read) => (JSON.parse(read.details_json) as { via: string }).via).sort()).toEqual(['counseling.getRiskAssessment', 'counseling.getSafetyPlan', 'counseling.riskTrend']);
  });

  it('refuses answers the instrument does not know, and an unknown version', async () => {
    expect(await rejection(c.psychologist.invoke('counseling.recordRiskAssessment', { ...risk(NOW.toISOString(), {}), instrumentVersion: 9 }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'unknownInstrument' } });
    expect(await rejection(c.psychologist.invoke('counseling.recordRiskAssessment', risk(NOW.toISOString(), { weapon: 'sometimes' })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'incompleteAnswers' } });
    expect(await rejection(c.secondPsychologist.invoke('counseling.recordRiskAssessment', risk(NOW.toISOString(), {})))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'notAssignedToClient' } });
  });

  it('keeps the survivor intake assessment sealed, the latest one answered', async () => {
    const need = (level: 'none' | 'some' | 'urgent', note = '') => ({ level, note });
    await c.psychologist.invoke('counseling.recordIntake', {
      clientId,
      assessedOn: '2026-11-20',
      content: {
        presentingProblem: 'I cannot sleep since he came back.',
        background: 'Married 12 years, two children.',
        livingSituation: 'Lives with her mother-in-law.',
        currentRisks: 'He has threatened her this month.',
        needs: { safety: need('urgent', 'Shelter for a week'), health: need('some'), psychosocial: need('urgent'), legal: need('some', 'Protection order'), material: need('none') },
      },
    });
    const read = await c.psychologist.invoke('counseling.getIntake', { clientId });
    expect(read).toMatchObject({ count: 1, intake: { assessedOn: '2026-11-20', content: { presentingProblem: 'I cannot sleep since he came back.', needs: { safety: { level: 'urgent', note: 'Shelter for a week' } } } } });
    const stored = c.t.behindTheApi().handle.prepare('SELECT content FROM counseling_intake_assessments').get() as { content: string };
    expect(stored.content).toMatch(/^cf2\./);
    expect(await rejection(c.t.as.receptionist.invoke('counseling.getIntake', { clientId }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
