import type { ReadContext } from '../api/context';
import { appointmentsError } from './appointments.errors';
import { canManageCalendarOf, defaultCalendarOf } from './appointments.policy';
import { getAppointment, listAppointments } from './appointments.repository';
import { AWAITING_OUTCOME_DAYS, type Appointment, type Reminders } from './appointments.schema';

/** Reads of the calendar: whose calendar a caller may see is the same rule as whose she may book. */

/**
 * `appointments.list`: a calendar between two instants. A psychologist sees her own (naming
 * another's is FORBIDDEN); supervisors and the desk see one psychologist's or, with null, everyone's.
 *
 * @example await listCalendar(ctx, { psychologistId: null, from: '2026-11-23T00:00:00+05:00', to: '2026-11-30T00:00:00+05:00' });
 */
export async function listCalendar(ctx: ReadContext, input: { readonly psychologistId: string | null; readonly from: string; readonly to: string }): Promise<{ readonly items: readonly Appointment[] }> {
  const psychologistId = input.psychologistId ?? defaultCalendarOf(ctx.actor);
  if (psychologistId === null ? ctx.actor.role === 'psychologist' : !canManageCalendarOf(ctx.actor, psychologistId)) throw appointmentsError('FORBIDDEN', 'notOwnAppointment');
  const items = await listAppointments(ctx.db, { psychologistId, fromIso: new Date(input.from).toISOString(), toIso: new Date(input.to).toISOString() });
  return { items };
}

/** `appointments.get`. @example await getOne(ctx, id); */
export async function getOne(ctx: ReadContext, id: string): Promise<Appointment> {
  const appointment = await getAppointment(ctx.db, id);
  if (appointment === null || !canManageCalendarOf(ctx.actor, appointment.psychologistId)) throw appointmentsError('NOT_FOUND', 'appointment', { id });
  return appointment;
}

const MINUTE_MS = 60_000;

/**
 * `appointments.reminders`: the signed-in counselor's own scheduled appointments that start within
 * `withinMinutes`, and those already started that still wait for "attended" or "no-show".
 *
 * @example const { upcoming, awaitingOutcome } = await reminders(ctx, 60);
 */
export async function reminders(ctx: ReadContext, withinMinutes: number): Promise<Reminders> {
  const nowMs = ctx.now.getTime();
  const own = { psychologistId: ctx.actor.userId, statuses: ['scheduled'] as const };
  const soon = await listAppointments(ctx.db, { ...own, fromIso: ctx.now.toISOString(), toIso: new Date(nowMs + withinMinutes * MINUTE_MS).toISOString() });
  const past = await listAppointments(ctx.db, { ...own, fromIso: new Date(nowMs - AWAITING_OUTCOME_DAYS * 86_400_000).toISOString(), toIso: ctx.now.toISOString() });
  return {
    upcoming: soon.map((item) => ({ ...item, minutesUntilStart: Math.ceil((Date.parse(item.startsAt) - nowMs) / MINUTE_MS) })),
    awaitingOutcome: past,
  };
}
