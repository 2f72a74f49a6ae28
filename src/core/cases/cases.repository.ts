
import type { ReadDb, WriteTx } from '../db/handles';
import type { Role } from '../api/permissions';

import { daysOverdue, sortOverdue } from './plan-overdue';
import {
  NEED_CODES,
  OPEN_PLAN_ITEM_STATUSES,
  type CaseCloseReason,
  type CaseRecord,
  type CaseWorker,
  type CaseWithPlan,
  type Intake,
  type NeedCode,
  type OverduePlanItem,
  type PlanItem,
  type PlanItemStatus,
} from './cases.schema';
import type { CaseRow, PlanItemRow } from './cases.table';

type Queryable = ReadDb;

export interface NewCase {
  readonly id: string;
  readonly clientId: string;
  readonly intake: Intake;
  readonly caseWorkerId: string;
  readonly openedOn: string;
  readonly openedBy: string;
  readonly at: string;
}

/** @example await insertCase(w.trx, { id, clientId, intake, caseWorkerId, openedOn, openedBy, at }); */
export async function insertCase(db: WriteTx, input: NewCase): Promise<void> {
  await db
    .insertInto('cases')
    .values({
      id: input.id,
      client_id: input.clientId,
      status: 'open',
      needs_json: JSON.stringify(input.intake.needs),
      referral_source: input.intake.referralSource,
      priority: input.intake.priority,
      household_situation: input.intake.householdSituation,
      case_worker_id: input.caseWorkerId,
      opened_on: input.openedOn,
      opened_by: input.openedBy,
      created_at: input.at,
      updated_at: input.at,
    })
    .execute();
}

/** @example const record = await findCase(db, caseId); // null when absent */
export async function findCase(db: Queryable, caseId: string): Promise<CaseRecord | null> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row === undefined ? null : toCaseRecord(row);
}

/** The case with its care plan (items by due date). */
export async function findCaseWithPlan(db: Queryable, caseId: string): Promise<CaseWithPlan | null> {
  const record = await findCase(db, caseId);
  if (record === null) return null;
  return { ...record, plan: await listPlanItems(db, caseId) };
}

/** A client's cases, the open one first, then the most recently opened. */
export async function listCasesForClient(db: Queryable, clientId: string): Promise<CaseWithPlan[]> {
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('status', 'desc') // 'open' sorts after 'closed', so desc puts it first
    .orderBy('opened_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return Promise.all(rows.map(async (row) => ({ ...toCaseRecord(row), plan: await listPlanItems(db, row.id) })));
}

/** @example const open = await findOpenCaseId(trx, clientId); */
export async function findOpenCaseId(db: Queryable, clientId: string): Promise<string | null> {
  const row = await db.selectFrom('cases').select('id').where('client_id', '=', clientId).where('status', '=', 'open').executeTakeFirst();
  return row?.id ?? null;
}

/** Open cases whose case worker is this staff member (a role change that would strand them is refused). */
export async function countOpenCasesOfCaseWorker(db: Queryable, caseWorkerId: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('case_worker_id', '=', caseWorkerId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setCaseWorker(db: WriteTx, caseId: string, caseWorkerId: string, at: string): Promise<void> {
  await db.updateTable('cases').set({ case_worker_id: caseWorkerId, updated_at: at }).where('id', '=', caseId).execute();
}

export interface CaseClosure {
  readonly reason: CaseCloseReason;
  readonly note: string | null;
  readonly closedOn: string;
  readonly closedBy: string;
  readonly at: string;
}

export async function markCaseClosed(db: WriteTx, caseId: string, closure: CaseClosure): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      status: 'closed',
      closed_on: closure.closedOn,
      closed_by: closure.closedBy,
      close_reason: closure.reason,
      close_note: closure.note,
      updated_at: closure.at,
    })
    .where('id', '=', caseId)
    .execute();
}

export interface NewPlanItem {
  readonly id: string;
  readonly caseId: string;
  readonly serviceCode: string;
  readonly goal: string;
  readonly dueDate: string;
  readonly createdBy: string;
  readonly at: string;
}

