import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the center's indicators (issue 13, item 5: every indicator under a second at
 * 200,000 clients and 1,000,000 service deliveries). Each indicator reads one period of one table:
 * - service deliveries by day, covering the client and the service, so "persons served in a
 *   period" and "services by type" read the index alone, never the rows;
 * - cases by the day they were opened and closed;
 * - signed counseling sessions by their start (metadata only, as the indicator counts);
 * - training enrollments by the day joined and the day completed.
 * No table changes and no data moves.
 */
const STATEMENTS = [
  `CREATE INDEX service_deliveries_period ON service_deliveries (delivered_on, client_id, service_code)`,
  `CREATE INDEX cases_opened_on ON cases (opened_on, client_id)`,
  `CREATE INDEX cases_closed_on ON cases (closed_on, client_id) WHERE status = 'closed'`,
  `CREATE INDEX counseling_sessions_signed_started ON counseling_sessions (started_at, kind, risk_level) WHERE status = 'signed'`,
  `CREATE INDEX training_enrollments_joined_on ON training_enrollments (joined_on)`,
  `CREATE INDEX training_enrollments_completed_on ON training_enrollments (completed_on) WHERE completed_on IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
