import { sql, type Kysely } from 'kysely';
import { clientNameKeys } from '../src/core/clients/clients.repository';

/**
 * Search keys that never miss a person (issue 9):
 *
 * - `patronymic_key`: the patronymic folded to the father's-name stem whatever its style
 *   ("Akmalovich", "Akmal oʻgʻli", "Акмал ўғли" are all "akmal"; src/core/uz/patronymic.ts), plus
 *   its words as typed, for prefixes.
 * - `name_key` / `name_key_loose` now hold last and first name only: a word found there is a
 *   match on the person's own name, which ranks above a match on the patronymic.
 * - `clients_name_fts` indexes the three columns, and only active clients: merging a record takes
 *   it out of the index and unmerging puts it back (the triggers follow `status`), so the number
 *   of matches the search reports is one FTS5 count, without reading the rows.
 * - The vocabulary of loose words the misspelling stage corrects against is rebuilt from the new
 *   keys (it gains the patronymic stems, loses the markers "ugli", "kizi").
 *
 * Keys are computed here by today's key functions; a later change to them needs its own migration.
 */

const BATCH = 1000;

const ftsStatements: readonly string[] = [
  // The index's content is this view, so FTS5's own 'integrity-check' (and a 'rebuild') agree
  // that merged-away records are not in it.
  `CREATE VIEW clients_name_fts_content AS
    SELECT seq, name_key, name_key_loose, patronymic_key FROM clients WHERE status = 'active'`,
  `CREATE VIRTUAL TABLE clients_name_fts USING fts5(
    name_key, name_key_loose, patronymic_key,
    content = 'clients_name_fts_content', content_rowid = 'seq',
    tokenize = 'unicode61', prefix = '2 3', detail = 'column'
  )`,
  `CREATE TRIGGER clients_name_fts_insert AFTER INSERT ON clients WHEN new.status = 'active' BEGIN
    INSERT INTO clients_name_fts (rowid, name_key, name_key_loose, patronymic_key)
      VALUES (new.seq, new.name_key, new.name_key_loose, new.patronymic_key);
  END`,
  // One trigger, so the old row always leaves before the new one enters: SQLite runs separate
  // triggers on one event newest first, and an insert before the delete would lose every token
  // the two rows share (an edit of the phone would drop the client from the index).
  `CREATE TRIGGER clients_name_fts_update AFTER UPDATE OF name_key, name_key_loose, patronymic_key, status ON clients BEGIN
    INSERT INTO clients_name_fts (clients_name_fts, rowid, name_key, name_key_loose, patronymic_key)
      SELECT 'delete', old.seq, old.name_key, old.name_key_loose, old.patronymic_key WHERE old.status = 'active';
    INSERT INTO clients_name_fts (rowid, name_key, name_key_loose, patronymic_key)
      SELECT new.seq, new.name_key, new.name_key_loose, new.patronymic_key WHERE new.status = 'active';
  END`,
  `CREATE TRIGGER clients_name_fts_delete AFTER DELETE ON clients WHEN old.status = 'active' BEGIN
    INSERT INTO clients_name_fts (clients_name_fts, rowid, name_key, name_key_loose, patronymic_key)
      VALUES ('delete', old.seq, old.name_key, old.name_key_loose, old.patronymic_key);
  END`,
];

interface NameRow {
  readonly seq: number;
  readonly last_name: string;
  readonly first_name: string;
  readonly patronymic: string | null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clients ADD COLUMN patronymic_key TEXT NOT NULL DEFAULT ''`.execute(db);
  for (const name of ['clients_name_fts_insert', 'clients_name_fts_update', 'clients_name_fts_delete']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
  }
  await sql`DROP TABLE clients_name_fts`.execute(db);

  // Recompute in batches, one UPDATE … FROM json_each per batch: no trigger fires yet.
  let after = 0;
  for (;;) {
    const rows = await sql<NameRow>`SELECT seq, last_name, first_name, patronymic FROM clients
      WHERE seq > ${after} ORDER BY seq LIMIT ${BATCH}`.execute(db);
    const last = rows.rows.at(-1);
    if (last === undefined) break;
    after = last.seq;
    const keys = rows.rows.map((row) => ({
      seq: row.seq,
      ...clientNameKeys({ lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic }),
    }));
    await sql`UPDATE clients SET
        name_key = k.value ->> '$.name_key',
        name_key_loose = k.value ->> '$.name_key_loose',
        patronymic_key = k.value ->> '$.patronymic_key',
        dup_key = k.value ->> '$.dup_key'
      FROM json_each(${JSON.stringify(keys)}) AS k
      WHERE clients.seq = k.value ->> '$.seq'`.execute(db);
  }

  for (const statement of ftsStatements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO clients_name_fts (clients_name_fts) VALUES ('rebuild')`.execute(db);

  await sql`DELETE FROM client_name_words`.execute(db);
  await sql`INSERT INTO client_name_words_fts (client_name_words_fts) VALUES ('delete-all')`.execute(db);
  await sql`INSERT OR IGNORE INTO client_name_words (word)
    SELECT DISTINCT w.value FROM clients, json_each('["' || replace(trim(name_key_loose || ' ' || patronymic_key), ' ', '","') || '"]') AS w
    WHERE w.value <> ''`.execute(db);
}
