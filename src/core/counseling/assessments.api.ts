import { defineCoreMethod } from '../api/method';
import { recordIntake as recordIntakeService, getIntake as getIntakeService, recordSafetyPlan as recordSafetyPlanService, getSafetyPlan as getSafetyPlanService } from './care-records.service';
import { counselingCall } from './counseling.call';
import { clientRefInput, noInput, recordIntakeInput, recordRiskAssessmentInput, recordSafetyPlanInput, resolveAttentionInput, sessionRefInput } from './counseling.schema';
import { RISK_INSTRUMENTS } from './risk-instrument';
import { getRiskAssessment as getRiskAssessmentService, listAttention as listAttentionService, recordRiskAssessment as recordRiskAssessmentService, resolveAttention as resolveAttentionService, riskTrend as riskTrendService } from './risk.service';

/** Assessments, risk and safety plans: core methods for the same reason as the sessions' (the key is the session's). */
const WRITES = ['counseling.*'] as const;

/** The instruments as data, for the assessment form (item texts in four languages). */
export const riskInstruments = defineCoreMethod({
  name: 'counseling.riskInstruments',
  input: noInput,
  access: 'counseling.read',
  handler: () => ({ items: RISK_INSTRUMENTS }),
});

export const recordRiskAssessment = defineCoreMethod({
  name: 'counseling.recordRiskAssessment',
  input: recordRiskAssessmentInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => recordRiskAssessmentService(counselingCall(ctx), input),
});

export const riskTrend = defineCoreMethod({
  name: 'counseling.riskTrend',
  input: clientRefInput,
  access: 'counseling.read',
  handler: (ctx, input) => riskTrendService(counselingCall(ctx), input.clientId),
});

export const getRiskAssessment = defineCoreMethod({
  name: 'counseling.getRiskAssessment',
  input: sessionRefInput,
  access: 'counseling.read',
  handler: (ctx, input) => getRiskAssessmentService(counselingCall(ctx), input.id),
});

export const listAttention = defineCoreMethod({
  name: 'counseling.listAttention',
  input: noInput,
  access: 'counseling.supervise',
  handler: (ctx) => listAttentionService(counselingCall(ctx)),
});

export const resolveAttention = defineCoreMethod({
  name: 'counseling.resolveAttention',
  input: resolveAttentionInput,
  access: 'counseling.supervise',
  invalidates: WRITES,
  handler: (ctx, input) => resolveAttentionService(counselingCall(ctx), input.id),
});

export const recordIntake = defineCoreMethod({
  name: 'counseling.recordIntake',
  input: recordIntakeInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => recordIntakeService(counselingCall(ctx), input),
});

export const getIntake = defineCoreMethod({
  name: 'counseling.getIntake',
  input: clientRefInput,
  access: 'counseling.read',
  handler: (ctx, input) => getIntakeService(counselingCall(ctx), input.clientId),
});

export const recordSafetyPlan = defineCoreMethod({
  name: 'counseling.recordSafetyPlan',
  input: recordSafetyPlanInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => recordSafetyPlanService(counselingCall(ctx), input),
});

export const getSafetyPlan = defineCoreMethod({
  name: 'counseling.getSafetyPlan',
  input: clientRefInput,
  access: 'counseling.read',
  handler: (ctx, input) => getSafetyPlanService(counselingCall(ctx), input.clientId),
});

export const ASSESSMENT_METHODS = [riskInstruments, recordRiskAssessment, riskTrend, getRiskAssessment, listAttention, resolveAttention, recordIntake, getIntake, recordSafetyPlan, getSafetyPlan] as const;
