import { z } from 'zod';
import type { CaseCloseReason, CasePriority, PlanItemStatus } from '../cases/cases.schema';
import { entityIdSchema, type ConsentPurpose, type ConsentState } from '../consents/consents.schema';
import type { ReferralDirection } from '../services/services.schema';

export const clientTimelineInput = z.object({ clientId: entityIdSchema });

/** Every event has a calendar day (`date`, what the timeline sorts by) and the moment it was recorded (`at`). */
interface EventBase {
  /** Stable key for lists: `<kind>:<entity id>`. */
  readonly key: string;
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** ISO 8601 UTC: when it was recorded; orders events of the same day. */
  readonly at: string;
}

export interface RegisteredEvent extends EventBase {
  readonly kind: 'registered';
}

export interface ConsentEvent extends EventBase {
  readonly kind: 'consent';
  readonly consentId: string;
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
}

export interface CaseOpenedEvent extends EventBase {
  readonly kind: 'caseOpened';
  readonly caseId: string;
  readonly priority: CasePriority;
}

export interface CaseClosedEvent extends EventBase {
  readonly kind: 'caseClosed';
  readonly caseId: string;
  readonly reason: CaseCloseReason;
}

export interface PlanItemAddedEvent extends EventBase {
  readonly kind: 'planItemAdded';
  readonly caseId: string;
  readonly itemId: string;
  readonly serviceCode: string;
  readonly goal: string;
  readonly dueDate: string;
}

export interface PlanItemFinishedEvent extends EventBase {
  readonly kind: 'planItemFinished';
  readonly caseId: string;
  readonly itemId: string;
  readonly serviceCode: string;
  readonly status: Extract<PlanItemStatus, 'done' | 'cancelled'>;
}

export interface ServiceDeliveredEvent extends EventBase {
  readonly kind: 'serviceDelivered';
  readonly deliveryId: string;
  readonly caseId: string | null;
  readonly serviceCode: string;
  readonly durationMinutes: number | null;
}

export interface ReferralEvent extends EventBase {
  readonly kind: 'referral';
  readonly referralId: string;
  readonly direction: ReferralDirection;
  readonly agency: string;
}

/**
 * A counseling session as everyone but its psychologists sees it: that it happened, when, and
 * with whom; nothing of its content. The counseling domain supplies these events through its own
 * timeline source when it lands.
 */
export interface CounselingSessionEvent extends EventBase {
  readonly kind: 'counselingSession';
  readonly sessionId: string;
  readonly psychologistId: string;
  readonly psychologistName: string;
}

export type TimelineEvent =
  | RegisteredEvent
  | ConsentEvent
  | CaseOpenedEvent
  | CaseClosedEvent
  | PlanItemAddedEvent
  | PlanItemFinishedEvent
  | ServiceDeliveredEvent
  | ReferralEvent
  | CounselingSessionEvent;

export type TimelineEventKind = TimelineEvent['kind'];

export interface ClientTimeline {
  readonly clientId: string;
  /** Oldest first. */
  readonly events: readonly TimelineEvent[];
}
