import { defineModule } from '../api/module';
import {
  addHoliday,
  addTrade,
  attendanceSheet,
  changeStage,
  createCohort,
  createCourse,
  enroll,
  getCohort,
  getCourse,
  listCohorts,
  listCourses,
  listForClient,
  listHolidays,
  listTrades,
  moveSession,
  recordAttendance,
  setHolidayActive,
  setSessionStatus,
  updateCourse,
} from './training.api';
import { TRAINING_ERRORS } from './training.errors';
import { TRAINING_ATTENDANCE_OUTBOX, TRAINING_COHORT_OUTBOX, TRAINING_COURSE_OUTBOX, TRAINING_ENROLLMENT_OUTBOX } from './training.outbox';
import { TRAINING_PERMISSIONS } from './training.permissions';

export const trainingModule = defineModule({
  name: 'training',
  methods: [
    listCourses,
    getCourse,
    createCourse,
    updateCourse,
    listTrades,
    addTrade,
    listHolidays,
    addHoliday,
    setHolidayActive,
    createCohort,
    listCohorts,
    getCohort,
    moveSession,
    setSessionStatus,
    enroll,
    changeStage,
    attendanceSheet,
    recordAttendance,
    listForClient,
  ],
  permissions: TRAINING_PERMISSIONS,
  outbox: [TRAINING_COURSE_OUTBOX, TRAINING_COHORT_OUTBOX, TRAINING_ENROLLMENT_OUTBOX, TRAINING_ATTENDANCE_OUTBOX],
  errors: TRAINING_ERRORS,
});
