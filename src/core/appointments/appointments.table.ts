import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { SessionForm, SessionKind } from '../counseling/counseling.schema';
import type { AppointmentStatus, CancelReason } from './appointments.schema';

type Immutable<T> = ColumnType<T, T, never>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Appointments (migration 0010): metadata only, nothing sealed. */
export interface CounselingAppointmentsTable {
  readonly id: Immutable<string>;
  client_id: string;
  readonly psychologist_id: Immutable<string>;
  starts_at: string;
  /** `starts_at` plus the duration, kept so an overlap is one range query. */
  ends_at: string;
  duration_minutes: number;
  kind: SessionKind;
  form: SessionForm;
  status: AppointmentStatus;
  cancel_reason: Nullable<CancelReason>;
  /** The session recorded for an attended appointment, when the psychologist links one. */
  session_id: Nullable<string>;
  /** The signed session whose "next appointment" booked this one. */
  readonly booked_from_session_id: ColumnType<string | null, string | null | undefined, never>;
  outcome_at: Nullable<string>;
  outcome_by: Nullable<string>;
  version: number;
  readonly created_at: Immutable<string>;
  readonly created_by: Immutable<string>;
  updated_at: string;
}

export interface AppointmentsTables {
  readonly counseling_appointments: CounselingAppointmentsTable;
}

export type AppointmentRow = Selectable<CounselingAppointmentsTable>;
export type NewAppointmentRow = Insertable<CounselingAppointmentsTable>;
