import { sql, type Kysely } from 'kysely';

/**
 * A service delivered without the client's consent to receive services is an emergency, and the
 * record says so (issue 9, item 4): the reason the staff member gave for overriding the missing
 * consent. Null on every delivery recorded with consent, and on all earlier deliveries (they were
 * recorded before the rule existed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE service_deliveries ADD COLUMN consent_override_reason TEXT
    CHECK (consent_override_reason IS NULL OR length(consent_override_reason) > 0)`.execute(db);
}
