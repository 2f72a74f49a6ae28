import { defineErrorReasons, domainErrors } from '../api/errors';

/** The reasons the appointments domain gives with its errors; each has a sentence in every language (errors.json, `reasons`). */
export const APPOINTMENTS_ERRORS = defineErrorReasons({
  CONFLICT: [
    'appointmentOverlaps',
    'appointmentInPast',
    'appointmentNotScheduled',
    'appointmentNotStarted',
    'appointmentChangedMeanwhile',
    'appointmentExists',
    'notACounselor',
    'sessionNotForAppointment',
  ],
  NOT_FOUND: ['appointment', 'counselor'],
  FORBIDDEN: ['notOwnAppointment'],
});

/** @example throw appointmentsError('CONFLICT', 'appointmentOverlaps', { appointmentId }); */
export const appointmentsError = domainErrors(APPOINTMENTS_ERRORS);
