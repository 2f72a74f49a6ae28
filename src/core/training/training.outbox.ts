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
