import type { Actor } from '../api/context';
import type { WriteScope } from '../audit/run-write';
import { requireActiveClient } from '../clients/clients.guards';
import { findSessionRow, sessionClientIds } from '../counseling/counseling.repository';
import type { SessionForm, SessionKind } from '../counseling/counseling.schema';
import { newId } from '../db/ids';
import { appointmentsError } from './appointments.errors';
import { APPOINTMENT_OUTBOX } from './appointments.outbox';
import { canManageCalendarOf, canRecordOutcomeOf, COUNSELOR_ROLES } from './appointments.policy';
import { findActiveStaff, findAppointmentRow, findOverlapping, getAppointment, hasAppointmentBookedFrom, insertAppointmentRow, updateAppointmentRow } from './appointments.repository';
import type { Appointment, CancelReason, ScheduleAppointmentInput } from './appointments.schema';
import type { AppointmentRow } from './appointments.table';

/**
 * Appointment rules. Booking refuses a start in the past and an overlap with another scheduled
 * appointment of the same psychologist (refused, not warned: two clients in one room at one hour is
 * a mistake at the desk, and a group session is one appointment). Reschedule and cancel apply to
 * scheduled appointments; attended and no-show only once the start time has come. Every change
 * appends an audit event and re-sends the appointment's metadata to the outbox.
 */

/** The entity type of an appointment in audit events. */
export const APPOINTMENT_ENTITY = 'counselingAppointment';

const MINUTE_MS = 60_000;

function endOf(startsAt: string, durationMinutes: number): string {
  return new Date(Date.parse(startsAt) + durationMinutes * MINUTE_MS).toISOString();
}

function outboxData(row: AppointmentRow) {
  return { clientId: row.client_id, startsOn: row.starts_at.slice(0, 10), durationMinutes: row.duration_minutes, kind: row.kind, form: row.form, status: row.status };
}

async function record(w: WriteScope, action: string, row: AppointmentRow): Promise<Appointment> {
  await w.audit({ action, entityType: APPOINTMENT_ENTITY, entityId: row.id, details: { status: row.status, version: row.version, durationMinutes: row.duration_minutes } });
  await w.outbox({ spec: APPOINTMENT_OUTBOX, entityId: row.id, op: 'upsert', occurredAt: new Date(row.starts_at), data: outboxData(row) });
  const appointment = await getAppointment(w.trx, row.id);
  if (appointment === null) throw appointmentsError('NOT_FOUND', 'appointment', { id: row.id });
  return appointment;
}

async function requireCounselor(w: WriteScope, psychologistId: string): Promise<void> {
  const staff = await findActiveStaff(w.trx, psychologistId);
  if (staff === null) throw appointmentsError('NOT_FOUND', 'counselor', { id: psychologistId });
  if (!(COUNSELOR_ROLES as readonly string[]).includes(staff.role)) throw appointmentsError('CONFLICT', 'notACounselor', { id: psychologistId });
}

async function requireFreeSlot(w: WriteScope, psychologistId: string, startsAt: string, endsAt: string, exceptId: string | null): Promise<void> {
  const clash = await findOverlapping(w.trx, psychologistId, startsAt, endsAt, exceptId);
  if (clash !== null) throw appointmentsError('CONFLICT', 'appointmentOverlaps', { appointmentId: clash.id, startsAt: clash.starts_at, endsAt: clash.ends_at });
}

function requireFuture(w: WriteScope, startsAt: string): void {
  if (Date.parse(startsAt) < w.now.getTime()) throw appointmentsError('CONFLICT', 'appointmentInPast', { startsAt });
}

function isSameBooking(row: AppointmentRow, input: ScheduleAppointmentInput, startsAt: string): boolean {
  return (
    row.client_id === input.clientId &&
    row.psychologist_id === input.psychologistId &&
    row.starts_at === startsAt &&
    row.duration_minutes === input.durationMinutes &&
    row.kind === input.kind &&
    row.form === input.form
  );
}

/**
 * `appointments.schedule`. A retried call with the same `id` and booking answers the same
 * appointment; another booking under a taken id is CONFLICT (`appointmentExists`).
 *
 * @example await scheduleAppointment(w, w.actor, { clientId, psychologistId, startsAt: '2026-11-26T05:00:00Z', durationMinutes: 50, kind: 'individual', form: 'inPerson' });
 */
