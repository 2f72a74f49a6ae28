import { sql, type RawBuilder } from 'kysely';

/**
 * The facts behind the national indicators, as SQL over what the batches delivered (the
 * `records` table): one row `(subject, row_key, col_key, n)` per thing an indicator counts, as in
 * a center's reports. Plain PostgreSQL (15 and PGlite alike): CTEs, DISTINCT ON, jsonb.
 *
 * Definitions:
 * - a record counts as its latest version; a record whose latest version is a delete does not count;
 * - a *person* is the registry's `person_key` (the pseudonym of her PINFL, the same at every
 *   center), or, without a PINFL, the client record at its center; a client record merged into
 *   another counts as the record it was merged into. So a person served at two centers is one person;
 * - what the registry knows of a person (sex, birth year, categories, region, district) is her
 *   most recent client record at any center;
 * - her age band is her age in the period's last year, from her birth year (the registry has no
 *   date of birth for a client who did not consent to sharing her identity);
 * - a person is *served* in a period when a service delivered to her in it has arrived, with her
 *   client record (a delivery whose client record is still in a later batch counts once it is there);
 * - a center's type, region and district are those of its latest `center` record.
 */

export interface Period {
  /** YYYY-MM-DD, both days included. */
  readonly from: string;
  readonly to: string;
}

export type Fact = { readonly subject: string; readonly row_key: string; readonly col_key: string; readonly n: number };

/** The latest version of each record of one type. */
function latest(type: string): RawBuilder<unknown> {
  return sql`(SELECT DISTINCT ON (center_id, record_id) center_id, record_id, op, occurred_at, data, person_key
    FROM records WHERE type = ${type} ORDER BY center_id, record_id, version DESC)`;
}

/**
 * The CTEs every fact query starts from: `client_persons` (each client record and the person it
 * is), `people` (what is known of each person), `center_profiles` (each center's type).
 */
const BASE = sql`
  latest_clients AS (
    SELECT l.*, l.center_id || ':' || l.record_id AS client_key,
      l.center_id || ':' || CASE WHEN l.data->>'status' = 'merged' AND l.data->>'mergedIntoId' IS NOT NULL THEN l.data->>'mergedIntoId' ELSE l.record_id END AS survivor_key
    FROM ${latest('client')} l
  ),
  client_persons AS (
    SELECT c.center_id, c.record_id AS client_id, c.client_key, coalesce(s.person_key, s.client_key) AS person, s.occurred_at, s.data
    FROM latest_clients c JOIN latest_clients s ON s.client_key = c.survivor_key
    WHERE c.op = 'upsert' AND s.op = 'upsert'
  ),
  people AS (
    SELECT DISTINCT ON (person) person, data->>'sex' AS sex, (data->>'birthYear')::integer AS birth_year, data->'categories' AS categories,
      data->>'disabilityGroup' AS disability_group, coalesce(data->>'regionCode', 'unknown') AS region_code, coalesce(data->>'districtCode', 'unknown') AS district_code
    FROM client_persons ORDER BY person, occurred_at DESC, center_id, client_id
  ),
  center_profiles AS (
    SELECT r.id AS center_id, coalesce(p.data->>'type', 'unknown') AS center_type
    FROM centers r LEFT JOIN (
      SELECT DISTINCT ON (center_id) center_id, data FROM records WHERE type = 'center' AND op = 'upsert' ORDER BY center_id, occurred_at DESC, version DESC
    ) p ON p.center_id = r.id
  )`;

/** Deliveries in the period (latest versions, not deleted), with their center's type. */
function deliveries(p: Period): RawBuilder<unknown> {
  return sql`deliveries AS (
    SELECT d.center_id, d.center_id || ':' || d.record_id AS id, d.center_id || ':' || (d.data->>'clientId') AS client_key, d.data->>'deliveredOn' AS delivered_on,
      d.data->>'serviceCode' AS service_code, d.data->>'serviceCategory' AS service_category, cp.center_type
    FROM ${latest('serviceDelivery')} d JOIN center_profiles cp ON cp.center_id = d.center_id
    WHERE d.op = 'upsert' AND d.data->>'deliveredOn' BETWEEN ${p.from} AND ${p.to}
  ),
  served AS (
    SELECT d.*, c.person FROM deliveries d JOIN client_persons c ON c.client_key = d.client_key
  )`;
}

