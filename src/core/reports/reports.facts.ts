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

/** `n` weighs an event fact (a count per catalog entry); persons are counted once each. */
export type Fact = { readonly subject: string; readonly row_key: string; readonly col_key: string; readonly n: number };

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

/** Clients from the narrow report index, in id order (`personWhere` keeps the active ones that match). */
function persons(_f: ReportFilters): RawBuilder<unknown> {
  return sql`clients c INDEXED BY clients_report`;
}

/** Whether client `c` had a service delivered in the period (one probe of the client's deliveries by day). */
function wasServed(f: ReportFilters): RawBuilder<unknown> {
  return sql`EXISTS (SELECT 1 FROM service_deliveries d INDEXED BY service_deliveries_client_period WHERE d.client_id = c.id AND d.delivered_on BETWEEN ${f.from} AND ${f.to})`;
}

export const CATEGORY_KEYS = ['olderPerson', 'disabilityI', 'disabilityII', 'disabilityIII', 'disabilityChild', 'child', 'survivorOfViolence', 'lowIncome'] as const;

/** The clients of events (cases, deliveries) only when a person filter asks for them: the join costs a lookup per event. */
function eventClients(f: ReportFilters, clientColumn: RawBuilder<unknown>): RawBuilder<unknown> {
  return hasPersonFilter(f) ? sql`JOIN clients c INDEXED BY clients_report ON c.id = ${clientColumn} AND ${personWhere(f)}` : sql``;
}

/** The latest consent decision per client and purpose recorded by the end of the period (SQLite takes the bare columns from the MAX row). */
function latestConsents(f: ReportFilters): RawBuilder<unknown> {
  return sql`(SELECT client_id, purpose, state, MAX(recorded_at || '#' || printf('%012d', rowid)) AS latest FROM consents INDEXED BY consents_latest
    WHERE recorded_at < date(${f.to}, '+1 day') GROUP BY client_id, purpose)`;
}

const PURPOSES = sql`(SELECT 'services' AS purpose UNION ALL SELECT 'registrySharing' UNION ALL SELECT 'referral' UNION ALL SELECT 'photographs')`;

