import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the center's indicators (issue 13, item 5: every indicator under a second at
 * 200,000 clients and 1,000,000 service deliveries). On an encrypted database every page read is
 * decrypted, so an indicator must read narrow indexes in order, never wide rows at random:
 * - `clients_report` holds every client column an indicator counts by, in id order: a scan of it,
 *   or lookups in the order of another index's client ids, read each of its pages once;
 * - deliveries by client and day (with the service), for "served in the period" probed client by
 *   client, and by service and day, for counts by service;
 * - consents by client and purpose with the decision's dates and state, for the latest decision;
 * - cases by the day opened and closed, and by client with their dates, status and reason;
 * - signed counseling sessions by their start (metadata only, as the indicator counts);
 * - training enrollments by the day joined and the day completed.
 * No table changes and no data moves.
 */
const STATEMENTS = [
  `CREATE INDEX clients_report ON clients (id, status, sex, birth_year, birth_date, region_code, district_code,
     is_older_person, is_child, is_survivor_of_violence, is_low_income_register, disability_group, created_at, pinfl)`,
  `CREATE INDEX service_deliveries_client_period ON service_deliveries (client_id, delivered_on, service_code)`,
  `CREATE INDEX service_deliveries_service_period ON service_deliveries (service_code, delivered_on)`,
  `CREATE INDEX consents_latest ON consents (client_id, purpose, recorded_at, decided_on, state)`,
  `CREATE INDEX cases_opened_on ON cases (opened_on, client_id)`,
  `CREATE INDEX cases_closed_on ON cases (closed_on, client_id, close_reason) WHERE status = 'closed'`,
  `CREATE INDEX cases_flow ON cases (client_id, opened_on, closed_on, status, close_reason)`,
  `CREATE INDEX counseling_sessions_signed_started ON counseling_sessions (started_at, kind, risk_level) WHERE status = 'signed'`,
  `CREATE INDEX training_enrollments_joined_on ON training_enrollments (joined_on)`,
  `CREATE INDEX training_enrollments_completed_on ON training_enrollments (completed_on) WHERE completed_on IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
