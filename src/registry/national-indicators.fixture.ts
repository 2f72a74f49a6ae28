import { expect } from 'vitest';
import { CLIENT_WARNINGS, type RegisterClientInput } from '../core/clients/clients.schema';
import { createTestCenter, type TestCenter } from '../core/testing/test-center';
import type { TestRegistry } from './registry.fixture';

/**
 * For the national indicators' tests: two real centers (a mahalla center in Tashkent, a
 * rehabilitation center in Andijan), filled through their real APIs and uploaded to the registry
 * through the real protocol. national-indicators.test.ts holds the expected tables, worked out by
 * hand from this list. The period of the tests is the first quarter of 2026; every center's clock
 * says 1 June 2026.
 *
 * Mahalla center M (Tashkent city 1726):
 *   M1  female, born 2012 (14), child, district 1726262; visits 10 Jan and 10 Feb (social)
 *   X   female, born 1990 (36), survivor of violence, PINFL P, no registry-sharing consent (a pseudonym), 1726262; 1 Feb (legal)
 *   M3  male, born 2003 (23), disability group II, PINFL Q, district 1726264; 5 Mar (medical); sewing course: completed, employed at 3 months
 *   M4  male, born 1950 (76, an older person), 1726262; 20 Mar and 15 Apr (social)
 *   M5  female, born 1985 (41), 1726262; 12 Jan (social); sewing course: enrolled, did not complete
 *   M6  female, born 1985 (41), 1726262; 25 Jan (social); registered twice: the second record (26 Jan,
 *       social) is merged into the first after M's first upload, and M uploads again
 * Rehabilitation center R (Andijan 1703):
 *   X   the same woman (PINFL P, consent to share: her identity travels), living now in 1703202;
 *       15 Feb (psychological), 1 Mar (legal), 2 Mar (medical); counseling: individual/high 15 Feb,
 *       crisis/severe 1 Mar, family/medium 15 Mar (voided)
 *   R2  female, born 2000 (26), survivor of violence, no PINFL, 1703202; 10 Mar (psychological);
 *       counseling: individual/low 10 Mar, individual/low 2 Apr
 */

export const PERIOD = { from: '2026-01-01', to: '2026-03-31' } as const;
const NOW = new Date('2026-06-01T05:00:00.000Z');
/** One clock for both centers, a millisecond further at every reading: R's records are later than M's, so X's latest record is R's. */
let ticks = 0;
const now = () => new Date(NOW.getTime() + (ticks += 1));
const P = '42505900123453';
const Q = '32505900123459';

type Role = 'administrator' | 'manager' | 'receptionist' | 'psychologist' | 'supervisor' | 'trainer';
export type NationalCenter = TestCenter<Role>;

interface Person {
  readonly tag: string;
  readonly sex: 'female' | 'male';
  readonly birthDate: string;
  readonly pinfl?: string;
  readonly district: readonly [string, string];
  readonly categories?: RegisterClientInput['categories'];
  readonly disabilityGroup?: 'II';
  readonly sharesWithRegistry?: boolean;
  /** [service, day] */
  readonly visits: readonly (readonly [string, string])[];
}

const TASHKENT = ['1726', '1726262'] as const;
const ANDIJAN = ['1703', '1703202'] as const;

async function person(t: NationalCenter, spec: Person): Promise<string> {
  const client = await t.registerClient(spec.tag, {
    sex: spec.sex,
    birthDate: spec.birthDate,
    address: { regionCode: spec.district[0], districtCode: spec.district[1], mahalla: null, street: null },
    categories: spec.categories ?? [],
    disabilityGroup: spec.disabilityGroup ?? null,
    // The same person at two centers, and sample PINFLs that need not match the birth date: confirmed, as a receptionist would.
    ...(spec.pinfl === undefined ? {} : { pinfl: spec.pinfl, confirmedWarnings: [...CLIENT_WARNINGS] }),
  });
  await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-01-02' });
  if (spec.sharesWithRegistry === true) await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'registrySharing', state: 'given', decidedOn: '2026-01-02' });
  for (const [serviceCode, deliveredOn] of spec.visits) await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode, deliveredOn, durationMinutes: 30 });
  return client.id;
}

