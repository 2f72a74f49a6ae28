import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { RiskLevel, SensitivityTier, SessionForm, SessionKind, SessionStatus } from './counseling.schema';

type Immutable<T> = ColumnType<T, T, never>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/**
 * Counseling tables (migration 0009). Every column named "sealed" holds a `cf2.…` value under the
 * confidential key, written only by `sealConfidential` with the row's id, the column's name and
 * (for sessions) the row's version as its location; the manifest's `confidentialColumns` lists them.
 */
export interface CounselingSessionsTable {
  readonly id: Immutable<string>;
  readonly psychologist_id: Immutable<string>;
  started_at: string;
  kind: SessionKind;
  form: SessionForm;
  duration_minutes: number;
  /** JSON array of CONCERN_CODES. */
  concerns_json: string;
  /** JSON array of INTERVENTION_CODES. */
  interventions_json: string;
  next_appointment_at: string | null;
  sensitivity: SensitivityTier;
  risk_level: RiskLevel | null;
  status: SessionStatus;
  /** Sealed. */
  note: string;
  /** Sealed. */
  progress: string;
  /** Sealed: 16 random bytes (hex) hashed with the signed content, so the hash reveals nothing. */
  signature_salt: string;
  /** Sealed ('' until voided). */
  void_reason: string;
  signature_hash: Nullable<string>;
  signed_by: Nullable<string>;
  signed_at: Nullable<string>;
  countersigned_by: Nullable<string>;
  countersigned_at: Nullable<string>;
  countersignature_hash: Nullable<string>;
  voided_by: Nullable<string>;
  voided_at: Nullable<string>;
  version: number;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
  updated_at: string;
}

/** Which clients a session is about (one row each; moved by a client merge). */
export interface CounselingSessionClientsTable {
  readonly id: Immutable<string>;
  readonly session_id: Immutable<string>;
  client_id: string;
}

/** A correction or later remark on a session, written once. */
export interface CounselingAddendaTable {
  readonly id: Immutable<string>;
  readonly session_id: Immutable<string>;
  readonly author_id: Immutable<string>;
  readonly created_at: Immutable<string>;
  /** Sealed. */
  text: string;
  /** Sealed. */
  signature_salt: string;
  readonly signature_hash: Immutable<string>;
}

/** A supervisor's explicit assignment of a client to a psychologist (besides the case worker). */
export interface CounselingAssignmentsTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  readonly assigned_by: Immutable<string>;
  readonly assigned_at: Immutable<string>;
  ended_by: Nullable<string>;
  ended_at: Nullable<string>;
}

/** One emergency access ("break the glass") to a client not assigned to the psychologist. */
export interface CounselingEmergencyAccessTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  /** Sealed. */
  reason: string;
  readonly opened_at: Immutable<string>;
  readonly expires_at: Immutable<string>;
  reviewed_by: Nullable<string>;
  reviewed_at: Nullable<string>;
}

export interface CounselingIntakeAssessmentsTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  readonly assessed_on: Immutable<string>;
  /** Sealed JSON (IntakeAssessmentContent). */
  content: string;
  readonly created_at: Immutable<string>;
}

export interface CounselingRiskAssessmentsTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  readonly session_id: Immutable<string | null>;
  readonly assessed_at: Immutable<string>;
  readonly instrument_id: Immutable<string>;
  readonly instrument_version: Immutable<number>;
  readonly score: Immutable<number>;
  readonly level: Immutable<RiskLevel>;
  /** Sealed JSON: item id to answer. */
  answers: string;
  readonly created_at: Immutable<string>;
}

export interface CounselingSafetyPlansTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  readonly review_on: Immutable<string | null>;
  /** Sealed JSON (SafetyPlanContent). */
  content: string;
  readonly created_at: Immutable<string>;
}

/** A client on the supervisors' attention list after a risk assessment rose to high or severe. */
export interface CounselingAttentionTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly risk_assessment_id: Immutable<string>;
  readonly level: Immutable<'high' | 'severe'>;
  readonly raised_at: Immutable<string>;
  readonly safety_plan_review_on: Immutable<string>;
  resolved_by: Nullable<string>;
  resolved_at: Nullable<string>;
}

export interface CounselingTables {
  readonly counseling_sessions: CounselingSessionsTable;
  readonly counseling_session_clients: CounselingSessionClientsTable;
  readonly counseling_addenda: CounselingAddendaTable;
  readonly counseling_assignments: CounselingAssignmentsTable;
  readonly counseling_emergency_access: CounselingEmergencyAccessTable;
  readonly counseling_intake_assessments: CounselingIntakeAssessmentsTable;
  readonly counseling_risk_assessments: CounselingRiskAssessmentsTable;
  readonly counseling_safety_plans: CounselingSafetyPlansTable;
  readonly counseling_attention: CounselingAttentionTable;
}

export type SessionRow = Selectable<CounselingSessionsTable>;
export type NewSessionRow = Insertable<CounselingSessionsTable>;
export type AddendumRow = Selectable<CounselingAddendaTable>;
export type EmergencyAccessRow = Selectable<CounselingEmergencyAccessTable>;
export type RiskAssessmentRow = Selectable<CounselingRiskAssessmentsTable>;
