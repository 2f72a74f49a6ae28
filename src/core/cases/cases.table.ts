import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { CaseCloseReason, CasePriority, CaseStatus, PlanItemStatus, ReferralSource } from './cases.schema';

type Immutable<T> = ColumnType<T, T, never>;

/**
 * A client's case: the intake assessment, the assigned case worker, and its closure. A client has
 * at most one open case at a time (checked by the core, not a unique index, because a client merge
 * may briefly bring two open cases together and must not fail on that).
 */
export interface CasesTable {
  readonly id: Immutable<string>;
  /** Moved by a client merge. */
  client_id: string;
  status: CaseStatus;
  /** JSON array of need codes (NEED_CODES). */
  readonly needs_json: Immutable<string>;
  readonly referral_source: Immutable<ReferralSource>;
  readonly priority: Immutable<CasePriority>;
  /** Free text, confidential to the center: never sent to the registry. */
  readonly household_situation: Immutable<string>;
  case_worker_id: string;
  readonly opened_on: Immutable<string>;
  readonly opened_by: Immutable<string>;
  readonly created_at: Immutable<string>;
  updated_at: string;
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  close_reason: ColumnType<CaseCloseReason | null, CaseCloseReason | null | undefined, CaseCloseReason | null>;
  /** Free text, never sent to the registry. */
  close_note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One line of a case's individual care plan. */
export interface PlanItemsTable {
  readonly id: Immutable<string>;
  readonly case_id: Immutable<string>;
  readonly service_code: Immutable<string>;
  /** Free text, never sent to the registry. */
  goal: string;
  due_date: string;
  status: PlanItemStatus;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
  updated_at: string;
  /** The local day the item became done or cancelled. */
  finished_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CasesTables {
  readonly cases: CasesTable;
  readonly plan_items: PlanItemsTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type PlanItemRow = Selectable<PlanItemsTable>;
