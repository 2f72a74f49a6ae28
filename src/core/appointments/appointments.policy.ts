import type { Actor } from '../api/context';
import type { Role } from '../api/permissions';

/**
 * Whose calendar an actor may touch, decided in the core on every call (the declared permission
 * says which roles may call at all). A psychologist her own; supervisors and the front desk anyone's.
 */

/** Roles an appointment may be booked with: those who hold counseling sessions. */
export const COUNSELOR_ROLES: readonly Role[] = ['psychologist', 'supervisor'];

/** @example canManageCalendarOf(actor, input.psychologistId) // a psychologist: only her own id */
export function canManageCalendarOf(actor: Actor, psychologistId: string): boolean {
  if (actor.role === 'supervisor' || actor.role === 'receptionist') return true;
  return actor.role === 'psychologist' && actor.userId === psychologistId;
}

/** Attended and no-show: the appointment's psychologist or a supervisor. */
export function canRecordOutcomeOf(actor: Actor, psychologistId: string): boolean {
  if (actor.role === 'supervisor') return true;
  return actor.role === 'psychologist' && actor.userId === psychologistId;
}

/** Whose calendar `appointments.list` shows when the caller names none: a psychologist's own, else everyone's (null). */
export function defaultCalendarOf(actor: Actor): string | null {
  return actor.role === 'psychologist' ? actor.userId : null;
}

/** Whether two half-open ranges `[start, end)` share a moment (ISO instants in UTC compare as strings). */
export function rangesOverlap(a: { readonly startsAt: string; readonly endsAt: string }, b: { readonly startsAt: string; readonly endsAt: string }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