function withServed(p: Period, select: RawBuilder<unknown>): RawBuilder<Fact> {
  return sql<Fact>`WITH ${BASE}, ${deliveries(p)} ${select}`;
}

function ageBand(p: Period): RawBuilder<string> {
  const age = sql`(CAST(${Number(p.to.slice(0, 4))} AS integer) - pe.birth_year)`;
  return sql<string>`(CASE WHEN pe.birth_year IS NULL THEN 'unknown' WHEN ${age} < 15 THEN '0-14' WHEN ${age} < 25 THEN '15-24' WHEN ${age} < 60 THEN '25-59' ELSE '60+' END)`;
}

const hasCategory = (category: string) => sql`coalesce(pe.categories @> ${JSON.stringify([category])}::jsonb, false)`;

/** A category row per person who is in it (rows overlap: a person is in every category she is in). */
const CATEGORY_MATCH = sql`CASE k.key
    WHEN 'olderPerson' THEN ${hasCategory('olderPerson')}
    WHEN 'disabilityI' THEN pe.disability_group = 'I'
    WHEN 'disabilityII' THEN pe.disability_group = 'II'
    WHEN 'disabilityIII' THEN pe.disability_group = 'III'
    WHEN 'disabilityChild' THEN pe.disability_group = 'child'
    WHEN 'child' THEN ${hasCategory('child')}
    WHEN 'survivorOfViolence' THEN ${hasCategory('survivorOfViolence')}
    ELSE ${hasCategory('lowIncomeRegister')} END`;

export const NATIONAL_CATEGORY_KEYS = ['olderPerson', 'disabilityI', 'disabilityII', 'disabilityIII', 'disabilityChild', 'child', 'survivorOfViolence', 'lowIncome'] as const;
const CATEGORY_ROWS = sql.raw(`(VALUES ${NATIONAL_CATEGORY_KEYS.map((key) => `('${key}')`).join(', ')}) AS k(key)`);

/** Training: enrollments (counted stages), completions, and employment at a checkpoint of those who completed in the period. */
function training(p: Period): RawBuilder<unknown> {
  return sql`enrollments AS (
    SELECT e.center_id || ':' || (e.data->>'clientId') AS client_key
    FROM ${latest('trainingEnrollment')} e
    WHERE e.op = 'upsert' AND e.data->>'joinedOn' BETWEEN ${p.from} AND ${p.to} AND e.data->>'stage' IN ('enrolled', 'active', 'completed', 'incomplete', 'withdrawn')
  ),
  completions AS (
    SELECT c.center_id || ':' || c.record_id AS enrollment_key, c.center_id || ':' || (c.data->>'clientId') AS client_key
    FROM ${latest('trainingCompletion')} c
    WHERE c.op = 'upsert' AND c.data->>'outcome' = 'completed' AND c.data->>'completedOn' BETWEEN ${p.from} AND ${p.to}
  ),
  employed AS (
    SELECT o.center_id || ':' || (o.data->>'clientId') AS client_key, (o.data->>'checkpointMonths')::integer AS months
    FROM ${latest('trainingOutcome')} o JOIN completions c ON c.enrollment_key = o.center_id || ':' || (o.data->>'enrollmentId')
    WHERE o.op = 'upsert' AND o.data->>'status' IN ('employed', 'selfEmployed')
  ),
  steps AS (
    SELECT client_key, 'enrolled' AS step FROM enrollments
    UNION ALL SELECT client_key, 'completed' FROM completions
    UNION ALL SELECT client_key, 'employed' || months FROM employed
  )`;
}

