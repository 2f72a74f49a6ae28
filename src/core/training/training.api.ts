import { z } from 'zod';
import { defineRead, defineWrite } from '../api/method';
import { localCalendarDate } from '../calendar/calendar';
import { entityIdSchema } from '../db/ids.schema';
import { getCertificate as getCertificateRow, listCertificatesOfCohort, verifyCertificate as verifyCertificateService } from './certificates.service';
import { complete as completeService, completionProposal as completionProposalService, recordAssessment as recordAssessmentService } from './completion.service';
import { followUpsDue as followUpsDueService, listOutcomes, recordOutcome as recordOutcomeService } from './outcomes.service';
import { trainerHome as trainerHomeService, trainingTargets } from './training-home.service';
import { requireClient } from '../clients/clients.guards';
import { readSheet, recordAttendance as recordAttendanceService } from './attendance.service';
import { cohortDetail, createCohort as createCohortService, moveSession as moveSessionService, setSessionStatus as setSessionStatusService } from './cohorts.service';
import { addHoliday as addHolidayService, addTrade as addTradeService, createCourse as createCourseService, mustFindCourse, setHolidayActive as setHolidayActiveService, updateCourse as updateCourseService } from './courses.service';
import { changeStage as changeStageService, enroll as enrollService } from './enrollment.service';
import { listCohorts as listCohortRows, listCourses as listCourseRows, listEnrollmentsForClient, listHolidays as listHolidayRows, listTrades as listTradeRows } from './training.repository';
import {
  addTradeInput,
  certificateRefInput,
  changeStageInput,
  completeInput,
  cohortRefInput,
  courseRefInput,
  createCohortInput,
  createCourseInput,
  enrollInput,
  holidayInput,
  holidayRefInput,
  listCohortsInput,
  listCoursesInput,
  moveSessionInput,
  recordAssessmentInput,
  recordAttendanceInput,
  recordOutcomeInput,
  sessionRefInput,
  setSessionStatusInput,
  updateCourseInput,
  verifyCertificateInput,
} from './training.schema';

const WRITES = ['training.*'] as const;

export const listCourses = defineRead({
  name: 'training.listCourses',
  input: listCoursesInput,
  access: 'training.read',
  handler: async (ctx, input) => ({ items: await listCourseRows(ctx.db, input.includeInactive) }),
});

export const getCourse = defineRead({
  name: 'training.getCourse',
  input: courseRefInput,
  access: 'training.read',
  handler: (ctx, input) => mustFindCourse(ctx.db, input.id),
});

export const createCourse = defineWrite({
  name: 'training.createCourse',
  input: createCourseInput,
  access: 'training.manageCourses',
  invalidates: WRITES,
  handler: (w, input) => createCourseService(w, input),
});

export const updateCourse = defineWrite({
  name: 'training.updateCourse',
  input: updateCourseInput,
  access: 'training.manageCourses',
  invalidates: WRITES,
  handler: (w, input) => updateCourseService(w, input),
});

export const listTrades = defineRead({
  name: 'training.listTrades',
  input: z.object({}),
  access: 'training.read',
  handler: async (ctx) => ({ items: await listTradeRows(ctx.db) }),
});

export const addTrade = defineWrite({
  name: 'training.addTrade',
  input: addTradeInput,
  access: 'training.manageCourses',
  invalidates: WRITES,
  handler: (w, input) => addTradeService(w, input),
});

export const listHolidays = defineRead({
  name: 'training.listHolidays',
  input: z.object({}),
  access: 'training.read',
  handler: async (ctx) => ({ items: await listHolidayRows(ctx.db) }),
});

export const addHoliday = defineWrite({
  name: 'training.addHoliday',
  input: holidayInput,
  access: 'training.manageHolidays',
  invalidates: WRITES,
  handler: (w, input) => addHolidayService(w, input),
});

export const setHolidayActive = defineWrite({
  name: 'training.setHolidayActive',
  input: holidayRefInput,
  access: 'training.manageHolidays',
  invalidates: WRITES,
  handler: (w, input) => setHolidayActiveService(w, input),
});

export const createCohort = defineWrite({
  name: 'training.createCohort',
  input: createCohortInput,
  access: 'training.manageCohorts',
  invalidates: WRITES,
  handler: (w, input) => createCohortService(w, input),
});

export const listCohorts = defineRead({
  name: 'training.listCohorts',
  input: listCohortsInput,
  access: 'training.read',
  handler: async (ctx, input) => ({ items: await listCohortRows(ctx.db, input.mine ? ctx.actor.userId : null) }),
});

export const getCohort = defineRead({
  name: 'training.getCohort',
  input: cohortRefInput,
  access: 'training.read',
  handler: (ctx, input) => cohortDetail(ctx.db, input.id),
});

