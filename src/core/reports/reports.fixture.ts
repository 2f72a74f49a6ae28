import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/**
 * A small center written by hand, behind the API (tests only): seven people, their visits,
 * cases, consents, counseling sessions (metadata; the sealed columns hold placeholders the
 * indicators never read) and training. reports.test.ts holds the tables expected of it, worked
 * out by hand from the comments here. The period of the tests is 2026-01-01 to 2026-03-31.
 *
 *   A  female, born 2015-06-01 (10 on 31 March), child; three visits in January and February
 *   B  female, born 2002-04-01 (23: her birthday is the day after), disability group II; one visit in March, one in December 2025
 *   C  male, born 2001-03-31 (25 that very day), low-income register; two visits on one day in February
 *   D  male, birth year 1960 only (66), older person, another district; one visit in March
 *   E  female, born 1980-01-01 (46), survivor of violence, no PINFL; psychological, legal and medical help
 *   F  female, no visit, no PINFL, registered over a possible-duplicate warning against E
 *   G  merged into E (not counted anywhere)
 */

export const FIXTURE_PERIOD = { from: '2026-01-01', to: '2026-03-31' } as const;
const AT = '2025-12-01T06:00:00.000Z';

type ClientSpec = {
  readonly id: string;
  readonly sex: 'female' | 'male';
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly pinfl: string | null;
  readonly district?: string;
  readonly flags?: Partial<Record<'is_older_person' | 'is_child' | 'is_survivor_of_violence' | 'is_low_income_register', 0 | 1>>;
  readonly disability?: 'I' | 'II' | 'III' | 'child';
  readonly dupKey?: string;
  readonly warnings?: readonly string[];
  readonly mergedInto?: string;
};

const CLIENTS: readonly ClientSpec[] = [
  { id: 'A', sex: 'female', birthDate: '2015-06-01', birthYear: 2015, pinfl: '10106150000011', flags: { is_child: 1 } },
  { id: 'B', sex: 'female', birthDate: '2002-04-01', birthYear: 2002, pinfl: '10104020000022', disability: 'II' },
  { id: 'C', sex: 'male', birthDate: '2001-03-31', birthYear: 2001, pinfl: '30103310000033', flags: { is_low_income_register: 1 } },
  { id: 'D', sex: 'male', birthDate: null, birthYear: 1960, pinfl: '30101600000044', district: '1726264', flags: { is_older_person: 1 } },
  { id: 'E', sex: 'female', birthDate: '1980-01-01', birthYear: 1980, pinfl: null, flags: { is_survivor_of_violence: 1 }, dupKey: 'dup-e' },
  { id: 'F', sex: 'female', birthDate: '1990-02-02', birthYear: 1990, pinfl: null, dupKey: 'dup-e', warnings: ['possibleDuplicate'] },
  { id: 'G', sex: 'female', birthDate: '1980-01-01', birthYear: 1980, pinfl: null, dupKey: 'dup-e', mergedInto: 'E' },
];

/** Visits: [client, service, day]. */
const DELIVERIES: readonly (readonly [string, string, string])[] = [
  ['A', 'social.consultation', '2026-01-10'],
  ['A', 'social.consultation', '2026-01-20'],
  ['A', 'social.consultation', '2026-02-05'],
  ['B', 'legal.consultation', '2026-03-15'],
  ['B', 'legal.consultation', '2025-12-31'],
  ['C', 'social.consultation', '2026-02-10'],
  ['C', 'social.consultation', '2026-02-10'],
  ['D', 'medical.examination', '2026-03-01'],
  ['E', 'psychological.individualCounseling', '2026-01-05'],
  ['E', 'legal.consultation', '2026-01-06'],
  ['E', 'medical.examination', '2026-02-07'],
  ['F', 'social.consultation', '2026-04-02'],
];

