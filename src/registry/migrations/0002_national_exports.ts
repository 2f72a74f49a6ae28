import { sql, type Kysely } from 'kysely';

/**
 * The log of national exports (issue 13, item 4): every file of national indicators the registry
 * hands out, with who asked for it, when, for which period, in which format, and whether small
 * cells were suppressed (always, today) with how many cells hidden. Never the numbers themselves.
 */
const statements: readonly string[] = [
  `CREATE TABLE national_exports (
    id text PRIMARY KEY,
    at timestamptz NOT NULL,
    operator text NOT NULL,
    via text NOT NULL CHECK (via IN ('cli', 'endpoint')),
    period_from text NOT NULL,
    period_to text NOT NULL,
    format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    indicators text NOT NULL,
    is_suppressed boolean NOT NULL,
    threshold integer NOT NULL,
    hidden_cells integer NOT NULL,
    sha256 text NOT NULL
  )`,
  `CREATE INDEX national_exports_at ON national_exports (at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