export const moveSession = defineWrite({
  name: 'training.moveSession',
  input: moveSessionInput,
  access: 'training.manageCohorts',
  invalidates: WRITES,
  handler: (w, input) => moveSessionService(w, input),
});

export const setSessionStatus = defineWrite({
  name: 'training.setSessionStatus',
  input: setSessionStatusInput,
  access: 'training.manageCohorts',
  invalidates: WRITES,
  handler: (w, input) => setSessionStatusService(w, input),
});

export const enroll = defineWrite({
  name: 'training.enroll',
  input: enrollInput,
  access: 'training.enroll',
  invalidates: WRITES,
  handler: (w, input) => enrollService(w, input),
});

export const changeStage = defineWrite({
  name: 'training.changeStage',
  input: changeStageInput,
  access: 'training.manageCohorts',
  invalidates: WRITES,
  handler: (w, input) => changeStageService(w, input),
});

export const attendanceSheet = defineRead({
  name: 'training.attendanceSheet',
  input: sessionRefInput,
  access: 'training.read',
  handler: (ctx, input) => readSheet(ctx, input.sessionId),
});

export const recordAttendance = defineWrite({
  name: 'training.recordAttendance',
  input: recordAttendanceInput,
  access: 'training.attendance',
  invalidates: WRITES,
  handler: (w, input) => recordAttendanceService(w, input),
});

/** A client's enrollments, for the client page. */
export const listForClient = defineRead({
  name: 'training.listForClient',
  input: z.object({ clientId: entityIdSchema }),
  access: 'training.read',
  handler: async (ctx, input) => {
    await requireClient(ctx.db, input.clientId);
    return { items: await listEnrollmentsForClient(ctx.db, input.clientId) };
  },
});

export const completionProposal = defineRead({
  name: 'training.completionProposal',
  input: cohortRefInput,
  access: 'training.read',
  handler: async (ctx, input) => ({ items: await completionProposalService(ctx.db, input.id, localCalendarDate(ctx.now)) }),
});

export const recordAssessment = defineWrite({
  name: 'training.recordAssessment',
  input: recordAssessmentInput,
  access: 'training.attendance',
  invalidates: WRITES,
  handler: (w, input) => recordAssessmentService(w, input),
});

export const complete = defineWrite({
  name: 'training.complete',
  input: completeInput,
  access: 'training.attendance',
  invalidates: WRITES,
  handler: (w, input) => completeService(w, input),
});

export const getCertificate = defineRead({
  name: 'training.getCertificate',
  input: certificateRefInput,
  access: 'training.read',
  handler: (ctx, input) => getCertificateRow(ctx.db, input.number),
});

export const listCertificates = defineRead({
  name: 'training.listCertificates',
  input: cohortRefInput,
  access: 'training.read',
  handler: async (ctx, input) => ({ items: await listCertificatesOfCohort(ctx.db, input.id) }),
});

export const verifyCertificate = defineRead({
  name: 'training.verifyCertificate',
  input: verifyCertificateInput,
  access: 'training.read',
  handler: (ctx, input) => verifyCertificateService(ctx.db, input.qrText),
});

export const recordOutcome = defineWrite({
  name: 'training.recordOutcome',
  input: recordOutcomeInput,
  access: 'training.attendance',
  invalidates: WRITES,
  handler: (w, input) => recordOutcomeService(w, input),
});

export const listOutcomesOf = defineRead({
  name: 'training.listOutcomes',
  input: z.object({ enrollmentIds: z.array(entityIdSchema).min(1).max(500) }),
  access: 'training.read',
  handler: async (ctx, input) => ({ items: await listOutcomes(ctx.db, input.enrollmentIds) }),
});

/** Follow-ups due: a trainer's own cohorts; a manager's, every cohort. */
export const followUpsDue = defineRead({
  name: 'training.followUpsDue',
  input: z.object({}),
  access: 'training.read',
  handler: async (ctx) => ({ items: await followUpsDueService(ctx.db, ctx.actor.role === 'trainer' ? ctx.actor.userId : null, localCalendarDate(ctx.now)) }),
});

export const trainerHome = defineRead({
  name: 'training.trainerHome',
  input: z.object({}),
  access: 'training.attendance',
  handler: (ctx) => trainerHomeService(ctx.db, ctx.actor.userId, localCalendarDate(ctx.now)),
});

/** The program's counts: persons with disabilities trained, completed and employed, by sex, and the 15–24 share. */
export const targets = defineRead({
  name: 'training.targets',
  input: z.object({}),
  access: 'training.viewTargets',
  handler: (ctx) => trainingTargets(ctx.db),
});