export async function scheduleAppointment(w: WriteScope, actor: Actor, input: ScheduleAppointmentInput, bookedFromSessionId: string | null = null): Promise<Appointment> {
  if (!canManageCalendarOf(actor, input.psychologistId)) throw appointmentsError('FORBIDDEN', 'notOwnAppointment');
  const startsAt = new Date(input.startsAt).toISOString();
  const id = input.id ?? newId(w.now.getTime());
  const existing = await findAppointmentRow(w.trx, id);
  if (existing !== null) {
    if (!isSameBooking(existing, input, startsAt)) throw appointmentsError('CONFLICT', 'appointmentExists', { id });
    // The write path wants its audit event; a retry sends nothing new to the outbox.
    await w.audit({ action: 'appointments.schedule', entityType: APPOINTMENT_ENTITY, entityId: id, details: { unchanged: true, version: existing.version } });
    const appointment = await getAppointment(w.trx, id);
    if (appointment === null) throw appointmentsError('NOT_FOUND', 'appointment', { id });
    return appointment;
  }
  requireFuture(w, startsAt);
  await requireActiveClient(w.trx, input.clientId);
  await requireCounselor(w, input.psychologistId);
  const endsAt = endOf(startsAt, input.durationMinutes);
  await requireFreeSlot(w, input.psychologistId, startsAt, endsAt, null);
  const at = w.now.toISOString();
  const row: AppointmentRow = {
    id,
    client_id: input.clientId,
    psychologist_id: input.psychologistId,
    starts_at: startsAt,
    ends_at: endsAt,
    duration_minutes: input.durationMinutes,
    kind: input.kind,
    form: input.form,
    status: 'scheduled',
    cancel_reason: null,
    session_id: null,
    booked_from_session_id: bookedFromSessionId,
    outcome_at: null,
    outcome_by: null,
    version: 1,
    created_at: at,
    created_by: actor.userId,
    updated_at: at,
  };
  await insertAppointmentRow(w.trx, row);
  return record(w, 'appointments.schedule', row);
}

async function requireScheduled(w: WriteScope, id: string, expectedVersion: number): Promise<AppointmentRow> {
  const row = await findAppointmentRow(w.trx, id);
  if (row === null) throw appointmentsError('NOT_FOUND', 'appointment', { id });
  if (row.version !== expectedVersion) throw appointmentsError('CONFLICT', 'appointmentChangedMeanwhile', { id, version: row.version });
  if (row.status !== 'scheduled') throw appointmentsError('CONFLICT', 'appointmentNotScheduled', { id, status: row.status });
  return row;
}

type AppointmentChanges = Partial<Pick<AppointmentRow, 'starts_at' | 'ends_at' | 'duration_minutes' | 'status' | 'cancel_reason' | 'session_id' | 'outcome_at' | 'outcome_by'>>;

async function update(w: WriteScope, action: string, row: AppointmentRow, changes: AppointmentChanges): Promise<Appointment> {
  const columns = { ...changes, version: row.version + 1, updated_at: w.now.toISOString() };
  if (!(await updateAppointmentRow(w.trx, row.id, row.version, columns))) throw appointmentsError('CONFLICT', 'appointmentChangedMeanwhile', { id: row.id });
  return record(w, action, { ...row, ...columns });
}

/**
 * `appointments.reschedule`: a new start and length for a scheduled appointment, with the same checks as booking.
 *
 * @example await rescheduleAppointment(w, w.actor, { id, expectedVersion: 1, startsAt, durationMinutes: 60 });
 */
export async function rescheduleAppointment(
  w: WriteScope,
  actor: Actor,
  input: { readonly id: string; readonly expectedVersion: number; readonly startsAt: string; readonly durationMinutes: number },
): Promise<Appointment> {
  const row = await requireScheduled(w, input.id, input.expectedVersion);
  if (!canManageCalendarOf(actor, row.psychologist_id)) throw appointmentsError('FORBIDDEN', 'notOwnAppointment');
  const startsAt = new Date(input.startsAt).toISOString();
  requireFuture(w, startsAt);
  const endsAt = endOf(startsAt, input.durationMinutes);
  await requireFreeSlot(w, row.psychologist_id, startsAt, endsAt, row.id);
  return update(w, 'appointments.reschedule', row, { starts_at: startsAt, ends_at: endsAt, duration_minutes: input.durationMinutes });
}

