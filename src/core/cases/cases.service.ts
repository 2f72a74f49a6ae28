import type { ReadDb } from '../db/handles';
import { casesError } from './cases.errors';
import { CASE_OUTBOX, PLAN_ITEM_OUTBOX } from './cases.outbox';
import { AppError, invalidInput } from '../api/errors';
import type { WriteContext } from '../api/context';
import type { WriteScope } from '../audit/run-write';

import { findClientRow } from '../clients/clients.repository';
import { newId } from '../db/ids';
import { findCatalogEntry } from '../services/services.repository';
import { requireActiveService } from '../services/services.service';
import { assertPastDate, assertPlausibleDate, localCalendarDate } from '../calendar/calendar';
import { requireActiveClient } from '../clients/clients.guards';
import { canBeCaseWorker, canEditPlan } from './cases.policy';
import { findStaffById } from '../staff/staff.repository';
import {
  findCase,
  findCaseWithPlan,
  findOpenCaseId,
  findPlanItem,
  insertCase,
  insertPlanItem,
  listOverduePlanItems,
  markCaseClosed,
  setCaseWorker,
  updatePlanItemRow,
} from './cases.repository';
import type {
  AddPlanItemInput,
  CaseRecord,
  CaseWithPlan,
  CloseCaseInput,
  OpenCaseRequest,
  OverduePlanItemWithClient,
  PlanItem,
  PlanItemStatus,
  UpdatePlanItemInput,
} from './cases.schema';

/**
 * Case and care-plan rules that need the clock or the database. Every change appends an audit
 * event and re-sends the case or plan item to the outbox with codes and dates only.
 */

/**
 * `cases.open`: the intake assessment and the assigned case worker. A client has one open case at
 * a time: a second is refused with CONFLICT naming the open one.
 *
 * @example await openCase(w, { clientId, intake: { needs: ['housing'], referralSource: 'mahalla', priority: 'high', householdSituation: '' }, caseWorkerId });
 */
export async function openCase(w: WriteContext, input: OpenCaseRequest): Promise<CaseWithPlan> {
  const today = localCalendarDate(w.now);
  const openedOn = input.openedOn ?? today;
  assertPastDate(openedOn, today, ['openedOn']);
  await requireActiveClient(w.trx, input.clientId);
  await requireCaseWorker(w.trx, input.caseWorkerId);
  const openCaseId = await findOpenCaseId(w.trx, input.clientId);
  if (openCaseId !== null) throw casesError('CONFLICT', 'caseAlreadyOpen', { caseId: openCaseId });
  const id = newId(w.now.getTime());
  await insertCase(w.trx, {
    id,
    clientId: input.clientId,
    intake: input.intake,
    caseWorkerId: input.caseWorkerId,
    openedOn,
    openedBy: w.actor.userId,
    at: w.now.toISOString(),
  });
  await w.audit({
    entityType: 'case',
    entityId: id,
    details: { clientId: input.clientId, priority: input.intake.priority, caseWorkerId: input.caseWorkerId },
  });
  return sendCase(w, id);
}

/** `cases.get`: the case with its plan, or NOT_FOUND. */
export async function getCase(db: ReadDb, caseId: string): Promise<CaseWithPlan> {
  const found = await findCaseWithPlan(db, caseId);
  if (found === null) throw casesError('NOT_FOUND', 'case', { id: caseId });
  return found;
}

/** `cases.assign`: hands an open case to another case worker. */
export async function assignCase(w: WriteContext, input: { readonly caseId: string; readonly caseWorkerId: string }): Promise<CaseWithPlan> {
  const existing = await requireOpenCase(w.trx, input.caseId);
  await requireCaseWorker(w.trx, input.caseWorkerId);
  await setCaseWorker(w.trx, input.caseId, input.caseWorkerId, w.now.toISOString());
  await w.audit({
    entityType: 'case',
    entityId: input.caseId,
    details: { fromCaseWorkerId: existing.caseWorkerId, toCaseWorkerId: input.caseWorkerId },
  });
  // The outbox record carries no case worker, so there is nothing new for the registry.
  return getCase(w.trx, input.caseId);
}

/**
 * `cases.close`: with a reason code and an optional note, on a day not before the case opened.
 * Open plan items stay as they are (they stop counting as overdue once the case is closed).
 */
export async function closeCase(w: WriteContext, input: CloseCaseInput): Promise<CaseWithPlan> {
  const today = localCalendarDate(w.now);
  const closedOn = input.closedOn ?? today;
  assertPastDate(closedOn, today, ['closedOn']);
  const existing = await requireOpenCase(w.trx, input.caseId);
  if (closedOn < existing.openedOn) {
    throw invalidInput(['closedOn'], 'before_opened', 'The case closes before it opened');
  }
  await markCaseClosed(w.trx, input.caseId, {
    reason: input.reason,
    note: input.note ?? null,
    closedOn,
    closedBy: w.actor.userId,
    at: w.now.toISOString(),
  });
  await w.audit({ entityType: 'case', entityId: input.caseId, details: { reason: input.reason } });
  return sendCase(w, input.caseId);
}

/** `cases.addPlanItem`: a planned service with a goal and a due date, on an open case. */
export async function addPlanItem(w: WriteContext, input: AddPlanItemInput): Promise<PlanItem> {
  assertPlausibleDate(input.dueDate, ['dueDate']);
  const parent = await requireOpenCase(w.trx, input.caseId);
  requirePlanEditor(w, parent);
  await requireActiveService(w.trx, input.serviceCode);
  const id = newId(w.now.getTime());
  await insertPlanItem(w.trx, {
    id,
    caseId: input.caseId,
    serviceCode: input.serviceCode,
    goal: input.goal,
    dueDate: input.dueDate,
    createdBy: w.actor.userId,
    at: w.now.toISOString(),
  });
  await w.audit({ entityType: 'planItem', entityId: id, details: { caseId: input.caseId, serviceCode: input.serviceCode } });
  return sendPlanItem(w, id, parent.clientId);
}