export const nationalFacts = {
  'peopleServed.byAgeSex': (p: Period) => withServed(p, sql`SELECT DISTINCT s.person AS subject, ${ageBand(p)} AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  'peopleServed.byCategory': (p: Period) =>
    withServed(p, sql`SELECT DISTINCT s.person AS subject, k.key AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person JOIN ${CATEGORY_ROWS} ON ${CATEGORY_MATCH}`),

  'peopleServed.byRegion': (p: Period) => withServed(p, sql`SELECT DISTINCT s.person AS subject, pe.region_code AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  /** Keyed `region/district`: the region row of byRegion the district row is part of. */
  'peopleServed.byDistrict': (p: Period) =>
    withServed(p, sql`SELECT DISTINCT s.person AS subject, pe.region_code || '/' || pe.district_code AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  /** A person served at two types of center is in both rows. */
  'peopleServed.byCenterType': (p: Period) => withServed(p, sql`SELECT DISTINCT s.person AS subject, s.center_type AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  /** A person served at two centers is in both rows. Keyed `centerType/centerId`: the row of byCenterType the center is part of. */
  'peopleServed.byCenter': (p: Period) =>
    withServed(p, sql`SELECT DISTINCT s.person AS subject, s.center_type || '/' || s.center_id AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  'peopleServed.byMonth': (p: Period) =>
    withServed(p, sql`SELECT DISTINCT s.person AS subject, substr(s.delivered_on, 1, 7) AS row_key, pe.sex AS col_key, 1 AS n FROM served s JOIN people pe ON pe.person = s.person`),

  /** Deliveries, whether or not their client's record has arrived yet. */
  'services.byTypeAndCenterType': (p: Period) => sql<Fact>`WITH ${BASE}, ${deliveries(p)} SELECT d.id AS subject, d.service_code AS row_key, d.center_type AS col_key, 1 AS n FROM deliveries d`,

  /** Metadata only (the registry holds nothing else): signed sessions, as the latest version stands (a voided one is a delete). */
  'counseling.sessionsByKindRisk': (p: Period) =>
    sql<Fact>`SELECT s.center_id || ':' || s.record_id AS subject, s.data->>'kind' AS row_key, coalesce(s.data->>'riskLevel', 'none') AS col_key, 1 AS n
      FROM ${latest('counselingSession')} s WHERE s.op = 'upsert' AND s.data->>'startedOn' BETWEEN ${p.from} AND ${p.to}`,

  'training.outcomes': (p: Period) =>
    sql<Fact>`WITH ${BASE}, ${training(p)}
      SELECT DISTINCT c.person AS subject, st.step AS row_key, pe.sex AS col_key, 1 AS n
      FROM steps st JOIN client_persons c ON c.client_key = st.client_key JOIN people pe ON pe.person = c.person`,

  /** Persons with a disability group: trained (enrolled in the period), completed, employed (at any checkpoint); 15–24 when she was at any enrollment. */
  'training.disabilityByAge': (p: Period) =>
    sql<Fact>`WITH ${BASE}, ${training(p)},
      youth AS (
        SELECT c.person, bool_or((e.data->>'ageAtEnrollment')::integer BETWEEN 15 AND 24) AS is_youth
        FROM ${latest('trainingEnrollment')} e JOIN client_persons c ON c.client_key = e.center_id || ':' || (e.data->>'clientId')
        WHERE e.op = 'upsert' GROUP BY c.person
      )
      SELECT DISTINCT c.person AS subject, CASE WHEN st.step LIKE 'employed%' THEN 'employed' WHEN st.step = 'enrolled' THEN 'trained' ELSE st.step END AS row_key,
        CASE WHEN y.is_youth THEN '15-24' ELSE 'otherAge' END AS col_key, 1 AS n
      FROM steps st JOIN client_persons c ON c.client_key = st.client_key JOIN people pe ON pe.person = c.person
      LEFT JOIN youth y ON y.person = c.person
      WHERE pe.disability_group IS NOT NULL`,

  /** Women served at rehabilitation centers, by the kind of help (a woman is in every row of the help she had, and in 'any'). */
  'rehabilitation.womenHelped': (p: Period) =>
    withServed(
      p,
      sql`SELECT DISTINCT s.person AS subject, CASE WHEN s.service_category IN ('legal', 'medical', 'psychological') THEN s.service_category ELSE 'other' END AS row_key, 'count' AS col_key, 1 AS n
        FROM served s JOIN people pe ON pe.person = s.person WHERE s.center_type = 'rehabilitation' AND pe.sex = 'female'
        UNION SELECT DISTINCT s.person, 'any', 'count', 1 FROM served s JOIN people pe ON pe.person = s.person WHERE s.center_type = 'rehabilitation' AND pe.sex = 'female'`,
    ),
} as const;

export type NationalIndicatorId = keyof typeof nationalFacts;
