import type { OutboxTypeSpec } from '../sync/outbox-allowlist';

/**
 * What a case carries to the registry: codes and dates only. The household situation, the
 * closing note and the case worker stay in the center. A leaf module: the allow-list imports it.
 */
export const CASE_OUTBOX = {
  version: 1,
  fields: ['clientId', 'status', 'priority', 'needs', 'referralSource', 'openedOn', 'closedOn', 'closeReason'],
} as const satisfies OutboxTypeSpec;

/** A care plan item: the planned service and its dates and status; never the goal's text. */
export const PLAN_ITEM_OUTBOX = {
  version: 1,
  fields: ['caseId', 'clientId', 'serviceCode', 'serviceCategory', 'dueDate', 'status', 'finishedOn'],
} as const satisfies OutboxTypeSpec;
