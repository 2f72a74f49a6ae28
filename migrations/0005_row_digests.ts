import { sql, type Kysely } from 'kysely';

/**
 * Row digests (issue 8, item 4): each audit event may carry `rows_json`, the digests of the rows
 * its write touched, after the write, and its hash then covers them (hash format v2). Events
 * already stored keep `rows_json` null and their v1 hash. The baseline that credits every row
 * already in the database is appended when the store opens after a migration (src/core/db/store.ts,
 * `creditUnauditedRows`), so rows changed by this or any later migration are credited too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN rows_json TEXT`.execute(db);
}
