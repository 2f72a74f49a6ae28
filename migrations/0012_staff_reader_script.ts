import { sql, type Kysely } from 'kysely';

/**
 * A staff member's own display preference (issue 9, item 1): whether client names are shown
 * transliterated into the script of the interface she reads (a Cyrillic-typed name in Latin under
 * a Latin interface, and the reverse). Off for every account until its owner turns it on: the
 * name as typed is what everyone saw before, and the identity card keeps showing it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE staff ADD COLUMN shows_names_in_reader_script INTEGER NOT NULL DEFAULT 0
    CHECK (shows_names_in_reader_script IN (0, 1))`.execute(db);
}
