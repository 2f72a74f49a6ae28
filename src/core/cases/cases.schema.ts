import { z } from 'zod';
import type { Role } from '../api/permissions';
import { calendarDateSchema } from '../calendar/calendar.schema';
import { entityIdSchema } from '../db/ids.schema';
import { multiLineText, optionalMultiLineText } from '../text/text-fields.schema';

/**
 * Intake needs checklist. Codes are stable (they are counted and sent to the registry); the UI
 * translates `cases.need.<code>`.
 */
export const NEED_CODES = [
  'housing',
  'food',
  'income',
  'employment',
  'education',
  'documents',
  'health',
  'disabilitySupport',
  'mentalHealth',
  'legalAid',
  'safety',
  'childCare',
  'elderCare',
  'homeCare',
  'rehabilitation',
  'socialIsolation',
] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/** Who sent the person to the center. */
export const REFERRAL_SOURCES = [
  'selfReferral',
  'family',
  'mahalla',
  'police',
  'healthFacility',
  'school',
  'court',
  'ngo',
  'otherAgency',
  'hotline',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const CASE_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_CLOSE_REASONS = [
  'goalsAchieved',
  'referredElsewhere',
  'clientDeclined',
  'lostContact',
  'movedAway',
  'deceased',
  'noLongerEligible',
  'duplicate',
  'other',
] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

export const PLAN_ITEM_STATUSES = ['planned', 'inProgress', 'done', 'cancelled'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

/** Statuses in which an item still waits for work, and so can be overdue. */
export const OPEN_PLAN_ITEM_STATUSES: readonly PlanItemStatus[] = ['planned', 'inProgress'];

export const HOUSEHOLD_SITUATION_MAX_CHARS = 2000;
export const GOAL_MAX_CHARS = 500;
export const CLOSE_NOTE_MAX_CHARS = 2000;

/** Catalog codes: built-in `category.name` or center-added `center.xxxxxxxx`. */
export const serviceCodeSchema = z.string().regex(/^[a-z][a-zA-Z]*\.[a-zA-Z0-9]+$/).max(64);

export const intakeSchema = z.object({
  needs: z
    .array(z.enum(NEED_CODES))
    .min(1)
    .max(NEED_CODES.length)
    .refine((needs) => new Set(needs).size === needs.length, { message: 'Each need once' }),
  referralSource: z.enum(REFERRAL_SOURCES),
  priority: z.enum(CASE_PRIORITIES),
  householdSituation: optionalMultiLineText(HOUSEHOLD_SITUATION_MAX_CHARS).default(''),
});
export type Intake = z.output<typeof intakeSchema>;

export const openCaseInput = z.object({
  clientId: entityIdSchema,
  intake: intakeSchema,
  caseWorkerId: entityIdSchema,
  /** The intake date; defaults to today. */
  openedOn: calendarDateSchema.optional(),
});
export type OpenCaseInput = z.input<typeof openCaseInput>;
/** What the core works with after validation (defaults applied). */
export type OpenCaseRequest = z.output<typeof openCaseInput>;

export const getCaseInput = z.object({ caseId: entityIdSchema });
export const listCasesForClientInput = z.object({ clientId: entityIdSchema });
export const assignCaseInput = z.object({ caseId: entityIdSchema, caseWorkerId: entityIdSchema });

export const closeCaseInput = z.object({
  caseId: entityIdSchema,
  reason: z.enum(CASE_CLOSE_REASONS),
  note: multiLineText(CLOSE_NOTE_MAX_CHARS).optional(),
  /** Defaults to today. */
  closedOn: calendarDateSchema.optional(),
});
export type CloseCaseInput = z.input<typeof closeCaseInput>;

export const addPlanItemInput = z.object({
  caseId: entityIdSchema,
  serviceCode: serviceCodeSchema,
  goal: multiLineText(GOAL_MAX_CHARS),
  /** May lie in the future (that is the point of a plan). */
  dueDate: calendarDateSchema,
});
export type AddPlanItemInput = z.input<typeof addPlanItemInput>;

export const updatePlanItemInput = z
  .object({
    itemId: entityIdSchema,
    status: z.enum(PLAN_ITEM_STATUSES).optional(),
    goal: multiLineText(GOAL_MAX_CHARS).optional(),
    dueDate: calendarDateSchema.optional(),
  })
  .refine((input) => input.status !== undefined || input.goal !== undefined || input.dueDate !== undefined, {
    message: 'Nothing to change',
  });
export type UpdatePlanItemInput = z.input<typeof updatePlanItemInput>;

export const overduePlanItemsInput = z.object({});
export const caseWorkersInput = z.object({});

/** A colleague who may be named case worker: what the open-case and reassign controls show, nothing more. */
export interface CaseWorker {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface PlanItem {
  readonly id: string;
  readonly caseId: string;
  readonly serviceCode: string;
  readonly goal: string;
  readonly dueDate: string;
  readonly status: PlanItemStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  /** Day the item reached done or cancelled; null while open. */
  readonly finishedOn: string | null;
}

export interface CaseRecord {
  readonly id: string;
  readonly clientId: string;
  readonly status: CaseStatus;
  readonly intake: Intake;
  readonly caseWorkerId: string;
  readonly openedOn: string;
  readonly openedBy: string;
  /** ISO 8601 UTC: when the case was recorded. */
  readonly createdAt: string;
  readonly closedOn: string | null;
  readonly closedBy: string | null;
  readonly closeReason: CaseCloseReason | null;
  readonly closeNote: string | null;
  readonly updatedAt: string;
}

export interface CaseWithPlan extends CaseRecord {
  readonly plan: readonly PlanItem[];
}

/** One line of the case worker's overdue list. */
export interface OverduePlanItem extends PlanItem {
  readonly clientId: string;
  readonly daysOverdue: number;
}

/** An overdue item with the client's name as typed, so the list reads without a call per line. */
export interface OverduePlanItemWithClient extends OverduePlanItem {
  readonly client: { readonly lastName: string; readonly firstName: string; readonly patronymic: string | null };
}