async function enrolledCenter(registry: TestRegistry, center: { name: string; type: 'mahalla' | 'rehabilitation'; regionCode: string; districtCode: string }): Promise<{ t: NationalCenter; centerId: string }> {
  const t = await createTestCenter<Role>({ now, center, coreOptions: { sync: { intervalMs: 0, backoff: { baseMs: 1, capMs: 5 } } } });
  const { centerId } = await t.as.administrator.invoke('sync.enroll', { registryUrl: registry.url, code: await registry.issueCode(center.name) });
  return { t, centerId };
}

/** The sewing course at M: four Mondays in February; M3 attends all and is employed at 3 months, M5 comes once. */
async function sewingCourse(t: NationalCenter, completer: string, dropout: string): Promise<void> {
  const trainer = t.as.trainer;
  const names = { 'uz-Latn': 'Tikuvchilik', 'uz-Cyrl': 'Тикувчилик', ru: 'Шитьё', en: 'Sewing' };
  const course = await trainer.invoke('training.createCourse', { names, kind: 'vocational', trade: 'sewing', hours: 8 });
  const cohort = await trainer.invoke('training.createCohort', {
    courseId: course.id,
    trainerIds: [t.staffId.trainer],
    place: 'Xona 1',
    capacity: 10,
    schedule: { startsOn: '2026-02-02', weekdays: [1], startTime: '10:00', durationMinutes: 120 },
  });
  expect(cohort.sessions.map((session) => session.date)).toEqual(['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
  const good = await trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: completer, joinedOn: '2026-02-02' });
  const short = await trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: dropout, joinedOn: '2026-02-02' });
  for (const [index, session] of cohort.sessions.entries()) {
    await trainer.invoke('training.recordAttendance', { sessionId: session.id, marks: [{ enrollmentId: good.id, mark: 'present' }, { enrollmentId: short.id, mark: index === 0 ? 'present' : 'absent' }] });
  }
  await trainer.invoke('training.complete', {
    cohortId: cohort.id,
    decisions: [
      { enrollmentId: good.id, outcome: 'completed' },
      { enrollmentId: short.id, outcome: 'incomplete', reason: 'attendance' },
    ],
  });
  await trainer.invoke('training.recordOutcome', { enrollmentId: good.id, checkpointMonths: 3, status: 'employed', employerType: 'private', hasFormalContract: true });
}

/** Counseling at R: the psychologist and the supervisor get the confidential key (as counseling.test-support does), then sessions are signed. */
async function counseling(t: NationalCenter, x: string, r2: string): Promise<void> {
  await t.as.administrator.invoke('staff.grantConfidentialByRecovery', { userId: t.staffId.psychologist, recoveryCode: t.recoveryCode, password: t.staff.psychologist.password });
  const psychologist = await t.signedIn(t.staff.psychologist.username, t.staff.psychologist.password);
  await psychologist.invoke('staff.grantConfidentialInPerson', { userId: t.staffId.supervisor, password: t.staff.supervisor.password });
  const supervisor = await t.signedIn(t.staff.supervisor.username, t.staff.supervisor.password);
  for (const clientId of [x, r2]) await supervisor.invoke('counseling.assign', { clientId, psychologistId: t.staffId.psychologist });
  const sessions = [
    [x, 'individual', 'high', '2026-02-15T06:00:00.000Z'],
    [x, 'crisis', 'severe', '2026-03-01T06:00:00.000Z'],
    [x, 'family', 'medium', '2026-03-15T06:00:00.000Z'],
    [r2, 'individual', 'low', '2026-03-10T06:00:00.000Z'],
    [r2, 'individual', 'low', '2026-04-02T06:00:00.000Z'],
  ] as const;
  for (const [clientId, kind, riskLevel, startedAt] of sessions) {
    const { id, version } = await psychologist.invoke('counseling.recordSession', {
      clientId,
      startedAt,
      kind,
      form: 'inPerson',
      durationMinutes: 50,
      note: 'Nothing of this leaves the center.',
      concerns: [],
      interventions: [],
      riskLevel,
    });
    await psychologist.invoke('counseling.sign', { id, expectedVersion: version });
    if (kind === 'family') await supervisor.invoke('counseling.void', { id, reason: 'Recorded for the wrong client' });
  }
}

