import { defineModule } from '../api/module';
import { APPOINTMENT_METHODS } from './appointments.api';
import { APPOINTMENTS_ERRORS } from './appointments.errors';
import { APPOINTMENT_OUTBOX } from './appointments.outbox';
import { APPOINTMENTS_PERMISSIONS } from './appointments.permissions';

/** Appointments with psychologists (issue 10, item 9): the calendar, reminders, no-shows. */
export const appointmentsModule = defineModule({
  name: 'appointments',
  methods: APPOINTMENT_METHODS,
  permissions: APPOINTMENTS_PERMISSIONS,
  outbox: [APPOINTMENT_OUTBOX],
  errors: APPOINTMENTS_ERRORS,
});
