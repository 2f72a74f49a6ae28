import { describe, expect, it } from 'vitest';
import { PERMISSION_TABLE } from '../app';
import { ROLES } from '../api/permissions';
import { canBeCaseWorker, canEditPlan } from './cases.policy';

describe('cases policy', () => {
  const actor = (role: (typeof ROLES)[number], userId = 'u1') => ({ userId, permissions: PERMISSION_TABLE.of(role) });

  it('lets holders of cases.write and the case’s own case worker edit an open plan, nobody else', () => {
    const open = { caseWorkerId: 'u1', status: 'open' };
    expect(canEditPlan(actor('receptionist', 'other'), open)).toBe(true);
    expect(canEditPlan(actor('psychologist', 'u1'), open)).toBe(true);
    expect(canEditPlan(actor('psychologist', 'u2'), open)).toBe(false);
    expect(canEditPlan(actor('manager', 'u2'), open)).toBe(false);
  });

  it('closes a closed case’s plan to everyone', () => {
    for (const role of ROLES) expect(canEditPlan(actor(role, 'u1'), { caseWorkerId: 'u1', status: 'closed' })).toBe(false);
  });

  it('names as case workers exactly the roles that read cases', () => {
    for (const role of ROLES) expect(canBeCaseWorker(role)).toBe(PERMISSION_TABLE.has(role, 'cases.read'));
    expect(canBeCaseWorker('trainer')).toBe(false);
    expect(canBeCaseWorker('administrator')).toBe(false);
  });
});
