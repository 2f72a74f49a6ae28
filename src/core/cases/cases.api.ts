import { defineRead, defineWrite } from '../api/method';
import { localCalendarDate } from '../calendar/calendar';
import { requireClient } from '../clients/clients.guards';
import { ROLES } from '../api/permissions';
import { canBeCaseWorker } from './cases.policy';
import { listActiveStaffInRoles, listCasesForClient } from './cases.repository';
import {
  addPlanItemInput,
  assignCaseInput,
  caseWorkersInput,
  closeCaseInput,
  getCaseInput,
  listCasesForClientInput,
  openCaseInput,
  overduePlanItemsInput,
  updatePlanItemInput,
} from './cases.schema';
import { addPlanItem, assignCase, closeCase, getCase, openCase, overdueForCaseWorker, updatePlanItem } from './cases.service';

export const open = defineWrite({
  name: 'cases.open',
  input: openCaseInput,
  access: 'cases.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => openCase(w, input),
});

export const get = defineRead({
  name: 'cases.get',
  input: getCaseInput,
  access: 'cases.read',
  handler: (ctx, input) => getCase(ctx.db, input.caseId),
});

/** A client's cases with their plans, the open one first. */
export const listForClient = defineRead({
  name: 'cases.listForClient',
  input: listCasesForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    await requireClient(ctx.db, input.clientId);
    return { items: await listCasesForClient(ctx.db, input.clientId) };
  },
});

export const assign = defineWrite({
  name: 'cases.assign',
  input: assignCaseInput,
  access: 'cases.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => assignCase(w, input),
});

/**
 * Colleagues who may be named case worker (active, in a role the assignment check accepts), for
 * the open-case and reassign screens: `staff.list` needs `staff.manage`, which receptionists lack.
 */
export const caseWorkers = defineRead({
  name: 'cases.caseWorkers',
  input: caseWorkersInput,
  access: 'cases.write',
  handler: async (ctx) => ({ items: await listActiveStaffInRoles(ctx.db, ROLES.filter(canBeCaseWorker)) }),
});

export const close = defineWrite({
  name: 'cases.close',
  input: closeCaseInput,
  access: 'cases.write',
  invalidates: ['timeline.*'],
  handler: (w, input) => closeCase(w, input),
});

/** Any reader of cases may ask; `canEditPlan` (cases.policy.ts) decides on the case itself. */
export const addPlanItemMethod = defineWrite({
  name: 'cases.addPlanItem',
  input: addPlanItemInput,
  access: 'cases.read',
  invalidates: ['timeline.*'],
  handler: (w, input) => addPlanItem(w, input),
});

/** Any reader of cases may ask; `canEditPlan` (cases.policy.ts) decides on the case itself. */
export const updatePlanItemMethod = defineWrite({
  name: 'cases.updatePlanItem',
  input: updatePlanItemInput,
  access: 'cases.read',
  invalidates: ['timeline.*'],
  handler: (w, input) => updatePlanItem(w, input),
});

/** The signed-in case worker's overdue plan items, most overdue first. */
export const overduePlanItems = defineRead({
  name: 'cases.overduePlanItems',
  input: overduePlanItemsInput,
  access: 'cases.read',
  handler: async (ctx) => ({ items: await overdueForCaseWorker(ctx.db, ctx.actor.userId, localCalendarDate(ctx.now)) }),
});
