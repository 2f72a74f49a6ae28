import { defineOutboxType } from '../sync/outbox.spec';

/**
 * What a case carries to the registry: codes and dates only. The household situation, the
 * closing note and the case worker stay in the center. A leaf module: the clients manifest lists it.
 */
export const CASE_OUTBOX = defineOutboxType({
  type: 'case',
  version: 1,
  fields: ['clientId', 'status', 'priority', 'needs', 'referralSource', 'openedOn', 'closedOn', 'closeReason'],
});

/** A care plan item: the planned service and its dates and status; never the goal's text. */
export const PLAN_ITEM_OUTBOX = defineOutboxType({
  type: 'planItem',
  version: 1,
  fields: ['caseId', 'clientId', 'serviceCode', 'serviceCategory', 'dueDate', 'status', 'finishedOn'],
});