export const factsOf = {
  'peopleServed.byAgeSex': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, ${ageBandOn(f.to)} AS row_key, c.sex AS col_key, 1 AS n FROM ${persons(f)} WHERE ${personWhere(f)} AND ${wasServed(f)}`,

  'peopleServed.byCategory': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, k.key AS row_key, c.sex AS col_key, 1 AS n
      FROM ${persons(f)}
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
      WHERE ${personWhere(f)} AND (c.is_older_person = 1 OR c.disability_group IS NOT NULL OR c.is_child = 1 OR c.is_survivor_of_violence = 1 OR c.is_low_income_register = 1) AND ${wasServed(f)}`,

  'peopleServed.byDistrict': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, COALESCE(c.district_code, 'unknown') AS row_key, c.sex AS col_key, 1 AS n FROM ${persons(f)} WHERE ${personWhere(f)} AND ${wasServed(f)}`,

  'peopleServed.byMonth': (f: ReportFilters) =>
    sql<Fact>`SELECT m.client_id AS subject, m.month AS row_key, c.sex AS col_key, 1 AS n
      FROM (SELECT d.client_id, substr(d.delivered_on, 1, 7) AS month FROM service_deliveries d INDEXED BY service_deliveries_client_period
            WHERE d.delivered_on BETWEEN ${f.from} AND ${f.to} GROUP BY d.client_id, month) m
      JOIN clients c INDEXED BY clients_report ON c.id = m.client_id WHERE ${personWhere(f)}`,

  /** Without a person filter, one count per catalog entry over the index by service and day. */
  'services.byType': (f: ReportFilters) =>
    hasPersonFilter(f)
      ? sql<Fact>`SELECT d.service_code AS subject, d.service_code AS row_key, 'count' AS col_key, 1 AS n FROM ${persons(f)}
          JOIN service_deliveries d INDEXED BY service_deliveries_client_period ON d.client_id = c.id AND d.delivered_on BETWEEN ${f.from} AND ${f.to}
          WHERE ${personWhere(f)}`
      : sql<Fact>`SELECT x.code AS subject, x.code AS row_key, 'count' AS col_key, x.n FROM (
          SELECT k.code, (SELECT COUNT(*) FROM service_deliveries d INDEXED BY service_deliveries_service_period WHERE d.service_code = k.code AND d.delivered_on BETWEEN ${f.from} AND ${f.to}) AS n
          FROM service_catalog k) x WHERE x.n > 0`,

  'cases.openedClosed': (f: ReportFilters) =>
    sql<Fact>`SELECT x.client_id AS subject, x.row_key, 'count' AS col_key, 1 AS n FROM (
        SELECT k.client_id, 'opened' AS row_key FROM cases k INDEXED BY cases_opened_on WHERE k.opened_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT k.client_id, 'closed' FROM cases k INDEXED BY cases_closed_on WHERE k.status = 'closed' AND k.closed_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT k.client_id, 'openAtEnd' FROM cases k INDEXED BY cases_flow WHERE k.opened_on <= ${f.to} AND (k.closed_on IS NULL OR k.closed_on > ${f.to})
      ) x ${eventClients(f, sql`x.client_id`)}`,

  'cases.closeReasons': (f: ReportFilters) =>
    sql<Fact>`SELECT k.client_id AS subject, k.close_reason AS row_key, 'count' AS col_key, 1 AS n FROM cases k INDEXED BY cases_closed_on ${eventClients(f, sql`k.client_id`)}
      WHERE k.status = 'closed' AND k.closed_on BETWEEN ${f.from} AND ${f.to}`,

  /** Metadata only (kind, risk level, date, status): no sealed column is read. Drafts and voided sessions are not counted. */
  'counseling.sessionsByKindRisk': (f: ReportFilters) =>
    sql<Fact>`SELECT s.id AS subject, s.kind AS row_key, COALESCE(s.risk_level, 'none') AS col_key, 1 AS n FROM counseling_sessions s
      WHERE s.status = 'signed' AND s.started_at >= ${f.from} AND s.started_at < date(${f.to}, '+1 day')
      ${hasPersonFilter(f) ? sql`AND EXISTS (SELECT 1 FROM counseling_session_clients sc JOIN clients c INDEXED BY clients_report ON c.id = sc.client_id WHERE sc.session_id = s.id AND ${personWhere(f)})` : sql``}`,

  'training.outcomes': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, x.row_key, c.sex AS col_key, 1 AS n FROM (
        SELECT client_id, 'enrolled' AS row_key FROM training_enrollments
          WHERE joined_on BETWEEN ${f.from} AND ${f.to} AND stage IN ('enrolled', 'active', 'completed', 'incomplete', 'withdrawn')
        UNION ALL SELECT client_id, 'completed' FROM training_enrollments WHERE stage = 'completed' AND completed_on BETWEEN ${f.from} AND ${f.to}
        UNION ALL SELECT e.client_id, 'employed' || o.checkpoint_months FROM training_enrollments e JOIN training_outcomes o ON o.enrollment_id = e.id
          WHERE e.stage = 'completed' AND e.completed_on BETWEEN ${f.from} AND ${f.to} AND o.status IN ('employed', 'selfEmployed')
      ) x JOIN clients c INDEXED BY clients_report ON c.id = x.client_id WHERE ${personWhere(f)}`,

  'rehabilitation.womenHelped': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, CASE WHEN k.category IN ('legal', 'medical', 'psychological') THEN k.category ELSE 'other' END AS row_key, 'count' AS col_key, 1 AS n
        FROM ${persons(f)} JOIN service_deliveries d INDEXED BY service_deliveries_client_period ON d.client_id = c.id AND d.delivered_on BETWEEN ${f.from} AND ${f.to}
        JOIN service_catalog k ON k.code = d.service_code
        WHERE c.sex = 'female' AND ${personWhere(f)}
      UNION ALL SELECT c.id, 'any', 'count', 1 FROM ${persons(f)} WHERE c.sex = 'female' AND ${personWhere(f)} AND ${wasServed(f)}`,

  /** A client's state for a purpose is her latest decision recorded by the period's end; none is `notAsked`. Clients registered by then. */
  'consents.rates': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, p.purpose AS row_key, COALESCE(l.state, 'notAsked') AS col_key, 1 AS n
      FROM ${persons(f)} CROSS JOIN ${PURPOSES} p LEFT JOIN ${latestConsents(f)} l ON l.client_id = c.id AND l.purpose = p.purpose
      WHERE c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}`,

  /**
   * Records as they stand, registered by the period's end: no PINFL; registered over a
   * possible-duplicate warning while the other record is still active (not yet merged).
   * Quarantined records are not counted: the center has no quarantine yet (it comes with sync).
   */
  'dataQuality.records': (f: ReportFilters) =>
    sql<Fact>`SELECT c.id AS subject, 'missingPinfl' AS row_key, 'count' AS col_key, 1 AS n FROM ${persons(f)}
        WHERE c.pinfl IS NULL AND c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}
      UNION ALL SELECT c.id, 'duplicatesPending', 'count', 1 FROM clients c
        WHERE c.confirmed_warnings_json LIKE '%possibleDuplicate%' AND c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}
          AND EXISTS (SELECT 1 FROM clients o WHERE o.dup_key = c.dup_key AND o.id <> c.id AND o.status = 'active')`,
} as const;

/**
 * Counts worked out without the facts, where the facts would be slow: consents, from the latest
 * decisions grouped by purpose and state (clients joined only for a person filter, since a decision
 * recorded by the period's end belongs to a client registered by then), the clients asked nothing
 * being the rest of the clients. The facts above stay for the list behind a number.
 */
export const countsOf: Partial<Record<FactIndicatorIdOf, (f: ReportFilters) => RawBuilder<{ row_key: string; col_key: string; n: number }>>> = {
  'consents.rates': (f) =>
    sql<{ row_key: string; col_key: string; n: number }>`WITH population AS (SELECT COUNT(*) AS n FROM ${persons(f)} WHERE c.created_at < date(${f.to}, '+1 day') AND ${personWhere(f)}),
      asked AS (SELECT l.purpose, l.state, COUNT(*) AS n FROM ${latestConsents(f)} l ${eventClients(f, sql`l.client_id`)} GROUP BY l.purpose, l.state)
      SELECT purpose AS row_key, state AS col_key, n FROM asked
      UNION ALL SELECT p.purpose, 'notAsked', (SELECT n FROM population) - COALESCE((SELECT SUM(a.n) FROM asked a WHERE a.purpose = p.purpose), 0) FROM ${PURPOSES} p`,
};

type FactIndicatorIdOf = keyof typeof factsOf;

export type FactIndicatorId = keyof typeof factsOf;
