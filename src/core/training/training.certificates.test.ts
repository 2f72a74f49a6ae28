import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter, type TestClient } from '../testing/test-center';
import { parseQrText, QR_PREFIX } from './certificate-payload';
import { addMonths } from './outcomes.service';

// Monday 1 March 2027, 10:00 in Tashkent; moved on for the follow-ups (signing in again).
let clock = new Date('2027-03-01T05:00:00.000Z');
const NAMES = { 'uz-Latn': 'Tikuvchilik', 'uz-Cyrl': 'Тикувчилик', ru: 'Шитьё', en: 'Sewing' };

describe('training: completion, certificates, employment follow-up and the program’s targets', () => {
  let t: TestCenter;
  let trainer: TestClient;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => clock });
    trainer = t.as.trainer;
  });
  afterAll(() => t.dispose());

  /** A finished cohort (four sessions in February), its learners enrolled from the first day. */
  const finishedCohort = async (learners: number, options: { passMark?: number; tagPrefix?: string; overrides?: Record<string, unknown>[] } = {}) => {
    const course = await trainer.invoke('training.createCourse', { names: NAMES, kind: 'vocational', trade: 'sewing', hours: 8, passMark: options.passMark ?? null });
    const cohort = await trainer.invoke('training.createCohort', {
      courseId: course.id,
      trainerIds: [t.staffId.trainer],
      place: 'Xona 3',
      capacity: 40,
      schedule: { startsOn: '2027-02-01', weekdays: [1], startTime: '10:00', durationMinutes: 120 },
    });
    const enrollments = [];
    for (let index = 0; index < learners; index += 1) {
      const client = await t.registerClient(`${options.tagPrefix ?? 'c'}${String.fromCharCode(97 + index)}`, options.overrides?.[index] ?? {});
      enrollments.push(await trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: client.id, joinedOn: '2027-02-01' }));
    }
    return { course, cohort, enrollments };
  };
  const markAll = async (sessionIds: readonly string[], enrollmentId: string, marks: readonly ('present' | 'absent' | 'late')[]) => {
    for (const [index, sessionId] of sessionIds.entries()) {
      const mark = marks[index];
      if (mark !== undefined) await trainer.invoke('training.recordAttendance', { sessionId, marks: [{ enrollmentId, mark }] });
    }
  };

  it('proposes completion by the rule at its boundaries, refuses to complete someone short of it, and issues signed certificates', async () => {
    const { cohort, enrollments } = await finishedCohort(3, { tagPrefix: 'rule' });
    const [exactly, short, assessed] = enrollments;
    const sessions = cohort.sessions.map((session) => session.id);
    expect(cohort.sessions.map((session) => session.date)).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22']);
    // 80% of 4 sessions is 3.2: three attended is short, four is needed; 5 of 5 sessions would be exactly 100%.
    await markAll(sessions, exactly?.id ?? '', ['present', 'present', 'late', 'present']);
    await markAll(sessions, short?.id ?? '', ['present', 'present', 'present', 'absent']);
    await markAll(sessions, assessed?.id ?? '', ['present', 'present', 'present', 'present']);
    const proposal = new Map((await trainer.invoke('training.completionProposal', { id: cohort.id })).items.map((row) => [row.enrollmentId, row]));
    expect(proposal.get(exactly?.id ?? '')).toMatchObject({ meetsRule: true, percent: 100, proposedReason: null });
    expect(proposal.get(short?.id ?? '')).toMatchObject({ meetsRule: false, percent: 75, proposedReason: 'attendance' });

    expect(
      await rejection(trainer.invoke('training.complete', { cohortId: cohort.id, decisions: [{ enrollmentId: short?.id ?? '', outcome: 'completed' }] })),
    ).toMatchObject({ code: 'CONFLICT', details: { reason: 'completionRuleNotMet', field: 'decisions.0.outcome' } });
    const result = await trainer.invoke('training.complete', {
      cohortId: cohort.id,
      decisions: [
        { enrollmentId: exactly?.id ?? '', outcome: 'completed' },
        { enrollmentId: short?.id ?? '', outcome: 'incomplete', reason: 'attendance' },
        { enrollmentId: assessed?.id ?? '', outcome: 'completed' },
      ],
    });
    expect(result.incomplete).toEqual([short?.id]);
    expect(result.completed.map((certificate) => certificate.number)).toEqual([expect.stringMatching(/^[0-9A-F]{8}-000001$/), expect.stringMatching(/^[0-9A-F]{8}-000002$/)]);
    const [first] = result.completed;
    expect(first).toMatchObject({ hours: 8, issuedOn: '2027-03-01', courseNames: NAMES, learnerName: expect.stringMatching(/Dilnoza$/) });
    expect(first?.qrText.startsWith(`${QR_PREFIX}.`)).toBe(true);
    expect(await trainer.invoke('training.verifyCertificate', { qrText: first?.qrText ?? '' })).toMatchObject({ status: 'valid', isIssuedHere: true, payload: { n: first?.number, h: 8 } });
    expect(await rejection(trainer.invoke('training.complete', { cohortId: cohort.id, decisions: [{ enrollmentId: exactly?.id ?? '', outcome: 'completed' }] }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'stageTransition' },
    });
    const outbox = await t.db().selectFrom('outbox').select(['data_json']).where('type', '=', 'trainingCompletion').where('entity_id', '=', exactly?.id ?? '').execute();
    expect(outbox.map((row) => JSON.parse(row.data_json) as unknown)).toEqual([expect.objectContaining({ outcome: 'completed', certificateNumber: first?.number, attendedSessions: 4, countedSessions: 4, completedOn: '2027-02-22' })]);
  });

  it('needs the final assessment at or above the pass mark when the course has one', async () => {
    const { cohort, enrollments } = await finishedCohort(2, { passMark: 60, tagPrefix: 'pass' });
    const [passed, failed] = enrollments;
    for (const enrollment of enrollments) await markAll(cohort.sessions.map((session) => session.id), enrollment.id, ['present', 'present', 'present', 'present']);
    const reasonOf = async () => new Map((await trainer.invoke('training.completionProposal', { id: cohort.id })).items.map((row) => [row.enrollmentId, [row.meetsRule, row.proposedReason]]));
    expect([...(await reasonOf()).values()]).toEqual([
      [false, 'assessmentMissed'],
      [false, 'assessmentMissed'],
    ]);
    await trainer.invoke('training.recordAssessment', { enrollmentId: passed?.id ?? '', score: 60 });
    await trainer.invoke('training.recordAssessment', { enrollmentId: failed?.id ?? '', score: 59 });
    const after = await reasonOf();
    expect(after.get(passed?.id ?? '')).toEqual([true, null]);
    expect(after.get(failed?.id ?? '')).toEqual([false, 'assessmentFailed']);
  });

  it('refuses to complete before the last session, and gives unique, gapless numbers under concurrent completions', async () => {
    const course = await trainer.invoke('training.createCourse', { names: NAMES, kind: 'computerLiteracy', hours: 6 });
    const upcoming = await trainer.invoke('training.createCohort', {
      courseId: course.id,
      trainerIds: [t.staffId.trainer],
      place: 'Xona',
      capacity: 5,
      schedule: { startsOn: '2027-02-22', weekdays: [1], startTime: '10:00', durationMinutes: 120 },
    });
    const client = await t.registerClient('early');
    const enrollment = await trainer.invoke('training.enroll', { cohortId: upcoming.id, clientId: client.id, joinedOn: '2027-02-22' });
    expect(await rejection(trainer.invoke('training.complete', { cohortId: upcoming.id, decisions: [{ enrollmentId: enrollment.id, outcome: 'incomplete', reason: 'other' }] }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'cohortNotFinished' },
    });

    const cohorts = await Promise.all([0, 1, 2, 3].map((index) => finishedCohort(3, { tagPrefix: `con${String.fromCharCode(97 + index)}` })));
    for (const { cohort, enrollments } of cohorts) {
      for (const learner of enrollments) await markAll(cohort.sessions.map((session) => session.id), learner.id, ['present', 'present', 'present', 'present']);
    }
    const results = await Promise.all(
      cohorts.map(({ cohort, enrollments }) => trainer.invoke('training.complete', { cohortId: cohort.id, decisions: enrollments.map((learner) => ({ enrollmentId: learner.id, outcome: 'completed' as const })) })),
    );
    const numbers = results.flatMap((result) => result.completed.map((certificate) => certificate.number));
    expect(new Set(numbers).size).toBe(12);
    const sequences = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => (sequences[0] ?? 0) + index));
  });

  it('refuses a forged or altered QR payload, a foreign key and garbage', async () => {
    const { cohort, enrollments } = await finishedCohort(1, { tagPrefix: 'qr', overrides: [{ lastName: 'Toʻxtayeva', firstName: 'Gʻulomjon' }] });
    const [learner] = enrollments;
    await markAll(cohort.sessions.map((session) => session.id), learner?.id ?? '', ['present', 'present', 'present', 'present']);
    const { completed } = await trainer.invoke('training.complete', { cohortId: cohort.id, decisions: [{ enrollmentId: learner?.id ?? '', outcome: 'completed' }] });
    const certificate = completed[0];
    const qrText = certificate?.qrText ?? '';
    expect(certificate?.learnerName).toBe('Toʻxtayeva Gʻulomjon');
    const parsed = parseQrText(qrText);
    expect(parsed.ok && parsed.payload.nm).toBe('Toʻxtayeva Gʻulomjon');
    const [prefix, payload = '', signature = ''] = qrText.split('.');
    const altered = Buffer.from(payload, 'base64url').toString('utf8').replace('"h":8', '"h":80');
    expect(await trainer.invoke('training.verifyCertificate', { qrText: `${prefix}.${Buffer.from(altered).toString('base64url')}.${signature}` })).toEqual({ status: 'forged' });
    const renamed = Buffer.from(payload, 'base64url').toString('utf8').replace('Toʻxtayeva', 'Toxtayeva');
    expect(await trainer.invoke('training.verifyCertificate', { qrText: `${prefix}.${Buffer.from(renamed).toString('base64url')}.${signature}` })).toEqual({ status: 'forged' });
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(await trainer.invoke('training.verifyCertificate', { qrText: `${prefix}.${payload}.${flipped.toString('base64url')}` })).toEqual({ status: 'forged' });
    const foreignKey = Buffer.from(payload, 'base64url').toString('utf8').replace(/"kid":"[0-9a-f]{16}"/, '"kid":"0000000000000000"');
    expect(await trainer.invoke('training.verifyCertificate', { qrText: `${prefix}.${Buffer.from(foreignKey).toString('base64url')}.${signature}` })).toEqual({ status: 'unknownKey' });
    for (const garbage of ['hello', `${QR_PREFIX}.x.y`, `${QR_PREFIX}.${payload}`, `OTHER.${payload}.${signature}`]) {
      expect(await trainer.invoke('training.verifyCertificate', { qrText: garbage })).toEqual({ status: 'malformed' });
    }
    // Stored certificates never change, even behind the API's back.
    expect(() => t.behindTheApi().handle.prepare("UPDATE training_certificates SET payload = 'x'").run()).toThrow(/never changes/);
  });

  it('follows graduates up at 3, 6 and 12 months, and counts persons with disabilities toward the targets by their age at enrollment', async () => {
    const disabled = { categories: ['personWithDisability' as const], disabilityGroup: 'II' as const };
    const { cohort, enrollments } = await finishedCohort(3, {
      tagPrefix: 'out',
      // 24 at enrollment (born 2 Feb 2002: 24 on 1 Feb 2027, 25 by the time of the follow-up), 41, and a man of 20.
      overrides: [{ ...disabled, birthDate: '2002-02-02' }, { ...disabled }, { ...disabled, birthDate: '2006-05-01', sex: 'male' }],
    });
    for (const learner of enrollments) await markAll(cohort.sessions.map((session) => session.id), learner.id, ['present', 'present', 'present', 'present']);
    const [young, older, man] = enrollments;
    expect(young?.ageAtEnrollment).toBe(24);
    await trainer.invoke('training.complete', {
      cohortId: cohort.id,
      decisions: [
        { enrollmentId: young?.id ?? '', outcome: 'completed' },
        { enrollmentId: older?.id ?? '', outcome: 'completed' },
        { enrollmentId: man?.id ?? '', outcome: 'incomplete', reason: 'other' },
      ],
    });
    expect(await rejection(trainer.invoke('training.recordOutcome', { enrollmentId: young?.id ?? '', checkpointMonths: 3, status: 'employed', employerType: 'private', hasFormalContract: true }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'outcomeNotDue' },
    });
    expect(await rejection(trainer.invoke('training.recordOutcome', { enrollmentId: young?.id ?? '', checkpointMonths: 3, status: 'employed' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(trainer.invoke('training.recordOutcome', { enrollmentId: man?.id ?? '', checkpointMonths: 3, status: 'notEmployed' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'notCompleted' },
    });

    // The course ended with its last session on 22 February: three months on is 22 May, due from 8 May.
    clock = new Date(`${addMonths('2027-03-01', 3)}T05:00:00.000Z`);
    clock = new Date(clock.getTime() - 10 * 86_400_000);
    trainer = await t.signedIn(t.staff.trainer.username, t.staff.trainer.password);
    const due = (await trainer.invoke('training.followUpsDue', {})).items.filter((item) => item.cohortId === cohort.id);
    expect(due.map((item) => [item.enrollmentId, item.checkpointMonths, item.dueOn, item.isOverdue])).toEqual([
      [young?.id, 3, '2027-05-22', false],
      [older?.id, 3, '2027-05-22', false],
    ]);
    await trainer.invoke('training.recordOutcome', { enrollmentId: young?.id ?? '', checkpointMonths: 3, status: 'employed', employerType: 'private', hasFormalContract: false });
    await trainer.invoke('training.recordOutcome', { enrollmentId: older?.id ?? '', checkpointMonths: 3, status: 'furtherTraining' });
    expect((await trainer.invoke('training.followUpsDue', {})).items.filter((item) => item.cohortId === cohort.id)).toEqual([]);
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');

    const manager = await t.signedIn(t.staff.manager.username, t.staff.manager.password);
    const counts = await manager.invoke('training.targets', {});
    expect(counts.withDisability).toEqual({
      trained: { female: 2, male: 1, total: 3 },
      completed: { female: 2, male: 0, total: 2 },
      employed: { female: 1, male: 0, total: 1 },
      trainedYouth: 2,
      youthSharePercent: 66,
    });
    expect(counts.targets).toEqual({ trainedAndEmployedWithDisability: 1200, youthShareMinPercent: 50 });
    expect(await rejection(t.signedIn(t.staff.receptionist.username, t.staff.receptionist.password).then((api) => api.invoke('training.targets', {})))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
