import { listAuditedChanges, type AuditedChange } from '../audit/audit-history';
import { localCalendarDate } from '../calendar/calendar';
import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { listCasesForClient } from './cases.repository';
import { PLAN_ITEM_STATUSES, type CaseCloseReason, type CasePriority, type CaseWithPlan, type PlanItemStatus } from './cases.schema';

export interface CaseOpenedEvent extends TimelineEventBase {
  readonly kind: 'caseOpened';
  readonly caseId: string;
  readonly priority: CasePriority;
  /** The case worker it was opened with (later ones come as `caseReassigned`). */
  readonly caseWorkerId: string;
}

export interface CaseReassignedEvent extends TimelineEventBase {
  readonly kind: 'caseReassigned';
  readonly caseId: string;
  readonly fromCaseWorkerId: string;
  readonly toCaseWorkerId: string;
}

export interface CaseClosedEvent extends TimelineEventBase {
  readonly kind: 'caseClosed';
  readonly caseId: string;
  readonly reason: CaseCloseReason;
}

export interface PlanItemAddedEvent extends TimelineEventBase {
  readonly kind: 'planItemAdded';
  readonly caseId: string;
  readonly itemId: string;
  readonly serviceCode: string;
  readonly goal: string;
  readonly dueDate: string;
}

/** A plan item's status changed (started, done, cancelled, reopened). `fromStatus` null: a finished item whose change left no audit trail. */
export interface PlanItemStatusChangedEvent extends TimelineEventBase {
  readonly kind: 'planItemStatusChanged';
  readonly caseId: string;
  readonly itemId: string;
  readonly serviceCode: string;
  readonly goal: string;
  readonly fromStatus: PlanItemStatus | null;
  readonly toStatus: PlanItemStatus;
}

export type CaseEvent = CaseOpenedEvent | CaseReassignedEvent | CaseClosedEvent | PlanItemAddedEvent | PlanItemStatusChangedEvent;

const ASSIGN_ACTION = 'cases.assign';
const UPDATE_PLAN_ITEM_ACTION = 'cases.updatePlanItem';

function asStatus(value: unknown): PlanItemStatus | null {
  return PLAN_ITEM_STATUSES.find((status) => status === value) ?? null;
}

function asText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The reassignments of one case, from the audit log (the case row keeps only the current case worker). */
function reassignmentsOf(record: CaseWithPlan, changes: readonly AuditedChange[]): CaseReassignedEvent[] {
  const events: CaseReassignedEvent[] = [];
  for (const change of changes) {
    if (change.entityId !== record.id) continue;
    const from = asText(change.details.fromCaseWorkerId);
    const to = asText(change.details.toCaseWorkerId);
    if (from === null || to === null) continue;
    events.push({
      kind: 'caseReassigned',
      key: `caseReassigned:${change.seq}`,
      date: localCalendarDate(new Date(change.at)),
      at: change.at,
      byId: change.actorId,
      caseId: record.id,
      fromCaseWorkerId: from,
      toCaseWorkerId: to,
    });
  }
  return events;
}

/** Every status change of one plan item, from the audit log; a finished item without one gets a single event from its row. */
function statusChangesOf(record: CaseWithPlan, item: CaseWithPlan['plan'][number], changes: readonly AuditedChange[]): PlanItemStatusChangedEvent[] {
  const base = { kind: 'planItemStatusChanged', caseId: record.id, itemId: item.id, serviceCode: item.serviceCode, goal: item.goal } as const;
  const events: PlanItemStatusChangedEvent[] = [];
  for (const change of changes) {
    if (change.entityId !== item.id) continue;
    const fromStatus = asStatus(change.details.fromStatus);
    const toStatus = asStatus(change.details.toStatus);
    if (toStatus === null || fromStatus === toStatus) continue;
    events.push({ ...base, key: `planItemStatusChanged:${change.seq}`, date: localCalendarDate(new Date(change.at)), at: change.at, byId: change.actorId, fromStatus, toStatus });
  }
  if (events.length === 0 && item.finishedOn !== null && item.status !== 'planned' && item.status !== 'inProgress') {
    events.push({ ...base, key: `planItemStatusChanged:${item.id}`, date: item.finishedOn, at: item.updatedAt, byId: null, fromStatus: null, toStatus: item.status });
  }
  return events;
}

/** A case's life: opened, reassigned, plan items added and their status changes, closed; each with who did it. */
export const caseSource = defineTimelineSource<CaseEvent>({
  name: 'cases',
  requires: 'cases.read',
  kinds: { caseOpened: 2, caseReassigned: 3, planItemAdded: 4, planItemStatusChanged: 7, caseClosed: 8 },
  staffIdsOf(event) {
    if (event.kind === 'caseReassigned') return [event.fromCaseWorkerId, event.toCaseWorkerId];
    if (event.kind === 'caseOpened') return [event.caseWorkerId];
    return [];
  },
  async collect(db, clientId) {
    const records = await listCasesForClient(db, clientId);
    const assignments = await listAuditedChanges(db, 'case', records.map((record) => record.id), [ASSIGN_ACTION]);
    const itemChanges = await listAuditedChanges(db, 'planItem', records.flatMap((record) => record.plan.map((item) => item.id)), [UPDATE_PLAN_ITEM_ACTION]);
    const events: CaseEvent[] = [];
    for (const record of records) {
      const reassignments = reassignmentsOf(record, assignments);
      events.push({
        kind: 'caseOpened',
        key: `caseOpened:${record.id}`,
        date: record.openedOn,
        at: record.createdAt,
        byId: record.openedBy,
        caseId: record.id,
        priority: record.intake.priority,
        caseWorkerId: reassignments[0]?.fromCaseWorkerId ?? record.caseWorkerId,
      });
      events.push(...reassignments);
      for (const item of record.plan) {
        events.push({
          kind: 'planItemAdded',
          key: `planItemAdded:${item.id}`,
          date: localCalendarDate(new Date(item.createdAt)),
          at: item.createdAt,
          byId: item.createdBy,
          caseId: record.id,
          itemId: item.id,
          serviceCode: item.serviceCode,
          goal: item.goal,
          dueDate: item.dueDate,
        });
        events.push(...statusChangesOf(record, item, itemChanges));
      }
      if (record.status === 'closed' && record.closedOn !== null && record.closeReason !== null) {
        events.push({ kind: 'caseClosed', key: `caseClosed:${record.id}`, date: record.closedOn, at: record.updatedAt, byId: record.closedBy, caseId: record.id, reason: record.closeReason });
      }
    }
    return events;
  },
});
