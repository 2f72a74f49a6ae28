import { describe, expect, it } from 'vitest';
import { intakeFieldPath, intakeFormValues, intakeResolver } from './intake-form';
import { EMPTY_SAFETY_PLAN, safetyPlanFieldPath, safetyPlanFormValues, safetyPlanResolver, toSafetyPlanInput } from './safety-plan-form';
import { linesOf } from './schema-resolver';

const CLIENT_ID = '0190f0a0-0000-7000-8000-000000000001';
const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as const;

describe('safety plan form', () => {
  it('sends the lists one item a line, without blank lines, and no review date as null', () => {
    const input = toSafetyPlanInput(CLIENT_ID, { ...EMPTY_SAFETY_PLAN, warningSigns: ' He drinks \n\n  shouts at the children\n', safePlaces: '' });
    expect(input.content.warningSigns).toEqual(['He drinks', 'shouts at the children']);
    expect(input.content.safePlaces).toEqual([]);
    expect(input.reviewOn).toBeNull();
  });

  it('starts a revision from the current plan, lists back to lines', () => {
    const plan = {
      reviewOn: '2026-12-10',
      content: { ...toSafetyPlanInput(CLIENT_ID, EMPTY_SAFETY_PLAN).content, warningSigns: ['a', 'b'], emergencyContacts: [{ name: 'Opa', phone: '+998 90 123 45 67', relation: 'sister' }] },
    };
    const values = safetyPlanFormValues(plan);
    expect(values.warningSigns).toBe('a\nb');
    expect(values.reviewOn).toBe('2026-12-10');
    expect(toSafetyPlanInput(CLIENT_ID, values).content).toEqual(plan.content);
  });

  it('puts an issue of one list item under its box, and of a contact under that contact\'s field', () => {
    expect(safetyPlanFieldPath(['content', 'warningSigns', 3])).toBe('warningSigns');
    expect(safetyPlanFieldPath(['content', 'emergencyContacts', 0, 'name'])).toBe('emergencyContacts.0.name');
    expect(safetyPlanFieldPath(['reviewOn'])).toBe('reviewOn');
    expect(safetyPlanFieldPath(['content', 'emergencyContacts'])).toBe('');
  });

  it('refuses what the core refuses: a contact without a name, a list line over 500 characters', async () => {
    const resolve = safetyPlanResolver(CLIENT_ID);
    const refused = await resolve({ ...EMPTY_SAFETY_PLAN, safePeople: 'x'.repeat(501), emergencyContacts: [{ name: '', phone: '', relation: '' }] }, undefined, resolverOptions);
    expect(Object.keys(refused.errors).sort()).toEqual(['emergencyContacts', 'safePeople']);
    expect(refused.errors.emergencyContacts?.[0]?.name?.message).toBe('required');
    expect(refused.errors.safePeople?.message).toBe('maxLength?maximum=500');
    const accepted = await resolve({ ...EMPTY_SAFETY_PLAN, safePeople: 'Opa' }, undefined, resolverOptions);
    expect(accepted.errors).toEqual({});
  });
});

describe('intake form', () => {
  it('needs the presenting problem, and places a need\'s note issue under that note', async () => {
    const resolve = intakeResolver(CLIENT_ID);
    const refused = await resolve(intakeFormValues('2026-12-03', null), undefined, resolverOptions);
    expect(refused.errors.presentingProblem?.message).toBe('required');
    expect(intakeFieldPath(['content', 'needs', 'legal', 'note'])).toBe('needs.legal.note');
    const accepted = await resolve({ ...intakeFormValues('2026-12-03', null), presentingProblem: 'Eri uradi.' }, undefined, resolverOptions);
    expect(accepted.errors).toEqual({});
  });
});

describe('linesOf', () => {
  it('keeps the non-empty trimmed lines', () => {
    expect(linesOf('a\r\n b \n\n')).toEqual(['a', 'b']);
  });
});
