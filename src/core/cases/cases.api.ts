import { defineMethod } from '../api/method';
import { localCalendarDate } from './calendar-date';
import { CASE_WORKER_ROLES, requireClient } from './care-guards';
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

export const open = defineMethod({
  name: 'cases.open',
  input: openCaseInput,
  access: 'cases.write',
  handler: (ctx, input) => openCase(ctx, input),
});

export const get = defineMethod({
  name: 'cases.get',
  input: getCaseInput,
  access: 'cases.read',
  handler: (ctx, input) => getCase(ctx.core.store.require().db, input.caseId),
});

/** A client's cases with their plans, the open one first. */
export const listForClient = defineMethod({
  name: 'cases.listForClient',
  input: listCasesForClientInput,
  access: 'cases.read',
  handler: async (ctx, input) => {
    const { db } = ctx.core.store.require();
    await requireClient(db, input.clientId);
    return { items: await listCasesForClient(db, input.clientId) };
  },
});

export const assign = defineMethod({
  name: 'cases.assign',
  input: assignCaseInput,
  access: 'cases.write',
  handler: (ctx, input) => assignCase(ctx, input),
});

/**
 * Colleagues who may be named case worker (active, in a role the assignment check accepts), for
 * the open-case and reassign screens: `staff.list` needs `staff.manage`, which receptionists lack.
 */
export const caseWorkers = defineMethod({
  name: 'cases.caseWorkers',
  input: caseWorkersInput,
  access: 'cases.write',
  handler: async (ctx) => ({ items: await listActiveStaffInRoles(ctx.core.store.require().db, CASE_WORKER_ROLES) }),
});

export const close = defineMethod({
  name: 'cases.close',
  input: closeCaseInput,
  access: 'cases.write',
  handler: (ctx, input) => closeCase(ctx, input),
});

/** Holders of cases.write, or the case's own case worker (checked in the service). */
export const addItem = defineMethod({
  name: 'plans.addItem',
  input: addPlanItemInput,
  access: 'cases.read',
  handler: (ctx, input) => addPlanItem(ctx, input),
});

/** Holders of cases.write, or the case's own case worker (checked in the service). */
export const updateItem = defineMethod({
  name: 'plans.updateItem',
  input: updatePlanItemInput,
  access: 'cases.read',
  handler: (ctx, input) => updatePlanItem(ctx, input),
});

/** The signed-in case worker's overdue plan items, most overdue first. */
export const overdue = defineMethod({
  name: 'plans.overdue',
  input: overduePlanItemsInput,
  access: 'cases.read',
  handler: async (ctx) => ({
    items: await overdueForCaseWorker(ctx.core.store.require().db, ctx.session.userId, localCalendarDate(ctx.core.now())),
  }),
});

export const casesMethods = [open, get, listForClient, assign, caseWorkers, close, addItem, updateItem, overdue] as const;
