import type { ReadDb } from '../db/handles';
import { attendanceFigures, isAtRisk } from './training.completion';
import { followUpsDue } from './outcomes.service';
import { findCourse, listCohortMarks, listCohorts, listEnrollments, listSessions } from './training.repository';
import type { Cohort, FollowUpDue, TrainingSession } from './training.schema';

/**
 * What the trainer's home shows, and the manager's counts toward the program's targets (issue 11,
 * item 7): persons with disabilities trained, completed and employed, by sex, and the share aged
 * 15–24 at enrollment (the age kept on the enrollment, not today's).
 */

/** The INSON project's promise: 1,200 persons with disabilities trained and employed, at least half aged 15–24. */
export const PROGRAM_TARGETS = { trainedAndEmployedWithDisability: 1200, youthShareMinPercent: 50 } as const;

export interface TodaySession {
  readonly cohortId: string;
  readonly courseNames: Record<string, string>;
  readonly session: TrainingSession;
}

export interface LearnerAtRisk {
  readonly cohortId: string;
  readonly enrollmentId: string;
  readonly clientId: string;
  readonly learnerName: string;
  readonly percent: number | null;
  readonly currentAbsenceRun: number;
}

export interface TrainerHome {
  /** Cohorts not yet ended (their last session today or later), soonest first. */
  readonly cohorts: readonly Cohort[];
  readonly todaySessions: readonly TodaySession[];
  readonly atRisk: readonly LearnerAtRisk[];
  readonly followUpsDue: readonly FollowUpDue[];
}

/** @example await trainerHome(db, trainerId, '2027-03-01') */
export async function trainerHome(db: ReadDb, trainerId: string, today: string): Promise<TrainerHome> {
  const running = (await listCohorts(db, trainerId)).filter((cohort) => cohort.endsOn >= today).reverse();
  const todaySessions: TodaySession[] = [];
  const atRisk: LearnerAtRisk[] = [];
  for (const cohort of running) {
    const course = await findCourse(db, cohort.courseId);
    const sessions = await listSessions(db, cohort.id);
    for (const session of sessions.filter((candidate) => candidate.date === today && candidate.status === 'planned')) {
      todaySessions.push({ cohortId: cohort.id, courseNames: course?.names ?? {}, session });
    }
    if (course === null) continue;
    const marks = await listCohortMarks(db, cohort.id);
    const forRule = sessions.map((session) => ({ id: session.id, date: session.date, status: session.status, isMarked: session.markedCount > 0 }));
    for (const enrollment of (await listEnrollments(db, cohort.id)).filter((candidate) => candidate.stage === 'enrolled' || candidate.stage === 'active')) {
      const own = new Map(marks.filter((mark) => mark.enrollmentId === enrollment.id).map((mark) => [mark.sessionId, mark.mark]));
      const figures = attendanceFigures(forRule, own, enrollment.joinedOn, today);
      if (isAtRisk(figures, { minAttendancePercent: course.minAttendancePercent, passMark: course.passMark })) {
        atRisk.push({ cohortId: cohort.id, enrollmentId: enrollment.id, clientId: enrollment.clientId, learnerName: enrollment.learnerName, percent: figures.percent, currentAbsenceRun: figures.currentAbsenceRun });
      }
    }
  }
  todaySessions.sort((a, b) => (a.session.startTime < b.session.startTime ? -1 : 1));
  return { cohorts: running, todaySessions, atRisk, followUpsDue: await followUpsDue(db, trainerId, today) };
}

export interface BySex {
  readonly female: number;
  readonly male: number;
  readonly total: number;
}

export interface TrainingTargets {
  readonly withDisability: {
    /** Started a course (attended at least once, or finished one). */
    readonly trained: BySex;
    readonly completed: BySex;
    /** Completed and employed or self-employed at a follow-up. */
    readonly employed: BySex;
    /** Of those trained: aged 15–24 at their first enrollment. */
    readonly trainedYouth: number;
    /** Whole percent of `trained` (rounded down); null when nobody was trained yet. */
    readonly youthSharePercent: number | null;
  };
  readonly allLearners: { readonly trained: BySex; readonly completed: BySex; readonly employed: BySex };
  readonly targets: typeof PROGRAM_TARGETS;
}

const STARTED = ['active', 'completed', 'incomplete'] as const;

/** @example await trainingTargets(db) */
export async function trainingTargets(db: ReadDb): Promise<TrainingTargets> {
  const rows = await db
    .selectFrom('training_enrollments')
    .innerJoin('clients', 'clients.id', 'training_enrollments.client_id')
    .select([
      'training_enrollments.id as enrollmentId',
      'training_enrollments.client_id as clientId',
      'training_enrollments.stage as stage',
      'training_enrollments.age_at_enrollment as age',
      'training_enrollments.applied_at as appliedAt',
      'clients.sex as sex',
      'clients.disability_group as disabilityGroup',
    ])
    .where('training_enrollments.stage', 'in', STARTED)
    .orderBy('training_enrollments.applied_at')
    .execute();
  const employedEnrollments = new Set(
    (
      await db
        .selectFrom('training_outcomes')
        .select('enrollment_id')
        .where('status', 'in', ['employed', 'selfEmployed'])
        .execute()
    ).map((row) => row.enrollment_id),
  );
  const tally = (filter: (row: (typeof rows)[number]) => boolean) => {
    const trained = new Map<string, (typeof rows)[number]>();
    const completed = new Map<string, string>();
    const employed = new Map<string, string>();
    for (const row of rows.filter(filter)) {
      // A person counts once: her first enrollment gives the age at enrollment.
      if (!trained.has(row.clientId)) trained.set(row.clientId, row);
      if (row.stage === 'completed') completed.set(row.clientId, row.sex);
      if (row.stage === 'completed' && employedEnrollments.has(row.enrollmentId)) employed.set(row.clientId, row.sex);
    }
    const bySex = (sexes: Iterable<string>): BySex => {
      const list = [...sexes];
      return { female: list.filter((sex) => sex === 'female').length, male: list.filter((sex) => sex === 'male').length, total: list.length };
    };
    return {
      trained: bySex([...trained.values()].map((row) => row.sex)),
      completed: bySex(completed.values()),
      employed: bySex(employed.values()),
      youth: [...trained.values()].filter((row) => row.age >= 15 && row.age <= 24).length,
    };
  };
  const disabled = tally((row) => row.disabilityGroup !== null);
  const all = tally(() => true);
  return {
    withDisability: {
      trained: disabled.trained,
      completed: disabled.completed,
      employed: disabled.employed,
      trainedYouth: disabled.youth,
      youthSharePercent: disabled.trained.total === 0 ? null : Math.floor((disabled.youth * 100) / disabled.trained.total),
    },
    allLearners: { trained: all.trained, completed: all.completed, employed: all.employed },
    targets: PROGRAM_TARGETS,
  };
}
