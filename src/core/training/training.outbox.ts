import { defineOutboxType } from '../sync/outbox.spec';

/** What the registry counts of training: courses, cohorts, enrollments and attendance totals. Never free text beyond the course's names. */
export const TRAINING_COURSE_OUTBOX = defineOutboxType({
  type: 'trainingCourse',
  version: 1,
  fields: ['names', 'kind', 'trade', 'hours', 'minAttendancePercent', 'passMark', 'targetGroups', 'accessibility', 'isActive'],
});

export const TRAINING_COHORT_OUTBOX = defineOutboxType({
  type: 'trainingCohort',
  version: 1,
  fields: ['courseId', 'startsOn', 'endsOn', 'capacity', 'sessionCount'],
});

export const TRAINING_ENROLLMENT_OUTBOX = defineOutboxType({
  type: 'trainingEnrollment',
  version: 1,
  fields: ['cohortId', 'clientId', 'stage', 'joinedOn', 'ageAtEnrollment', 'withdrawalReason'],
});

/** Per learner and cohort, after every attendance write: the totals, not the marks. */
export const TRAINING_ATTENDANCE_OUTBOX = defineOutboxType({
  type: 'trainingAttendanceTotals',
  version: 1,
  fields: ['cohortId', 'clientId', 'countedSessions', 'attendedSessions', 'excusedSessions'],
});

/** A learner's end of the course: completed (with the certificate's number) or not, and the totals behind it. */
export const TRAINING_COMPLETION_OUTBOX = defineOutboxType({
  type: 'trainingCompletion',
  version: 1,
  fields: ['cohortId', 'clientId', 'outcome', 'incompleteReason', 'completedOn', 'certificateNumber', 'countedSessions', 'attendedSessions', 'assessmentScore'],
});

/** A graduate's employment at 3, 6 or 12 months. */
export const TRAINING_OUTCOME_OUTBOX = defineOutboxType({
  type: 'trainingOutcome',
  version: 1,
  fields: ['enrollmentId', 'clientId', 'checkpointMonths', 'status', 'employerType', 'hasFormalContract', 'recordedOn'],
});