/** @example await cancelAppointment(w, w.actor, { id, expectedVersion: 2, reason: 'clientRequest' }); */
export async function cancelAppointment(w: WriteScope, actor: Actor, input: { readonly id: string; readonly expectedVersion: number; readonly reason: CancelReason }): Promise<Appointment> {
  const row = await requireScheduled(w, input.id, input.expectedVersion);
  if (!canManageCalendarOf(actor, row.psychologist_id)) throw appointmentsError('FORBIDDEN', 'notOwnAppointment');
  return update(w, 'appointments.cancel', row, { status: 'cancelled', cancel_reason: input.reason, outcome_at: w.now.toISOString(), outcome_by: actor.userId });
}

async function requireOutcomeAllowed(w: WriteScope, actor: Actor, id: string, expectedVersion: number): Promise<AppointmentRow> {
  const row = await requireScheduled(w, id, expectedVersion);
  if (!canRecordOutcomeOf(actor, row.psychologist_id)) throw appointmentsError('FORBIDDEN', 'notOwnAppointment');
  if (Date.parse(row.starts_at) > w.now.getTime()) throw appointmentsError('CONFLICT', 'appointmentNotStarted', { id, startsAt: row.starts_at });
  return row;
}

/**
 * `appointments.markAttended`, once the start time has come; with the session recorded for it
 * (the same psychologist's, about the same client) when there is one.
 *
 * @example await markAttended(w, w.actor, { id, expectedVersion: 1, sessionId: null });
 */
export async function markAttended(w: WriteScope, actor: Actor, input: { readonly id: string; readonly expectedVersion: number; readonly sessionId: string | null }): Promise<Appointment> {
  const row = await requireOutcomeAllowed(w, actor, input.id, input.expectedVersion);
  if (input.sessionId !== null) {
    const session = await findSessionRow(w.trx, input.sessionId);
    const isSameClient = session !== null && (await sessionClientIds(w.trx, session.id)).includes(row.client_id);
    if (session === null || session.psychologist_id !== row.psychologist_id || !isSameClient || session.status === 'voided') {
      throw appointmentsError('CONFLICT', 'sessionNotForAppointment', { sessionId: input.sessionId });
    }
  }
  return update(w, 'appointments.markAttended', row, { status: 'attended', session_id: input.sessionId, outcome_at: w.now.toISOString(), outcome_by: actor.userId });
}

/** `appointments.markNoShow`, only after the start time. @example await markNoShow(w, w.actor, { id, expectedVersion: 1 }); */
export async function markNoShow(w: WriteScope, actor: Actor, input: { readonly id: string; readonly expectedVersion: number }): Promise<Appointment> {
  const row = await requireOutcomeAllowed(w, actor, input.id, input.expectedVersion);
  return update(w, 'appointments.markNoShow', row, { status: 'noShow', outcome_at: w.now.toISOString(), outcome_by: actor.userId });
}

/**
 * When a session is signed with a "next appointment" in the future, that appointment is booked in
 * the same write: same psychologist, the session's first client, kind, form and length. Once per
 * session; skipped (the psychologist books by hand) when the time is taken or already past, so
 * signing a note never fails over a calendar.
 *
 * @example await bookNextAppointmentOfSession(w, actor, { sessionId, clientId, nextAppointmentAt, durationMinutes: 50, kind, form });
 */
export async function bookNextAppointmentOfSession(
  w: WriteScope,
  actor: Actor,
  session: { readonly sessionId: string; readonly clientId: string; readonly psychologistId: string; readonly nextAppointmentAt: string | null; readonly durationMinutes: number; readonly kind: SessionKind; readonly form: SessionForm },
): Promise<Appointment | null> {
  if (session.nextAppointmentAt === null || Date.parse(session.nextAppointmentAt) <= w.now.getTime()) return null;
  if (await hasAppointmentBookedFrom(w.trx, session.sessionId)) return null;
  const startsAt = new Date(session.nextAppointmentAt).toISOString();
  const durationMinutes = Math.min(Math.max(session.durationMinutes, 5), 480);
  if ((await findOverlapping(w.trx, session.psychologistId, startsAt, endOf(startsAt, durationMinutes), null)) !== null) return null;
  return scheduleAppointment(
    w,
    actor,
    { clientId: session.clientId, psychologistId: session.psychologistId, startsAt, durationMinutes, kind: session.kind, form: session.form },
    session.sessionId,
  );
}
