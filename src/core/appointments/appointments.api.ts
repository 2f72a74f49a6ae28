import { defineRead, defineWrite } from '../api/method';
import { listActiveStaffInRoles } from '../cases/cases.repository';
import { COUNSELOR_ROLES } from './appointments.policy';
import { getOne, listCalendar, reminders as remindersOf } from './appointments.reads';
import {
  appointmentRefInput,
  cancelAppointmentInput,
  listAppointmentsInput,
  markAttendedInput,
  markNoShowInput,
  noInput,
  remindersInput,
  rescheduleAppointmentInput,
  scheduleAppointmentInput,
} from './appointments.schema';
import { cancelAppointment, markAttended as markAttendedService, markNoShow as markNoShowService, rescheduleAppointment, scheduleAppointment } from './appointments.service';

/** Appointments' methods: metadata only, so plain reads and writes (no confidential key needed). */

export const schedule = defineWrite({
  name: 'appointments.schedule',
  input: scheduleAppointmentInput,
  access: 'appointments.book',
  handler: (w, input) => scheduleAppointment(w, w.actor, input),
});

export const reschedule = defineWrite({
  name: 'appointments.reschedule',
  input: rescheduleAppointmentInput,
  access: 'appointments.book',
  handler: (w, input) => rescheduleAppointment(w, w.actor, input),
});

export const cancel = defineWrite({
  name: 'appointments.cancel',
  input: cancelAppointmentInput,
  access: 'appointments.book',
  handler: (w, input) => cancelAppointment(w, w.actor, input),
});

export const markAttended = defineWrite({
  name: 'appointments.markAttended',
  input: markAttendedInput,
  access: 'appointments.recordOutcome',
  handler: (w, input) => markAttendedService(w, w.actor, input),
});

export const markNoShow = defineWrite({
  name: 'appointments.markNoShow',
  input: markNoShowInput,
  access: 'appointments.recordOutcome',
  handler: (w, input) => markNoShowService(w, w.actor, input),
});

export const list = defineRead({
  name: 'appointments.list',
  input: listAppointmentsInput,
  access: 'appointments.read',
  handler: (ctx, input) => listCalendar(ctx, input),
});

export const get = defineRead({
  name: 'appointments.get',
  input: appointmentRefInput,
  access: 'appointments.read',
  handler: (ctx, input) => getOne(ctx, input.id),
});

export const reminders = defineRead({
  name: 'appointments.reminders',
  input: remindersInput,
  access: 'appointments.remind',
  handler: (ctx, input) => remindersOf(ctx, input.withinMinutes),
});

/** Whom an appointment may be booked with, for the booking form (`staff.list` needs `staff.manage`). */
export const counselors = defineRead({
  name: 'appointments.counselors',
  input: noInput,
  access: 'appointments.read',
  handler: async (ctx) => ({ items: await listActiveStaffInRoles(ctx.db, COUNSELOR_ROLES) }),
});

export const APPOINTMENT_METHODS = [schedule, reschedule, cancel, markAttended, markNoShow, list, get, reminders, counselors] as const;
