import { sql, type Kysely } from 'kysely';

/**
 * The registry's word about the center's signing keys (issues 11 and 12): for each key the
 * registry knows, the statement its root key signed (`inson.key/1.0`, as `endorseKey` makes it).
 * Certificates carry it in their QR code, so anyone holding the registry's root public key checks a
 * certificate offline, whichever center issued it. A statement is kept as received: the registry
 * signed those exact bytes, so it is never changed and never deleted.
 */
const statements: readonly string[] = [
  `CREATE TABLE center_key_statements (
    key_id TEXT PRIMARY KEY NOT NULL REFERENCES center_signing_keys (key_id),
    statement_json TEXT NOT NULL CHECK (json_valid(statement_json) AND json_type(statement_json) = 'object'),
    received_at TEXT NOT NULL
  ) STRICT`,
  `CREATE TRIGGER center_key_statements_fixed BEFORE UPDATE ON center_key_statements
    BEGIN SELECT RAISE(ABORT, 'a registry statement never changes'); END`,
  `CREATE TRIGGER center_key_statements_no_delete BEFORE DELETE ON center_key_statements
    BEGIN SELECT RAISE(ABORT, 'center_key_statements keeps every statement'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