/** @example await writeReportsFixture(center.behindTheApi().db, center.staffId.manager); */
export async function writeReportsFixture(db: Kysely<Database>, staffId: string): Promise<void> {
  let seq = 1000;
  for (const client of CLIENTS) {
    seq += 1;
    await db
      .insertInto('clients')
      .values({
        seq,
        id: client.id,
        version: 1,
        status: client.mergedInto === undefined ? 'active' : 'merged',
        merged_into_id: client.mergedInto ?? null,
        last_name: `Fam${client.id}`,
        first_name: `Ism${client.id}`,
        patronymic: null,
        birth_date: client.birthDate,
        birth_year: client.birthYear,
        is_birth_date_estimated: client.birthDate === null ? 1 : 0,
        sex: client.sex,
        pinfl: client.pinfl,
        document_type: null,
        document_number: null,
        phone: null,
        region_code: '1726',
        district_code: client.district ?? '1726262',
        mahalla: null,
        street: null,
        is_older_person: client.flags?.is_older_person ?? 0,
        is_child: client.flags?.is_child ?? 0,
        is_survivor_of_violence: client.flags?.is_survivor_of_violence ?? 0,
        is_low_income_register: client.flags?.is_low_income_register ?? 0,
        disability_group: client.disability ?? null,
        languages_json: '["uz"]',
        remarks: null,
        confirmed_warnings_json: JSON.stringify(client.warnings ?? []),
        name_key: `ism${client.id} fam${client.id}`.toLowerCase(),
        name_key_loose: `ism${client.id} fam${client.id}`.toLowerCase(),
        patronymic_key: '',
        dup_key: client.dupKey ?? `dup-${client.id}`,
        created_at: AT,
        created_by: staffId,
        updated_at: AT,
        updated_by: staffId,
      })
      .execute();
  }
  for (const [index, [clientId, serviceCode, day]] of DELIVERIES.entries()) {
    await db
      .insertInto('service_deliveries')
      .values({ id: `d${String(index)}`, client_id: clientId, case_id: null, service_code: serviceCode, delivered_on: day, duration_minutes: 30, note: null, recorded_by: staffId, recorded_at: AT })
      .execute();
  }
  const cases: readonly (readonly [string, string, string, string | null, 'goalsAchieved' | 'referredElsewhere' | null])[] = [
    ['K1', 'A', '2025-12-01', '2026-02-01', 'goalsAchieved'],
    ['K2', 'C', '2026-01-15', null, null],
    ['K3', 'E', '2026-02-01', '2026-03-20', 'referredElsewhere'],
    ['K4', 'D', '2026-04-05', null, null],
  ];
  for (const [id, clientId, openedOn, closedOn, reason] of cases) {
    await db
      .insertInto('cases')
      .values({
        id,
        client_id: clientId,
        status: closedOn === null ? 'open' : 'closed',
        needs_json: '["documents"]',
        referral_source: 'selfReferral',
        priority: 'medium',
        household_situation: '',
        case_worker_id: staffId,
        opened_on: openedOn,
        opened_by: staffId,
        created_at: AT,
        updated_at: AT,
        closed_on: closedOn,
        closed_by: closedOn === null ? null : staffId,
        close_reason: reason,
        close_note: null,
      })
      .execute();
  }
  /** [client, purpose, state, decided on]; recorded in this order. */
  const consents: readonly (readonly [string, 'services' | 'registrySharing', 'given' | 'refused' | 'withdrawn', string])[] = [
    ['A', 'services', 'given', '2026-01-10'],
    ['B', 'services', 'given', '2026-01-01'],
    ['B', 'registrySharing', 'refused', '2026-01-01'],
    ['B', 'registrySharing', 'given', '2026-02-01'],
    ['C', 'services', 'refused', '2026-02-10'],
    ['D', 'services', 'given', '2026-04-10'],
    ['E', 'services', 'given', '2026-01-05'],
    ['E', 'registrySharing', 'given', '2026-01-05'],
    ['E', 'registrySharing', 'withdrawn', '2026-03-01'],
  ];
  for (const [index, [clientId, purpose, state, decidedOn]] of consents.entries()) {
    await db
      .insertInto('consents')
      .values({ id: `k${String(index)}`, client_id: clientId, purpose, state, decided_on: decidedOn, form_reference: null, recorded_by: staffId, recorded_at: `${decidedOn}T0${String(index % 10)}:00:00.000Z` })
      .execute();
  }
  /** [id, kind, risk, status, started at, client]. */
  const sessions: readonly (readonly [string, 'individual' | 'family' | 'group' | 'crisis', 'low' | 'high' | null, 'signed' | 'draft' | 'voided', string, string])[] = [
    ['S1', 'individual', 'low', 'signed', '2026-01-10T09:00:00.000Z', 'E'],
    ['S2', 'individual', 'high', 'signed', '2026-02-11T09:00:00.000Z', 'E'],
    ['S3', 'crisis', null, 'signed', '2026-03-31T15:00:00.000Z', 'B'],
    ['S4', 'family', 'low', 'draft', '2026-02-01T09:00:00.000Z', 'E'],
    ['S5', 'group', 'low', 'voided', '2026-02-02T09:00:00.000Z', 'E'],
    ['S6', 'individual', 'low', 'signed', '2026-04-01T00:00:00.000Z', 'E'],
  ];
  for (const [id, kind, risk, status, startedAt, clientId] of sessions) {
    const isSigned = status !== 'draft';
    await db
      .insertInto('counseling_sessions')
      .values({
        id,
        psychologist_id: staffId,
        started_at: startedAt,
        kind,
        form: 'inPerson',
        duration_minutes: 50,
        concerns_json: '[]',
        interventions_json: '[]',
        next_appointment_at: null,
        sensitivity: 'standard',
        risk_level: risk,
        status,
        note: 'cf2.placeholder',
        progress: 'cf2.placeholder',
        signature_salt: 'cf2.placeholder',
        void_reason: 'cf2.placeholder',
        signature_hash: isSigned ? 'hash' : null,
        signed_by: isSigned ? staffId : null,
        signed_at: isSigned ? startedAt : null,
        countersigned_by: null,
        countersigned_at: null,
        countersignature_hash: null,
        voided_by: status === 'voided' ? staffId : null,
        voided_at: status === 'voided' ? startedAt : null,
        version: 1,
        created_at: startedAt,
        created_by: staffId,
        updated_at: startedAt,
      })
      .execute();
    await db.insertInto('counseling_session_clients').values({ id: `${id}-c`, session_id: id, client_id: clientId }).execute();
  }
  await db
    .insertInto('training_courses')
    .values({ id: 'T1', names_json: JSON.stringify({ 'uz-Latn': 'Kurs', 'uz-Cyrl': 'Курс', ru: 'Курс', en: 'Course' }), kind: 'computerLiteracy', trade: null, hours: 20, min_attendance_percent: 80, pass_mark: null, target_groups_json: '[]', accessibility_json: '[]', is_active: 1, version: 1, created_at: AT, created_by: staffId, updated_at: AT })
    .execute();
  await db
    .insertInto('training_cohorts')
    .values({ id: 'H1', course_id: 'T1', place: 'Xona', capacity: 10, starts_on: '2026-01-10', ends_on: '2026-03-01', weekdays_json: '[1]', start_time: '10:00', duration_minutes: 60, created_at: AT, created_by: staffId, updated_at: AT })
    .execute();
  const enrollment = (id: string, clientId: string, stage: 'completed' | 'active' | 'applied', age: number, joinedOn: string, completedOn: string | null) =>
    db
      .insertInto('training_enrollments')
      .values({ id, cohort_id: 'H1', client_id: clientId, stage, withdrawal_reason: null, joined_on: joinedOn, age_at_enrollment: age, applied_at: `${joinedOn}T05:00:00.000Z`, stage_changed_at: AT, assessment_score: null, completed_on: completedOn, incomplete_reason: null, version: 1, created_by: staffId, updated_at: AT })
      .execute();
  await enrollment('E1', 'B', 'completed', 23, '2026-01-10', '2026-03-01');
  await enrollment('E2', 'C', 'active', 24, '2026-02-01', null);
  await enrollment('E3', 'A', 'applied', 10, '2026-01-05', null);
  await db.insertInto('training_outcomes').values({ id: 'O1', enrollment_id: 'E1', checkpoint_months: 3, status: 'employed', employer_type: 'private', has_formal_contract: 1, recorded_on: '2026-03-20', recorded_by: staffId, updated_at: AT }).execute();
}