export async function insertPlanItem(db: WriteTx, item: NewPlanItem): Promise<void> {
  await db
    .insertInto('plan_items')
    .values({
      id: item.id,
      case_id: item.caseId,
      service_code: item.serviceCode,
      goal: item.goal,
      due_date: item.dueDate,
      status: 'planned',
      created_at: item.at,
      created_by: item.createdBy,
      updated_at: item.at,
    })
    .execute();
}

export async function findPlanItem(db: Queryable, itemId: string): Promise<PlanItem | null> {
  const row = await db.selectFrom('plan_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  return row === undefined ? null : toPlanItem(row);
}

export async function listPlanItems(db: Queryable, caseId: string): Promise<PlanItem[]> {
  const rows = await db.selectFrom('plan_items').selectAll().where('case_id', '=', caseId).orderBy('due_date').orderBy('created_at').execute();
  return rows.map(toPlanItem);
}

export interface PlanItemChange {
  readonly status: PlanItemStatus;
  readonly goal: string;
  readonly dueDate: string;
  readonly finishedOn: string | null;
  readonly at: string;
}

export async function updatePlanItemRow(db: WriteTx, itemId: string, change: PlanItemChange): Promise<void> {
  await db
    .updateTable('plan_items')
    .set({ status: change.status, goal: change.goal, due_date: change.dueDate, finished_on: change.finishedOn, updated_at: change.at })
    .where('id', '=', itemId)
    .execute();
}

/**
 * Open cases' plan items past their due date, for one case worker, most overdue first.
 *
 * @example const items = await listOverduePlanItems(db, session.userId, '2026-11-25');
 */
export async function listOverduePlanItems(db: Queryable, caseWorkerId: string, today: string): Promise<OverduePlanItem[]> {
  const rows = await db
    .selectFrom('plan_items')
    .innerJoin('cases', 'cases.id', 'plan_items.case_id')
    .selectAll('plan_items')
    .select('cases.client_id')
    .where('cases.case_worker_id', '=', caseWorkerId)
    .where('cases.status', '=', 'open')
    .where('plan_items.status', 'in', OPEN_PLAN_ITEM_STATUSES)
    .where('plan_items.due_date', '<', today)
    .execute();
  return sortOverdue(rows.map((row) => ({ ...toPlanItem(row), clientId: row.client_id, daysOverdue: daysOverdue(toPlanItem(row), today) })));
}

function toCaseRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    status: row.status,
    intake: {
      needs: parseNeeds(row.needs_json),
      referralSource: row.referral_source,
      priority: row.priority,
      householdSituation: row.household_situation,
    },
    caseWorkerId: row.case_worker_id,
    openedOn: row.opened_on,
    openedBy: row.opened_by,
    createdAt: row.created_at,
    closedOn: row.closed_on,
    closedBy: row.closed_by,
    closeReason: row.close_reason,
    closeNote: row.close_note,
    updatedAt: row.updated_at,
  };
}

/** The column holds what the core wrote; unknown codes (from a newer build) are dropped, not trusted. */
function parseNeeds(json: string): NeedCode[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return [];
  return value.filter((code): code is NeedCode => (NEED_CODES as readonly unknown[]).includes(code));
}

function toPlanItem(row: PlanItemRow): PlanItem {
  return {
    id: row.id,
    caseId: row.case_id,
    serviceCode: row.service_code,
    goal: row.goal,
    dueDate: row.due_date,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    finishedOn: row.finished_on,
  };
}

/**
 * Active staff in the given roles, by display name: only id, name and role are read (no username,
 * no sign-in or key-slot details), so a receptionist can pick a colleague without `staff.manage`.
 *
 * @example await listActiveStaffInRoles(db, CASE_WORKER_ROLES);
 */
export async function listActiveStaffInRoles(db: Queryable, roles: readonly Role[]): Promise<CaseWorker[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'role'])
    .where('is_active', '=', 1)
    .where('role', 'in', roles)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, role: row.role }));
}
