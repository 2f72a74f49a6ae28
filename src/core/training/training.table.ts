import type { ColumnType, Selectable } from 'kysely';
import type { AttendanceMark, CourseKind, EmployerType, EnrollmentStage, ExcuseReason, IncompleteReason, OutcomeCheckpoint, OutcomeStatus, TrainingSessionStatus, WithdrawalReason } from './training.schema';

type Immutable<T> = ColumnType<T, T, never>;
/** SQLite stores booleans as integers; a CHECK keeps them to 0 and 1. */
type SqliteBoolean = 0 | 1;

/** A center's own trade for vocational courses, named in the four languages. */
export interface TrainingTradesTable {
  readonly code: Immutable<string>;
  names_json: string;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
}

export interface TrainingCoursesTable {
  readonly id: Immutable<string>;
  names_json: string;
  kind: CourseKind;
  trade: string | null;
  hours: number;
  min_attendance_percent: number;
  pass_mark: number | null;
  target_groups_json: string;
  accessibility_json: string;
  is_active: SqliteBoolean;
  version: number;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
  updated_at: string;
}

export interface TrainingCohortsTable {
  readonly id: Immutable<string>;
  readonly course_id: Immutable<string>;
  place: string;
  capacity: number;
  readonly starts_on: Immutable<string>;
  ends_on: string;
  readonly weekdays_json: Immutable<string>;
  readonly start_time: Immutable<string>;
  readonly duration_minutes: Immutable<number>;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
  updated_at: string;
}

export interface TrainingCohortTrainersTable {
  readonly id: Immutable<string>;
  readonly cohort_id: Immutable<string>;
  readonly staff_id: Immutable<string>;
}

export interface TrainingSessionsTable {
  readonly id: Immutable<string>;
  readonly cohort_id: Immutable<string>;
  readonly seq: Immutable<number>;
  date: string;
  start_time: string;
  duration_minutes: number;
  status: TrainingSessionStatus;
  original_date: string | null;
  updated_at: string;
  updated_by: string;
}

export interface TrainingHolidaysTable {
  readonly id: Immutable<string>;
  /** Built-in holidays only (the UI words them); null for the center's own. */
  readonly code: Immutable<string | null>;
  readonly name: Immutable<string | null>;
  readonly date: Immutable<string | null>;
  readonly month_day: Immutable<string | null>;
  is_active: SqliteBoolean;
  readonly created_at: Immutable<string>;
}

export interface TrainingEnrollmentsTable {
  readonly id: Immutable<string>;
  readonly cohort_id: Immutable<string>;
  /** Moved by a client merge. */
  client_id: string;
  stage: EnrollmentStage;
  withdrawal_reason: WithdrawalReason | null;
  readonly joined_on: Immutable<string>;
  readonly age_at_enrollment: Immutable<number>;
  readonly applied_at: Immutable<string>;
  stage_changed_at: string;
  assessment_score: ColumnType<number | null, number | null | undefined, number | null>;
  completed_on: ColumnType<string | null, string | null | undefined, string | null>;
  incomplete_reason: ColumnType<IncompleteReason | null, IncompleteReason | null | undefined, IncompleteReason | null>;
  version: number;
  readonly created_by: Immutable<string>;
  updated_at: string;
}

/** One certificate per completion; never changed (a trigger) and never deleted. */
export interface TrainingCertificatesTable {
  readonly number: Immutable<string>;
  readonly seq: Immutable<number>;
  readonly enrollment_id: Immutable<string>;
  /** Moved by a client merge (the certificate itself keeps the name it was issued to). */
  client_id: string;
  readonly learner_name: Immutable<string>;
  readonly course_names_json: Immutable<string>;
  readonly hours: Immutable<number>;
  readonly issued_on: Immutable<string>;
  readonly payload: Immutable<string>;
  readonly signature: Immutable<string>;
  readonly key_id: Immutable<string>;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
}

export interface TrainingOutcomesTable {
  readonly id: Immutable<string>;
  readonly enrollment_id: Immutable<string>;
  readonly checkpoint_months: Immutable<OutcomeCheckpoint>;
  status: OutcomeStatus;
  employer_type: EmployerType | null;
  has_formal_contract: SqliteBoolean | null;
  recorded_on: string;
  recorded_by: string;
  updated_at: string;
}

export interface TrainingAttendanceTable {
  readonly id: Immutable<string>;
  readonly session_id: Immutable<string>;
  readonly enrollment_id: Immutable<string>;
  mark: AttendanceMark;
  excuse: ExcuseReason | null;
  recorded_by: string;
  recorded_at: string;
}

export interface TrainingTables {
  readonly training_trades: TrainingTradesTable;
  readonly training_courses: TrainingCoursesTable;
  readonly training_cohorts: TrainingCohortsTable;
  readonly training_cohort_trainers: TrainingCohortTrainersTable;
  readonly training_sessions: TrainingSessionsTable;
  readonly training_holidays: TrainingHolidaysTable;
  readonly training_enrollments: TrainingEnrollmentsTable;
  readonly training_attendance: TrainingAttendanceTable;
  readonly training_certificates: TrainingCertificatesTable;
  readonly training_outcomes: TrainingOutcomesTable;
}

export type CourseRow = Selectable<TrainingCoursesTable>;
export type CohortRow = Selectable<TrainingCohortsTable>;
export type SessionRow = Selectable<TrainingSessionsTable>;
export type HolidayRow = Selectable<TrainingHolidaysTable>;
export type EnrollmentRow = Selectable<TrainingEnrollmentsTable>;
export type AttendanceRowDb = Selectable<TrainingAttendanceTable>;
export type TradeRow = Selectable<TrainingTradesTable>;
export type CertificateRow = Selectable<TrainingCertificatesTable>;
export type OutcomeRow = Selectable<TrainingOutcomesTable>;
