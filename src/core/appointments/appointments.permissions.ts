import { definePermissions } from '../api/permissions';

/**
 * Who may touch appointments. A leaf: the policy and the manifest both read it.
 * `appointments.book`: schedule, reschedule, cancel. Psychologists their own calendar; supervisors
 * and the front desk (receptionists) anyone's, because clients ring or walk up to the desk to book.
 * `appointments.recordOutcome`: attended or no-show, by the psychologist herself or a supervisor;
 * the desk does not know whether a session really took place.
 * `appointments.read`: the calendars, with the same split (a psychologist sees her own).
 */
export const APPOINTMENTS_PERMISSIONS = definePermissions({
  'appointments.read': ['psychologist', 'supervisor', 'receptionist'],
  'appointments.book': ['psychologist', 'supervisor', 'receptionist'],
  'appointments.recordOutcome': ['psychologist', 'supervisor'],
  'appointments.remind': ['psychologist', 'supervisor'],
});
