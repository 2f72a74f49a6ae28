import { sql, type RawBuilder } from 'kysely';
import type { ReportFilters } from './reports.schema';

/**
 * The facts behind each indicator, as SQL: one row `(subject, row_key, col_key)` per thing an
 * indicator counts — a person in one row and one column (counted once however many visits she
 * made), or one delivery, case or session. The table is the facts counted; the list behind a
 * cell is the same facts filtered to the cell. One query per indicator, so a cell and its list
 * can never disagree.
 *
 * Definitions (the full sentences are in reports.json, `indicator.<id>.definition`):
 * - a person is *served* in a period when at least one service was delivered to her in it;
 * - her age band is her age on the last day of the period (from her date of birth, or from her
 *   birth year alone when only that is known);
 * - merged records are not counted (their services moved to the surviving record).
 */

export type Fact = { readonly subject: string; readonly row_key: string; readonly col_key: string };

/** Age in whole years on `day` (YYYY-MM-DD). */
function ageOn(day: string): RawBuilder<number> {
  return sql<number>`(CAST(substr(${day}, 1, 4) AS INTEGER) - c.birth_year - (CASE WHEN c.birth_date IS NOT NULL AND substr(c.birth_date, 6) > substr(${day}, 6) THEN 1 ELSE 0 END))`;
}

export function ageBandOn(day: string): RawBuilder<string> {
  const age = ageOn(day);
  return sql<string>`(CASE WHEN ${age} < 15 THEN '0-14' WHEN ${age} < 25 THEN '15-24' WHEN ${age} < 60 THEN '25-59' ELSE '60+' END)`;
}

const AGE_LIMITS = { '0-14': [0, 14], '15-24': [15, 24], '25-59': [25, 59], '60+': [60, 200] } as const;

/** Whether any person filter is set (otherwise event indicators skip the join with clients). */
export function hasPersonFilter(filters: ReportFilters): boolean {
  return filters.regionCode !== null || filters.districtCode !== null || filters.sex !== null || filters.ageBand !== null;
}

/** The person filters on `clients c` (active records only). */
export function personWhere(filters: ReportFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`c.status = 'active'`];
  if (filters.regionCode !== null) parts.push(sql`c.region_code = ${filters.regionCode}`);
  if (filters.districtCode !== null) parts.push(sql`c.district_code = ${filters.districtCode}`);
  if (filters.sex !== null) parts.push(sql`c.sex = ${filters.sex}`);
  if (filters.ageBand !== null) {
    const [low, high] = AGE_LIMITS[filters.ageBand];
    parts.push(sql`${ageOn(filters.to)} BETWEEN ${low} AND ${high}`);
  }
  return sql.join(parts, sql` AND `);
}

/** Persons with a service delivered in the period. */
function served(filters: ReportFilters): RawBuilder<unknown> {
  return sql`(SELECT DISTINCT d.client_id AS id FROM service_deliveries d WHERE d.delivered_on BETWEEN ${filters.from} AND ${filters.to})`;
}

export const CATEGORY_KEYS = ['olderPerson', 'disabilityI', 'disabilityII', 'disabilityIII', 'disabilityChild', 'child', 'survivorOfViolence', 'lowIncome'] as const;