async function uploadAll(t: NationalCenter): Promise<void> {
  const round = await t.as.manager.invoke('sync.uploadNow', {});
  expect(round).toMatchObject({ state: 'done', refused: 0 });
  const status = await t.as.manager.invoke('sync.status', {});
  expect(status.pendingRecords).toBe(0);
  expect(status.quarantine).toEqual([]);
}

/**
 * Fills both centers and uploads them.
 *
 * @example const { m, r } = await twoCentersUploaded(registry);
 */
export async function twoCentersUploaded(registry: TestRegistry): Promise<{ readonly m: { t: NationalCenter; centerId: string }; readonly r: { t: NationalCenter; centerId: string } }> {
  const m = await enrolledCenter(registry, { name: 'Chilonzor mahalla markazi', type: 'mahalla', regionCode: TASHKENT[0], districtCode: TASHKENT[1] });
  const r = await enrolledCenter(registry, { name: 'Andijon reabilitatsiya markazi', type: 'rehabilitation', regionCode: ANDIJAN[0], districtCode: ANDIJAN[1] });
  await person(m.t, { tag: 'mone', sex: 'female', birthDate: '2012-05-05', district: TASHKENT, categories: ['child'], visits: [['social.consultation', '2026-01-10'], ['social.consultation', '2026-02-10']] });
  await person(m.t, { tag: 'xatm', sex: 'female', birthDate: '1990-03-03', pinfl: P, district: TASHKENT, categories: ['survivorOfViolence'], visits: [['legal.consultation', '2026-02-01']] });
  const m3 = await person(m.t, { tag: 'mthree', sex: 'male', birthDate: '2003-07-07', pinfl: Q, district: ['1726', '1726264'], categories: ['personWithDisability'], disabilityGroup: 'II', visits: [['medical.examination', '2026-03-05']] });
  await person(m.t, { tag: 'mfour', sex: 'male', birthDate: '1950-01-01', district: TASHKENT, visits: [['social.consultation', '2026-03-20'], ['social.consultation', '2026-04-15']] });
  const m5 = await person(m.t, { tag: 'mfive', sex: 'female', birthDate: '1985-06-06', district: TASHKENT, visits: [['social.consultation', '2026-01-12']] });
  const m6 = await person(m.t, { tag: 'msix', sex: 'female', birthDate: '1985-08-08', district: TASHKENT, visits: [['social.consultation', '2026-01-25']] });
  const m6again = await person(m.t, { tag: 'msixagain', sex: 'female', birthDate: '1985-08-08', district: TASHKENT, visits: [['social.consultation', '2026-01-26']] });
  await sewingCourse(m.t, m3, m5);
  await uploadAll(m.t);
  await m.t.as.administrator.invoke('clients.merge', { survivorId: m6, mergedId: m6again });
  await uploadAll(m.t);

  const x = await person(r.t, {
    tag: 'xatr',
    sex: 'female',
    birthDate: '1990-03-03',
    pinfl: P,
    district: ANDIJAN,
    categories: ['survivorOfViolence'],
    sharesWithRegistry: true,
    visits: [['psychological.individualCounseling', '2026-02-15'], ['legal.consultation', '2026-03-01'], ['medical.examination', '2026-03-02']],
  });
  const r2 = await person(r.t, { tag: 'rtwo', sex: 'female', birthDate: '2000-09-09', district: ANDIJAN, categories: ['survivorOfViolence'], visits: [['psychological.individualCounseling', '2026-03-10']] });
  await counseling(r.t, x, r2);
  await uploadAll(r.t);
  return { m, r };
}
