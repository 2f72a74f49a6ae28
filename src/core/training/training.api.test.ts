import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

// Tashkent is UTC+5: 10:00 there on Monday 1 March 2027.
const NOW = new Date('2027-03-01T05:00:00.000Z');
const NAMES = { 'uz-Latn': 'Kompyuter savodxonligi', 'uz-Cyrl': 'Компьютер саводхонлиги', ru: 'Компьютерная грамотность', en: 'Computer literacy' };
const course = (overrides: Record<string, unknown> = {}) => ({ names: NAMES, kind: 'computerLiteracy' as const, hours: 12, ...overrides });
const schedule = { startsOn: '2027-03-01', weekdays: [1, 3, 5], startTime: '10:00', durationMinutes: 120 };

describe('training: courses, cohorts, enrollment and attendance through the API', () => {
  let t: TestCenter;
  let otherTrainerId: string;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
    otherTrainerId = (await t.as.administrator.invoke('staff.add', { displayName: 'Second Trainer', username: 'trainer2', role: 'trainer' })).userId;
  });
  afterAll(() => t.dispose());

  const outboxOf = async (type: string, entityId: string) =>
    (await t.db().selectFrom('outbox').selectAll().where('type', '=', type).where('entity_id', '=', entityId).orderBy('seq').execute()).map(
      (row) => JSON.parse(row.data_json) as Record<string, unknown>,
    );
  const newCohort = async (overrides: Record<string, unknown> = {}) => {
    const created = await t.as.trainer.invoke('training.createCourse', course());
    return t.as.trainer.invoke('training.createCohort', { courseId: created.id, trainerIds: [t.staffId.trainer], place: 'Xona 2', capacity: 10, schedule, ...overrides });
  };

  it('creates courses for trainers and managers only, with the vocational trade rule and the 80% default', async () => {
    const created = await t.as.trainer.invoke('training.createCourse', course({ targetGroups: ['personsWithDisabilities', 'youth'], accessibility: ['signLanguage'] }));
    expect(created).toMatchObject({ names: NAMES, kind: 'computerLiteracy', trade: null, hours: 12, minAttendancePercent: 80, passMark: null, isActive: true, version: 1 });
    expect(await outboxOf('trainingCourse', created.id)).toEqual([
      expect.objectContaining({ names: [NAMES['uz-Latn'], NAMES['uz-Cyrl'], NAMES.ru, NAMES.en], kind: 'computerLiteracy', targetGroups: ['personsWithDisabilities', 'youth'] }),
    ]);
    const sewing = await t.as.manager.invoke('training.createCourse', course({ kind: 'vocational', trade: 'sewing', hours: 120, passMark: 60 }));
    expect(sewing).toMatchObject({ trade: 'sewing', passMark: 60 });
    expect(await rejection(t.as.trainer.invoke('training.createCourse', course({ kind: 'vocational' })))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.trainer.invoke('training.createCourse', course({ trade: 'sewing' })))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.trainer.invoke('training.createCourse', course({ kind: 'vocational', trade: 'astrology' })))).toMatchObject({ code: 'CONFLICT', details: { reason: 'unknownTrade' } });
    expect(await rejection(t.as.receptionist.invoke('training.createCourse', course()))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.trainer.invoke('training.createCourse', course({ hours: 0 })))).toMatchObject({ code: 'INVALID_INPUT' });

    const trade = await t.as.trainer.invoke('training.addTrade', { names: { 'uz-Latn': 'Kulolchilik', 'uz-Cyrl': 'Кулолчилик', ru: 'Гончарное дело', en: 'Pottery' } });
    expect(trade.code).toMatch(/^center\.[0-9a-f]{8}$/);
    expect(await t.as.trainer.invoke('training.createCourse', course({ kind: 'vocational', trade: trade.code }))).toMatchObject({ trade: trade.code });
    expect((await t.as.receptionist.invoke('training.listTrades', {})).items.map((item) => item.code)).toEqual(['sewing', 'hairdressing', 'cooking', 'handicrafts', 'it', trade.code]);

    const retired = await t.as.trainer.invoke('training.updateCourse', { ...course(), id: created.id, expectedVersion: 1, isActive: false });
    expect(retired).toMatchObject({ isActive: false, version: 2 });
    expect(await rejection(t.as.trainer.invoke('training.updateCourse', { ...course(), id: created.id, expectedVersion: 1, isActive: true }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'version' } });
    expect((await t.as.trainer.invoke('training.listCourses', {})).items.map((item) => item.id)).not.toContain(created.id);
    expect(
      await rejection(t.as.trainer.invoke('training.createCohort', { courseId: created.id, trainerIds: [t.staffId.trainer], place: 'Xona', capacity: 5, schedule })),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'courseRetired' } });
  });

  it('generates the cohort schedule skipping the built-in and the center’s own holidays; a switched-off holiday is taught', async () => {
    const holidays = (await t.as.trainer.invoke('training.listHolidays', {})).items;
    expect(holidays.filter((holiday) => holiday.code !== null).map((holiday) => holiday.monthDay)).toEqual(['01-01', '03-08', '03-21', '05-09', '09-01', '10-01', '12-08']);
    const hayit = await t.as.manager.invoke('training.addHoliday', { date: '2027-03-10', name: 'Ramazon hayiti' });
    const cohort = await newCohort();
    expect(cohort.sessions.map((session) => session.date)).toEqual(['2027-03-01', '2027-03-03', '2027-03-05', '2027-03-12', '2027-03-15', '2027-03-17']);
    expect(cohort).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-03-17', weekdays: [1, 3, 5], trainerIds: [t.staffId.trainer] });
    expect(await outboxOf('trainingCohort', cohort.id)).toEqual([expect.objectContaining({ sessionCount: 6, startsOn: '2027-03-01', endsOn: '2027-03-17' })]);

    await t.as.manager.invoke('training.setHolidayActive', { id: hayit.id, isActive: false });
    const womensDay = holidays.find((holiday) => holiday.code === 'womensDay');
    await t.as.manager.invoke('training.setHolidayActive', { id: womensDay?.id ?? '', isActive: false });
    const second = await newCohort();
    expect(second.sessions.map((session) => session.date)).toEqual(['2027-03-01', '2027-03-03', '2027-03-05', '2027-03-08', '2027-03-10', '2027-03-12']);
    await t.as.manager.invoke('training.setHolidayActive', { id: womensDay?.id ?? '', isActive: true });
    expect(await rejection(t.as.receptionist.invoke('training.addHoliday', { date: '2027-03-11', name: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('training.addHoliday', { date: '2027-03-11', monthDay: '03-11', name: 'x' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(newCohort({ trainerIds: [t.staffId.receptionist] }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'notATrainer', field: 'trainerIds.0' } });
    expect(await rejection(newCohort({ schedule: { ...schedule, startTime: '25:00' } }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('moves and cancels single sessions; "did not take place" stays apart from "not yet marked"', async () => {
    const cohort = await newCohort();
    const [first, second, , , , last] = cohort.sessions;
    const moved = await t.as.trainer.invoke('training.moveSession', { sessionId: last?.id ?? '', date: '2027-03-19', startTime: '14:00' });
    expect(moved).toMatchObject({ date: '2027-03-19', startTime: '14:00', originalDate: last?.date, seq: 6 });
    expect((await t.as.trainer.invoke('training.getCohort', { id: cohort.id })).endsOn).toBe('2027-03-19');
    const cancelled = await t.as.trainer.invoke('training.setSessionStatus', { sessionId: second?.id ?? '', status: 'cancelled' });
    expect(cancelled.status).toBe('cancelled');
    const notHeld = await t.as.trainer.invoke('training.setSessionStatus', { sessionId: first?.id ?? '', status: 'notHeld' });
    expect(notHeld).toMatchObject({ status: 'notHeld', markedCount: 0 });
    const detail = await t.as.trainer.invoke('training.getCohort', { id: cohort.id });
    expect(detail.sessions.map((session) => [session.seq, session.status])).toEqual([
      [1, 'notHeld'],
      [2, 'cancelled'],
      [3, 'planned'],
      [4, 'planned'],
      [5, 'planned'],
      [6, 'planned'],
    ]);
    const someoneElses = await newCohort({ trainerIds: [otherTrainerId] });
    expect(await rejection(t.as.trainer.invoke('training.setSessionStatus', { sessionId: someoneElses.sessions[0]?.id ?? '', status: 'cancelled' }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'notCohortTrainer' },
    });
  });

  it('enrolls while places last, waitlists after, offers a freed place to the first on the waitlist; the front desk’s enrollment is an application', async () => {
    const cohort = await newCohort({ capacity: 2 });
    const [a, b, c, d] = await Promise.all(['ena', 'enb', 'enc', 'end'].map((tag) => t.registerClient(tag)));
    const first = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: a?.id ?? '' });
    const second = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: b?.id ?? '' });
    const third = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: c?.id ?? '' });
    expect([first.stage, second.stage, third.stage]).toEqual(['enrolled', 'enrolled', 'waitlisted']);
    expect(first).toMatchObject({ joinedOn: '2027-03-01', ageAtEnrollment: 41 });
    expect(await rejection(t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: a?.id ?? '' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'alreadyEnrolled' } });
    const applied = await t.as.receptionist.invoke('training.enroll', { cohortId: cohort.id, clientId: d?.id ?? '' });
    expect(applied.stage).toBe('applied');

    expect(await rejection(t.as.trainer.invoke('training.changeStage', { enrollmentId: first.id, stage: 'withdrawn', expectedVersion: 1 }))).toMatchObject({ code: 'INVALID_INPUT' });
    const withdrawn = await t.as.trainer.invoke('training.changeStage', { enrollmentId: first.id, stage: 'withdrawn', reason: 'foundWork', expectedVersion: 1 });
    expect(withdrawn.enrollment).toMatchObject({ stage: 'withdrawn', withdrawalReason: 'foundWork' });
    expect(withdrawn.offerPlaceTo?.id).toBe(third.id);
    // The application waits: the freed place goes to whoever the trainer enrolls first.
    const fromWaitlist = await t.as.trainer.invoke('training.changeStage', { enrollmentId: third.id, stage: 'enrolled', expectedVersion: 1 });
    expect(fromWaitlist.enrollment.stage).toBe('enrolled');
    const full = await t.as.trainer.invoke('training.changeStage', { enrollmentId: applied.id, stage: 'enrolled', expectedVersion: 1 });
    expect(full.enrollment.stage).toBe('waitlisted');
    expect(await rejection(t.as.trainer.invoke('training.changeStage', { enrollmentId: withdrawn.enrollment.id, stage: 'enrolled', expectedVersion: 2 }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'stageTransition' },
    });
    expect(await outboxOf('trainingEnrollment', first.id)).toEqual([
      expect.objectContaining({ stage: 'enrolled', ageAtEnrollment: 41, clientId: a?.id }),
      expect.objectContaining({ stage: 'withdrawn', withdrawalReason: 'foundWork' }),
    ]);
    expect((await t.as.receptionist.invoke('training.listForClient', { clientId: a?.id ?? '' })).items.map((item) => item.stage)).toEqual(['withdrawn']);
  });

  it('keeps the age on the day of enrollment, not today’s', async () => {
    const cohort = await newCohort();
    // Turns 25 on 2 March 2027: 24 at enrollment on 1 March.
    const young = await t.registerClient('youth', { birthDate: '2002-03-02' });
    const enrollment = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: young.id });
    expect(enrollment.ageAtEnrollment).toBe(24);
  });

  it('takes attendance on the day or later, by the cohort’s trainer; counts totals, corrects marks, skips sessions before a late joiner joined', async () => {
    // Today is 1 March; this cohort began on Monday 15 February.
    const cohort = await newCohort({ schedule: { ...schedule, startsOn: '2027-02-15' } });
    const [a, b] = await Promise.all(['ata', 'atb'].map((tag) => t.registerClient(tag)));
    const early = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: a?.id ?? '', joinedOn: '2027-02-15' });
    const upcoming = await newCohort();
    const upcomingEnrollment = await t.as.trainer.invoke('training.enroll', { cohortId: upcoming.id, clientId: a?.id ?? '' });
    expect(
      await rejection(t.as.trainer.invoke('training.recordAttendance', { sessionId: upcoming.sessions[1]?.id ?? '', marks: [{ enrollmentId: upcomingEnrollment.id, mark: 'present' }] })),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionInFuture' } });
    const [s1, s2, s3] = cohort.sessions;
    const sheet = await t.as.trainer.invoke('training.recordAttendance', { sessionId: s1?.id ?? '', marks: [{ enrollmentId: early.id, mark: 'present' }] });
    expect(sheet.rows).toEqual([expect.objectContaining({ enrollmentId: early.id, mark: 'present', stage: 'active', figures: expect.objectContaining({ counted: 6, attended: 1, unmarked: 5, percent: 16 }) })]);
    // All six sessions are past: the five not marked yet count as "not yet marked", not as absences.
    expect(sheet.rows[0]?.figures.currentAbsenceRun).toBe(0);
    expect(await rejection(t.as.trainer.invoke('training.recordAttendance', { sessionId: s1?.id ?? '', marks: [{ enrollmentId: early.id, mark: 'excused' }] }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await rejection(t.as.psychologist.invoke('training.recordAttendance', { sessionId: s1?.id ?? '', marks: [{ enrollmentId: early.id, mark: 'absent' }] }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await rejection(t.as.trainer.invoke('training.setSessionStatus', { sessionId: s1?.id ?? '', status: 'notHeld' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'sessionHasMarks' } });

    const late = await t.as.trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: b?.id ?? '', joinedOn: '2027-02-17' });
    expect(late.joinedOn).toBe('2027-02-17');
    expect(await rejection(t.as.trainer.invoke('training.recordAttendance', { sessionId: s1?.id ?? '', marks: [{ enrollmentId: late.id, mark: 'absent' }] }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'learnerNotEnrolled', field: 'marks.0.mark' },
    });
    const second = await t.as.trainer.invoke('training.recordAttendance', {
      sessionId: s2?.id ?? '',
      marks: [
        { enrollmentId: early.id, mark: 'excused', excuse: 'illness' },
        { enrollmentId: late.id, mark: 'late' },
      ],
    });
    const byId = new Map(second.rows.map((row) => [row.enrollmentId, row]));
    expect(byId.get(early.id)?.figures).toMatchObject({ counted: 6, attended: 1, unmarked: 4 });
    // Joined on the 17th: the session of the 15th does not count for her.
    expect(byId.get(late.id)?.figures).toMatchObject({ counted: 5, attended: 1, unmarked: 4 });
    expect(byId.get(early.id)?.isAtRisk).toBe(true);
    const firstSheet = await t.as.trainer.invoke('training.attendanceSheet', { sessionId: s1?.id ?? '' });
    expect(firstSheet.rows.find((row) => row.enrollmentId === late.id)).toMatchObject({ isBeforeJoining: true, mark: null });

    // A correction overwrites the mark and sends new totals.
    await t.as.trainer.invoke('training.recordAttendance', { sessionId: s2?.id ?? '', marks: [{ enrollmentId: early.id, mark: 'present' }] });
    expect((await outboxOf('trainingAttendanceTotals', early.id)).at(-1)).toEqual({ cohortId: cohort.id, clientId: a?.id, countedSessions: 6, attendedSessions: 2, excusedSessions: 0 });
    const marks = await t.db().selectFrom('training_attendance').select(['mark']).where('session_id', '=', s2?.id ?? '').execute();
    expect(marks.map((row) => row.mark).sort()).toEqual(['late', 'present']);
    expect(s3?.date).toBe('2027-02-19');

    const foreign = await newCohort({ trainerIds: [otherTrainerId] });
    const enrollment = await t.as.manager.invoke('training.enroll', { cohortId: foreign.id, clientId: a?.id ?? '' });
    expect(await rejection(t.as.trainer.invoke('training.recordAttendance', { sessionId: foreign.sessions[0]?.id ?? '', marks: [{ enrollmentId: enrollment.id, mark: 'present' }] }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'notCohortTrainer' },
    });
    expect(await rejection(t.as.trainer.invoke('training.recordAttendance', { sessionId: s1?.id ?? '', marks: [{ enrollmentId: enrollment.id, mark: 'present' }] }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'learnerNotInCohort' },
    });
  });
});