export const factsOf = {
  'peopleServed.byAgeSex': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, ${ageBandOn(f.to)} AS row_key, c.sex AS col_key FROM ${served(f)} s JOIN clients c ON c.id = s.id WHERE ${personWhere(f)}`,

  'peopleServed.byCategory': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, k.key AS row_key, c.sex AS col_key
      FROM ${served(f)} s JOIN clients c ON c.id = s.id
      JOIN (SELECT 'olderPerson' AS key UNION ALL SELECT 'disabilityI' UNION ALL SELECT 'disabilityII' UNION ALL SELECT 'disabilityIII'
            UNION ALL SELECT 'disabilityChild' UNION ALL SELECT 'child' UNION ALL SELECT 'survivorOfViolence' UNION ALL SELECT 'lowIncome') k
        ON CASE k.key
          WHEN 'olderPerson' THEN c.is_older_person = 1
          WHEN 'disabilityI' THEN c.disability_group = 'I'
          WHEN 'disabilityII' THEN c.disability_group = 'II'
          WHEN 'disabilityIII' THEN c.disability_group = 'III'
          WHEN 'disabilityChild' THEN c.disability_group = 'child'
          WHEN 'child' THEN c.is_child = 1
          WHEN 'survivorOfViolence' THEN c.is_survivor_of_violence = 1
          ELSE c.is_low_income_register = 1 END
      WHERE ${personWhere(f)}`,

  'peopleServed.byDistrict': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, COALESCE(c.district_code, 'unknown') AS row_key, c.sex AS col_key FROM ${served(f)} s JOIN clients c ON c.id = s.id WHERE ${personWhere(f)}`,

  'peopleServed.byMonth': (f: ReportFilters) =>
    sql<Fact>`SELECT m.client_id AS subject, m.month AS row_key, c.sex AS col_key
      FROM (SELECT DISTINCT d.client_id, substr(d.delivered_on, 1, 7) AS month FROM service_deliveries d WHERE d.delivered_on BETWEEN ${f.from} AND ${f.to}) m
      JOIN clients c ON c.id = m.client_id WHERE ${personWhere(f)}`,

  'services.byType': (f: ReportFilters) =>
    hasPersonFilter(f)
      ? sql<Fact>`SELECT d.id AS subject, d.service_code AS row_key, 'count' AS col_key FROM service_deliveries d JOIN clients c ON c.id = d.client_id
          WHERE d.delivered_on BETWEEN ${f.from} AND ${f.to} AND ${personWhere(f)}`
      : sql<Fact>`SELECT d.id AS subject, d.service_code AS row_key, 'count' AS col_key FROM service_deliveries d WHERE d.delivered_on BETWEEN ${f.from} AND ${f.to}`,

  'cases.openedClosed': (f: ReportFilters) =>
    sql<Fact>`SELECT x.id AS subject, x.row_key, 'count' AS col_key FROM (
        SELECT id, client_id, 'opened' AS row_key FROM cases WHERE opened_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT id, client_id, 'closed' FROM cases WHERE status = 'closed' AND closed_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT id, client_id, 'openAtEnd' FROM cases WHERE opened_on <= ${f.to} AND (closed_on IS NULL OR closed_on > ${f.to})
      ) x JOIN clients c ON c.id = x.client_id WHERE ${personWhere(f)}`,

  'cases.closeReasons': (f: ReportFilters) =>
    sql<Fact>`SELECT k.id AS subject, k.close_reason AS row_key, 'count' AS col_key FROM cases k JOIN clients c ON c.id = k.client_id
      WHERE k.status = 'closed' AND k.closed_on BETWEEN ${f.from} AND ${f.to} AND ${personWhere(f)}`,

  /** Metadata only (kind, risk level, date, status): no sealed column is read. Drafts and voided sessions are not counted. */
  'counseling.sessionsByKindRisk': (f: ReportFilters) =>
    sql<Fact>`SELECT s.id AS subject, s.kind AS row_key, COALESCE(s.risk_level, 'none') AS col_key FROM counseling_sessions s
      WHERE s.status = 'signed' AND s.started_at >= ${f.from} AND s.started_at < date(${f.to}, '+1 day')
      ${hasPersonFilter(f) ? sql`AND EXISTS (SELECT 1 FROM counseling_session_clients sc JOIN clients c ON c.id = sc.client_id WHERE sc.session_id = s.id AND ${personWhere(f)})` : sql``}`,

  'training.outcomes': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, x.row_key, c.sex AS col_key FROM (
        SELECT client_id, 'enrolled' AS row_key FROM training_enrollments
          WHERE joined_on BETWEEN ${f.from} AND ${f.to} AND stage IN ('enrolled', 'active', 'completed', 'incomplete', 'withdrawn')
        UNION ALL SELECT client_id, 'completed' FROM training_enrollments WHERE stage = 'completed' AND completed_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT e.client_id, 'employed' || o.checkpoint_months FROM training_enrollments e JOIN training_outcomes o ON o.enrollment_id = e.id
          WHERE e.stage = 'completed' AND e.completed_on BETWEEN ${f.from} AND ${f.to} AND o.status IN ('employed', 'selfEmployed')
      ) x JOIN clients c ON c.id = x.client_id WHERE ${personWhere(f)}`,

  'rehabilitation.womenHelped': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, x.row_key, 'count' AS col_key FROM (
        SELECT DISTINCT d.client_id, CASE WHEN k.category IN ('legal', 'medical', 'psychological') THEN k.category ELSE 'other' END AS row_key
        FROM service_deliveries d JOIN service_catalog k ON k.code = d.service_code WHERE d.delivered_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT s.id, 'any' FROM ${served(f)} s
      ) x JOIN clients c ON c.id = x.client_id WHERE c.sex = 'female' AND ${personWhere(f)}`,

  /** A client's state for a purpose is her latest decision dated by the period's end; none is `notAsked`. Clients registered by then. */
  'consents.rates': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, p.purpose AS row_key,
        COALESCE((SELECT k.state FROM consents k WHERE k.client_id = c.id AND k.purpose = p.purpose AND k.decided_on <= ${f.to}
                  ORDER BY k.recorded_at DESC, k.rowid DESC LIMIT 1), 'notAsked') AS col_key
      FROM clients c JOIN (SELECT 'services' AS purpose UNION ALL SELECT 'registrySharing' UNION ALL SELECT 'referral' UNION ALL SELECT 'photographs') p
      WHERE c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}`,

  /**
   * Records as they stand, registered by the period's end: no PINFL; registered over a
   * possible-duplicate warning while the other record is still active (not yet merged).
   * Quarantined records are not counted: the center has no quarantine yet (it comes with sync).
   */
  'dataQuality.records': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, 'missingPinfl' AS row_key, 'count' AS col_key FROM clients c
        WHERE c.pinfl IS NULL AND c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}
      UNION ALL SELECT c.id, 'duplicatesPending', 'count' FROM clients c
        WHERE c.confirmed_warnings_json LIKE '%possibleDuplicate%' AND c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}
          AND EXISTS (SELECT 1 FROM clients o WHERE o.dup_key = c.dup_key AND o.id <> c.id AND o.status = 'active')`,
} as const;

export type FactIndicatorId = keyof typeof factsOf;