/**
 * `cases.updatePlanItem`: status, goal or due date. Reaching done or cancelled stamps today's date;
 * reopening clears it. Items of a closed case are history and cannot change.
 */
export async function updatePlanItem(w: WriteContext, input: UpdatePlanItemInput): Promise<PlanItem> {
  const today = localCalendarDate(w.now);
  if (input.dueDate !== undefined) assertPlausibleDate(input.dueDate, ['dueDate']);
  const item = await findPlanItem(w.trx, input.itemId);
  if (item === null) throw casesError('NOT_FOUND', 'planItem', { id: input.itemId });
  const parent = await requireOpenCase(w.trx, item.caseId);
  requirePlanEditor(w, parent);
  const status: PlanItemStatus = input.status ?? item.status;
  const isFinished = status === 'done' || status === 'cancelled';
  // Only a change of status moves the finishing date: today when it finishes, none when reopened.
  const finishedOn = status === item.status ? item.finishedOn : isFinished ? today : null;
  await updatePlanItemRow(w.trx, item.id, {
    status,
    goal: input.goal ?? item.goal,
    dueDate: input.dueDate ?? item.dueDate,
    finishedOn,
    at: w.now.toISOString(),
  });
  await w.audit({
    entityType: 'planItem',
    entityId: item.id,
    details: { caseId: item.caseId, fromStatus: item.status, toStatus: status, isDueDateChanged: input.dueDate !== undefined && input.dueDate !== item.dueDate },
  });
  return sendPlanItem(w, item.id, parent.clientId);
}

/**
 * `cases.overduePlanItems`: the case worker's overdue items, most overdue first, each with its client's name.
 *
 * @example const items = await overdueForCaseWorker(db, session.userId, '2026-11-25');
 */
export async function overdueForCaseWorker(db: ReadDb, caseWorkerId: string, today: string): Promise<OverduePlanItemWithClient[]> {
  const items = await listOverduePlanItems(db, caseWorkerId, today);
  const names = new Map<string, OverduePlanItemWithClient['client']>();
  for (const clientId of new Set(items.map((item) => item.clientId))) {
    const row = await findClientRow(db, clientId);
    names.set(clientId, { lastName: row?.last_name ?? '', firstName: row?.first_name ?? '', patronymic: row?.patronymic ?? null });
  }
  return items.map((item) => ({ ...item, client: names.get(item.clientId) ?? { lastName: '', firstName: '', patronymic: null } }));
}

/**
 * Who may change a care plan (`canEditPlan`, shared with the UI): holders of `cases.write`, and
 * the case's own case worker whatever their role, since the method itself only asks for `cases.read`.
 */
function requirePlanEditor(w: WriteContext, parent: CaseRecord): void {
  if (!canEditPlan(w.actor, parent)) throw casesError('FORBIDDEN', 'notCaseWorker', { caseId: parent.id });
}

/**
 * A case worker must be an active staff member whose role can be a case worker (see `canBeCaseWorker`).
 *
 * @example await requireCaseWorker(w.trx, input.caseWorkerId);
 */
async function requireCaseWorker(db: ReadDb, staffId: string): Promise<void> {
  const staff = await findStaffById(db, staffId);
  if (staff === undefined) throw casesError('NOT_FOUND', 'staff', { id: staffId, field: 'caseWorkerId' });
  if (staff.is_active !== 1) throw casesError('CONFLICT', 'caseWorkerInactive', { field: 'caseWorkerId' });
  if (!canBeCaseWorker(staff.role)) {
    throw casesError('CONFLICT', 'caseWorkerRoleCannotReadCases', { field: 'caseWorkerId', role: staff.role });
  }
}

async function requireOpenCase(db: ReadDb, caseId: string): Promise<CaseRecord> {
  const found = await findCase(db, caseId);
  if (found === null) throw casesError('NOT_FOUND', 'case', { id: caseId });
  if (found.status !== 'open') throw casesError('CONFLICT', 'caseClosed', { caseId });
  return found;
}

/** Appends the case's current state to the outbox and returns it with its plan. */
async function sendCase(w: WriteScope, caseId: string): Promise<CaseWithPlan> {
  const stored = await getCase(w.trx, caseId);
  await w.outbox({
    spec: CASE_OUTBOX,
    entityId: stored.id,
    op: 'upsert',
    data: {
      clientId: stored.clientId,
      status: stored.status,
      priority: stored.intake.priority,
      needs: stored.intake.needs,
      referralSource: stored.intake.referralSource,
      openedOn: stored.openedOn,
      closedOn: stored.closedOn,
      closeReason: stored.closeReason,
    },
  });
  return stored;
}

async function sendPlanItem(w: WriteScope, itemId: string, clientId: string): Promise<PlanItem> {
  const item = await findPlanItem(w.trx, itemId);
  if (item === null) throw new AppError('INTERNAL', { reason: 'planItemNotStored' });
  const service = await findCatalogEntry(w.trx, item.serviceCode);
  await w.outbox({
    spec: PLAN_ITEM_OUTBOX,
    entityId: item.id,
    op: 'upsert',
    data: {
      caseId: item.caseId,
      clientId,
      serviceCode: item.serviceCode,
      serviceCategory: service?.category ?? null,
      dueDate: item.dueDate,
      status: item.status,
      finishedOn: item.finishedOn,
    },
  });
  return item;
}
