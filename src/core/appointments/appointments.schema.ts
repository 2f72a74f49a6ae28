import { z } from 'zod';
import { SESSION_FORMS, SESSION_KINDS, type SessionForm, type SessionKind } from '../counseling/counseling.schema';
import { entityIdSchema } from '../db/ids.schema';

/**
 * Appointments with a psychologist, pure zod (shared with the UI's booking form). Metadata only:
 * there is deliberately no free-text purpose (it would be confidential); what the session is about
 * goes in the session's sealed note. Codes are stable; the UI translates `appointments:<list>.<code>`.
 */
export const APPOINTMENT_STATUSES = ['scheduled', 'attended', 'noShow', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const CANCEL_REASONS = ['clientRequest', 'psychologistUnavailable', 'centerClosed', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Lengths a booking may have; the form offers common ones, the core accepts any in range. */
export const APPOINTMENT_MIN_MINUTES = 5;
export const APPOINTMENT_MAX_MINUTES = 480;
/** The longest range one `appointments.list` call answers (a month view with its spill-over weeks). */
export const LIST_MAX_DAYS = 62;
/** How far back `appointments.reminders` looks for past appointments still waiting for an outcome. */
export const AWAITING_OUTCOME_DAYS = 7;

const instant = z.iso.datetime({ offset: true });
const duration = z.number().int().min(APPOINTMENT_MIN_MINUTES).max(APPOINTMENT_MAX_MINUTES);
const expectedVersion = z.number().int().min(1);

/** `appointments.schedule`. `id` lets a retried call book once. */
export const scheduleAppointmentInput = z.object({
  id: entityIdSchema.optional(),
  clientId: entityIdSchema,
  psychologistId: entityIdSchema,
  startsAt: instant,
  durationMinutes: duration,
  kind: z.enum(SESSION_KINDS).default('individual'),
  form: z.enum(SESSION_FORMS).default('inPerson'),
});
export type ScheduleAppointmentInput = z.output<typeof scheduleAppointmentInput>;

export const rescheduleAppointmentInput = z.object({ id: entityIdSchema, expectedVersion, startsAt: instant, durationMinutes: duration });
export const cancelAppointmentInput = z.object({ id: entityIdSchema, expectedVersion, reason: z.enum(CANCEL_REASONS) });
/** `sessionId`: the session recorded for it, when there is one (same psychologist and client). */
export const markAttendedInput = z.object({ id: entityIdSchema, expectedVersion, sessionId: entityIdSchema.nullable().default(null) });
export const markNoShowInput = z.object({ id: entityIdSchema, expectedVersion });
export const appointmentRefInput = z.object({ id: entityIdSchema });

/** `appointments.list`: one psychologist's calendar (null: everyone's, for supervisors and the front desk) in `[from, to)`. */
export const listAppointmentsInput = z
  .object({ psychologistId: entityIdSchema.nullable().default(null), from: instant, to: instant })
  .refine((input) => Date.parse(input.to) > Date.parse(input.from), { message: 'rangeEmpty', path: ['to'] })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) <= LIST_MAX_DAYS * 86_400_000, { message: 'rangeTooLong', path: ['to'] });

/** `appointments.reminders`: the signed-in psychologist's next appointments within this many minutes. */
export const remindersInput = z.object({ withinMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60) });
export const noInput = z.object({});

/** One appointment as the API answers it. */
export interface Appointment {
  readonly id: string;
  readonly clientId: string;
  /** "Last First", for the calendar; the front desk and the psychologist both know who is coming. */
  readonly clientName: string;
  readonly psychologistId: string;
  readonly psychologistName: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly durationMinutes: number;
  readonly kind: SessionKind;
  readonly form: SessionForm;
  readonly status: AppointmentStatus;
  readonly cancelReason: CancelReason | null;
  readonly sessionId: string | null;
  readonly bookedFromSessionId: string | null;
  readonly outcomeAt: string | null;
  readonly outcomeBy: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface Reminders {
  /** Scheduled, starting between now and `withinMinutes` from now, soonest first. */
  readonly upcoming: readonly (Appointment & { readonly minutesUntilStart: number })[];
  /** Scheduled, already started (up to AWAITING_OUTCOME_DAYS ago), with no outcome recorded yet. */
  readonly awaitingOutcome: readonly Appointment[];
}
