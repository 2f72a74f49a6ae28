import { localCalendarDate } from '../calendar/calendar';
import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { listCasesForClient } from './cases.repository';
import type { CaseCloseReason, CasePriority, PlanItemStatus } from './cases.schema';

export interface CaseOpenedEvent extends TimelineEventBase {
  readonly kind: 'caseOpened';
  readonly caseId: string;
  readonly priority: CasePriority;
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

export interface PlanItemFinishedEvent extends TimelineEventBase {
  readonly kind: 'planItemFinished';
  readonly caseId: string;
  readonly itemId: string;
  readonly serviceCode: string;
  readonly status: Extract<PlanItemStatus, 'done' | 'cancelled'>;
}

export type CaseEvent = CaseOpenedEvent | CaseClosedEvent | PlanItemAddedEvent | PlanItemFinishedEvent;

/** A case's life: opened, plan items added and finished, closed. */
export const caseSource = defineTimelineSource<CaseEvent>({
  name: 'cases',
  requires: 'cases.read',
  kinds: { caseOpened: 2, planItemAdded: 3, planItemFinished: 6, caseClosed: 7 },
  async collect(db, clientId) {
    const events: CaseEvent[] = [];
    for (const record of await listCasesForClient(db, clientId)) {
      events.push({ kind: 'caseOpened', key: `caseOpened:${record.id}`, date: record.openedOn, at: record.createdAt, caseId: record.id, priority: record.intake.priority });
      for (const item of record.plan) {
        events.push({
          kind: 'planItemAdded',
          key: `planItemAdded:${item.id}`,
          date: localCalendarDate(new Date(item.createdAt)),
          at: item.createdAt,
          caseId: record.id,
          itemId: item.id,
          serviceCode: item.serviceCode,
          goal: item.goal,
          dueDate: item.dueDate,
        });
        if (item.finishedOn !== null && (item.status === 'done' || item.status === 'cancelled')) {
          events.push({
            kind: 'planItemFinished',
            key: `planItemFinished:${item.id}`,
            date: item.finishedOn,
            at: item.updatedAt,
            caseId: record.id,
            itemId: item.id,
            serviceCode: item.serviceCode,
            status: item.status,
          });
        }
      }
      if (record.status === 'closed' && record.closedOn !== null && record.closeReason !== null) {
        events.push({ kind: 'caseClosed', key: `caseClosed:${record.id}`, date: record.closedOn, at: record.updatedAt, caseId: record.id, reason: record.closeReason });
      }
    }
    return events;
  },
});
