import { z } from 'zod';
import { calendarDateSchema } from '../calendar/calendar.schema';
import { entityIdSchema } from '../db/ids.schema';
import { localizedNamesSchema, type LocalizedNames } from '../services/services.schema';
import { singleLineText } from '../text/text-fields.schema';

/**
 * Training inputs and coded lists, pure zod (shared with the UI's forms). Codes are stable: they
 * are counted and leave the center; the UI translates `training:<list>.<code>`.
 */
export const COURSE_KINDS = ['computerLiteracy', 'financialLiteracy', 'vocational'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

/** The trades a vocational course teaches out of the box; a center adds its own (`training.addTrade`). */
export const BUILT_IN_TRADES = ['sewing', 'hairdressing', 'cooking', 'handicrafts', 'it'] as const;
export type BuiltInTrade = (typeof BUILT_IN_TRADES)[number];

/** Who a course is meant for; used to find courses and counted toward the program's targets. */
export const TARGET_GROUPS = ['personsWithDisabilities', 'youth', 'women', 'survivorsOfViolence', 'olderPersons', 'unemployed'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const ACCESSIBILITY_FEATURES = ['signLanguage', 'wheelchairAccess', 'largePrint', 'easyRead', 'audioMaterials'] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** Days of the week as ISO numbers the schedule is built on: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ENROLLMENT_STAGES = ['applied', 'waitlisted', 'enrolled', 'active', 'completed', 'incomplete', 'withdrawn'] as const;
export type EnrollmentStage = (typeof ENROLLMENT_STAGES)[number];
/** Stages that hold one of the cohort's places. */
export const PLACE_HOLDING_STAGES: readonly EnrollmentStage[] = ['enrolled', 'active', 'completed', 'incomplete'];

export const ATTENDANCE_MARKS = ['present', 'absent', 'excused', 'late'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
/** Why an absence is excused: a short list, so no free text about a learner's health is typed here. */
export const EXCUSE_REASONS = ['illness', 'familyMatter', 'medicalAppointment', 'transport', 'work', 'other'] as const;
export type ExcuseReason = (typeof EXCUSE_REASONS)[number];

/** `planned`: to take place (or took place, once marked); `cancelled` in advance; `notHeld`: did not take place after all. */
export const SESSION_STATUSES = ['planned', 'cancelled', 'notHeld'] as const;
export type TrainingSessionStatus = (typeof SESSION_STATUSES)[number];

export const WITHDRAWAL_REASONS = ['moved', 'health', 'foundWork', 'familyReasons', 'lostInterest', 'noContact', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const DEFAULT_MIN_ATTENDANCE_PERCENT = 80;
export const MAX_COURSE_HOURS = 2000;
export const MAX_SESSION_MINUTES = 8 * 60;
export const MAX_COHORT_CAPACITY = 200;
/** A schedule longer than this many sessions is a typo in the hours or the duration. */
export const MAX_COHORT_SESSIONS = 400;

const uniqueList = <const T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .array(z.enum(codes))
    .max(codes.length)
    .refine((list) => new Set(list).size === list.length, { message: 'duplicate' })
    .default([]);

/** A trade: a built-in code or a center's own (`center.` and 8 hex digits). */
export const tradeCodeSchema = z.string().regex(/^(?:[a-z]+|center\.[0-9a-f]{8})$/);
/** `HH:MM`, 24-hour, the center's local time. */
export const clockTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

const courseFields = z.object({
  names: localizedNamesSchema,
  kind: z.enum(COURSE_KINDS),
  /** Required for a vocational course, refused for the others. */
  trade: tradeCodeSchema.nullable().default(null),
  hours: z.number().int().min(1).max(MAX_COURSE_HOURS),
  minAttendancePercent: z.number().int().min(1).max(100).default(DEFAULT_MIN_ATTENDANCE_PERCENT),
  /** A final assessment's pass mark (0–100); null when the course has none. */
  passMark: z.number().int().min(0).max(100).nullable().default(null),
  targetGroups: uniqueList(TARGET_GROUPS),
  accessibility: uniqueList(ACCESSIBILITY_FEATURES),
});

const tradeRule = (course: { kind: CourseKind; trade: string | null }, ctx: z.RefinementCtx) => {
  if (course.kind === 'vocational' && course.trade === null) ctx.addIssue({ code: 'custom', path: ['trade'], message: 'required' });
  if (course.kind !== 'vocational' && course.trade !== null) ctx.addIssue({ code: 'custom', path: ['trade'], message: 'trade_only_vocational' });
};

export const createCourseInput = courseFields.superRefine(tradeRule);
export type CreateCourseInput = z.input<typeof createCourseInput>;
export type CourseFields = z.output<typeof createCourseInput>;

export const updateCourseInput = courseFields
  .extend({ id: entityIdSchema, expectedVersion: z.number().int().min(1), isActive: z.boolean().default(true) })
  .superRefine(tradeRule);

export const courseRefInput = z.object({ id: entityIdSchema });
export const listCoursesInput = z.object({ includeInactive: z.boolean().default(false) });

export const addTradeInput = z.object({ names: localizedNamesSchema });

export interface Trade {
  readonly code: string;
  /** Null for the built-in trades: the UI words them (`training:trades.<code>`). */
  readonly names: LocalizedNames | null;
  readonly isBuiltIn: boolean;
}

export interface Course extends CourseFields {
  readonly id: string;
  readonly isActive: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** How a cohort's sessions repeat: weekdays, a start time and a duration, until the course's hours are covered. */
export const scheduleRuleSchema = z.object({
  startsOn: calendarDateSchema,
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, { message: 'duplicate' }),
  startTime: clockTimeSchema,
  durationMinutes: z.number().int().min(15).max(MAX_SESSION_MINUTES),
});
export type ScheduleRule = z.output<typeof scheduleRuleSchema>;

export const createCohortInput = z.object({
  courseId: entityIdSchema,
  trainerIds: z
    .array(entityIdSchema)
    .min(1)
    .max(5)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate' }),
  place: singleLineText(200),
  capacity: z.number().int().min(1).max(MAX_COHORT_CAPACITY),
  schedule: scheduleRuleSchema,
});
export type CreateCohortInput = z.input<typeof createCohortInput>;

export const cohortRefInput = z.object({ id: entityIdSchema });
export const listCohortsInput = z.object({
  /** Only the cohorts this trainer runs; omitted: every cohort the caller may see. */
  mine: z.boolean().default(false),
});

export const moveSessionInput = z.object({
  sessionId: entityIdSchema,
  date: calendarDateSchema,
  startTime: clockTimeSchema,
  durationMinutes: z.number().int().min(15).max(MAX_SESSION_MINUTES).optional(),
});
export const setSessionStatusInput = z.object({ sessionId: entityIdSchema, status: z.enum(SESSION_STATUSES) });

export interface TrainingSession {
  readonly id: string;
  readonly cohortId: string;
  readonly seq: number;
  readonly date: string;
  readonly startTime: string;
  readonly durationMinutes: number;
  readonly status: TrainingSessionStatus;
  /** The date the generator gave it, when it was moved since. */
  readonly originalDate: string | null;
  /** How many learners have a mark for it: 0 with status `planned` is "not yet marked". */
  readonly markedCount: number;
}

export interface Cohort {
  readonly id: string;
  readonly courseId: string;
  readonly trainerIds: readonly string[];
  readonly place: string;
  readonly capacity: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly weekdays: readonly Weekday[];
  readonly startTime: string;
  readonly durationMinutes: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface CohortDetail extends Cohort {
  readonly course: Course;
  readonly sessions: readonly TrainingSession[];
  readonly enrollments: readonly Enrollment[];
}

/** A day the center does not teach: every year on `monthDay` (`MM-DD`) or once on `date`. */
export const holidayInput = z
  .object({
    date: calendarDateSchema.nullable().default(null),
    monthDay: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
      .nullable()
      .default(null),
    name: singleLineText(120),
  })
  .refine((holiday) => (holiday.date === null) !== (holiday.monthDay === null), { message: 'date_or_month_day', path: ['date'] });
export const holidayRefInput = z.object({ id: entityIdSchema, isActive: z.boolean() });

export interface Holiday {
  readonly id: string;
  readonly date: string | null;
  readonly monthDay: string | null;
  /** Null for the built-in holidays: the UI words them (`training:holidays.<code>`). */
  readonly name: string | null;
  readonly code: string | null;
  readonly isActive: boolean;
}

export const enrollInput = z.object({
  cohortId: entityIdSchema,
  clientId: entityIdSchema,
  /** The day the learner joins; sessions before it are not counted for them. Default: today. */
  joinedOn: calendarDateSchema.optional(),
});

/** Moves an enrollment along; a withdrawal names its reason, `incomplete` too. */
export const changeStageInput = z
  .object({
    enrollmentId: entityIdSchema,
    stage: z.enum(['enrolled', 'active', 'withdrawn', 'waitlisted'] as const),
    reason: z.enum(WITHDRAWAL_REASONS).optional(),
    expectedVersion: z.number().int().min(1),
  })
  .refine((input) => input.stage !== 'withdrawn' || input.reason !== undefined, { message: 'required', path: ['reason'] });

export interface Enrollment {
  readonly id: string;
  readonly cohortId: string;
  readonly clientId: string;
  /** The learner's name as the client record holds it now (last, first, patronymic). */
  readonly learnerName: string;
  readonly stage: EnrollmentStage;
  readonly withdrawalReason: WithdrawalReason | null;
  readonly joinedOn: string;
  /** Age in whole years on the day of enrollment: the program's 15–24 share counts this, not today's age. */
  readonly ageAtEnrollment: number;
  readonly appliedAt: string;
  /** The final assessment's score, when the course has one and it was recorded. */
  readonly assessmentScore: number | null;
  /** The day the trainer confirmed completion (or incompletion). */
  readonly completedOn: string | null;
  readonly incompleteReason: IncompleteReason | null;
  readonly version: number;
}

export const recordAttendanceInput = z.object({
  sessionId: entityIdSchema,
  marks: z
    .array(
      z
        .object({
          enrollmentId: entityIdSchema,
          mark: z.enum(ATTENDANCE_MARKS),
          excuse: z.enum(EXCUSE_REASONS).nullable().default(null),
        })
        .refine((row) => (row.mark === 'excused') === (row.excuse !== null), { message: 'excuse_reason', path: ['excuse'] }),
    )
    .min(1)
    .max(MAX_COHORT_CAPACITY)
    .refine((rows) => new Set(rows.map((row) => row.enrollmentId)).size === rows.length, { message: 'duplicate' }),
});
export type RecordAttendanceInput = z.input<typeof recordAttendanceInput>;

export const sessionRefInput = z.object({ sessionId: entityIdSchema });

export interface AttendanceRow {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly learnerName: string;
  readonly mark: AttendanceMark | null;
  readonly excuse: ExcuseReason | null;
  /** The learner had not joined yet on the session's day: not counted either way. */
  readonly isBeforeJoining: boolean;
}

export const INCOMPLETE_REASONS = ['attendance', 'assessmentFailed', 'assessmentMissed', 'other'] as const;
export type IncompleteReason = (typeof INCOMPLETE_REASONS)[number];

/** A final assessment's result, 0–100, recorded before completion. */
export const recordAssessmentInput = z.object({ enrollmentId: entityIdSchema, score: z.number().int().min(0).max(100).nullable() });

/**
 * `training.complete`: the trainer's decision for each learner at the cohort's end. `completed`
 * needs the course's rule met (the core checks); `incomplete` names the reason.
 */
export const completeInput = z.object({
  cohortId: entityIdSchema,
  decisions: z
    .array(
      z.discriminatedUnion('outcome', [
        z.object({ enrollmentId: entityIdSchema, outcome: z.literal('completed') }),
        z.object({ enrollmentId: entityIdSchema, outcome: z.literal('incomplete'), reason: z.enum(INCOMPLETE_REASONS) }),
      ]),
    )
    .min(1)
    .max(MAX_COHORT_CAPACITY)
    .refine((rows) => new Set(rows.map((row) => row.enrollmentId)).size === rows.length, { message: 'duplicate' }),
});
export type CompleteInput = z.input<typeof completeInput>;

export interface CompletionProposalRow {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly stage: EnrollmentStage;
  readonly countedSessions: number;
  readonly attendedSessions: number;
  readonly unmarkedSessions: number;
  readonly percent: number | null;
  readonly assessmentScore: number | null;
  /** Whether the course's rule is met: the application's proposal, which the trainer confirms. */
  readonly meetsRule: boolean;
  /** Why not, when the rule is not met: the proposed reason for `incomplete`. */
  readonly proposedReason: IncompleteReason | null;
}

export interface Certificate {
  readonly number: string;
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly learnerName: string;
  readonly courseNames: LocalizedNames;
  readonly hours: number;
  readonly issuedOn: string;
  /** What the QR code carries: `INSON1.<payload>.<signature>`, both base64url. */
  readonly qrText: string;
}

export const certificateRefInput = z.object({ number: z.string().trim().min(1).max(64) });
export const certificateLanguageSchema = z.enum(['uz-Latn', 'uz-Cyrl', 'ru']);
export type CertificateLanguage = z.output<typeof certificateLanguageSchema>;
export const certificatePdfInput = certificateRefInput.extend({ language: certificateLanguageSchema });
/** The text a QR code on a certificate holds, as scanned. */
export const verifyCertificateInput = z.object({ qrText: z.string().trim().min(1).max(4000) });

export const OUTCOME_CHECKPOINTS = [3, 6, 12] as const;
export type OutcomeCheckpoint = (typeof OUTCOME_CHECKPOINTS)[number];
export const OUTCOME_STATUSES = ['employed', 'selfEmployed', 'furtherTraining', 'notEmployed'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
export const EMPLOYER_TYPES = ['government', 'private', 'ngo', 'family', 'cooperative', 'other'] as const;
export type EmployerType = (typeof EMPLOYER_TYPES)[number];

/** Employment follow-up of a graduate at 3, 6 or 12 months; employer type and contract only for `employed`. */
export const recordOutcomeInput = z
  .object({
    enrollmentId: entityIdSchema,
    checkpointMonths: z.union([z.literal(3), z.literal(6), z.literal(12)]),
    status: z.enum(OUTCOME_STATUSES),
    employerType: z.enum(EMPLOYER_TYPES).nullable().default(null),
    hasFormalContract: z.boolean().nullable().default(null),
  })
  .superRefine((input, ctx) => {
    if (input.status === 'employed' && input.employerType === null) ctx.addIssue({ code: 'custom', path: ['employerType'], message: 'required' });
    if (input.status === 'employed' && input.hasFormalContract === null) ctx.addIssue({ code: 'custom', path: ['hasFormalContract'], message: 'required' });
    if (input.status !== 'employed' && (input.employerType !== null || input.hasFormalContract !== null)) {
      ctx.addIssue({ code: 'custom', path: ['employerType'], message: 'only_employed' });
    }
  });
export type RecordOutcomeInput = z.input<typeof recordOutcomeInput>;

export interface Outcome {
  readonly enrollmentId: string;
  readonly checkpointMonths: OutcomeCheckpoint;
  readonly status: OutcomeStatus;
  readonly employerType: EmployerType | null;
  readonly hasFormalContract: boolean | null;
  readonly recordedOn: string;
}

export interface FollowUpDue {
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly learnerName: string;
  readonly cohortId: string;
  readonly checkpointMonths: OutcomeCheckpoint;
  readonly dueOn: string;
  readonly isOverdue: boolean;
}
