import { sql, type Kysely } from 'kysely';

/**
 * The client registry: one row per person the center serves, the search indexes over their
 * names, and the record of merges (so a merge can be undone until the next upload).
 *
 * Why the shapes:
 * - `seq INTEGER PRIMARY KEY` is the rowid the FTS5 index points at. A table without an explicit
 *   INTEGER PRIMARY KEY may have its rowids renumbered by VACUUM, which would silently detach an
 *   external-content FTS index. `id` (UUID) is what every other table and the API use.
 * - `pinfl` has a UNIQUE index: two clients can never share a PINFL, whatever path the write took.
 *   NULLs (no PINFL recorded) do not collide.
 * - `name_key` / `name_key_loose` are the sorted strict and loose word keys of the full name (see
 *   src/core/uz/names.ts). `clients_name_fts` indexes them as whole words (unicode61, with prefix
 *   indexes for 2 and 3 letters): a word lookup reads only that word's posting list, which keeps a
 *   search at 200,000 clients in the low milliseconds where a trigram substring AND over the same
 *   keys has to merge the long lists of trigrams like "aev" and "ova".
 * - Misspellings and infixes go through `client_name_words`, the vocabulary of distinct loose
 *   words (a few thousand even at 200,000 clients), indexed with the trigram tokenizer: a fuzzy
 *   query finds near words there, then looks those words up in `clients_name_fts`.
 * - `dup_key` is the sorted loose key of last and first name only (a patronymic is often left out
 *   at one of two registrations); with `birth_year` it finds possible duplicates.
 */
const statements: readonly string[] = [
  `CREATE TABLE clients (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
    merged_into_id TEXT REFERENCES clients (id),
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    patronymic TEXT,
    birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    birth_year INTEGER NOT NULL,
    is_birth_date_estimated INTEGER NOT NULL CHECK (is_birth_date_estimated IN (0, 1)),
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    pinfl TEXT CHECK (pinfl IS NULL OR (length(pinfl) = 14 AND pinfl NOT GLOB '*[^0-9]*')),
    document_type TEXT,
    document_number TEXT,
    phone TEXT,
    region_code TEXT,
    district_code TEXT,
    mahalla TEXT,
    street TEXT,
    is_older_person INTEGER NOT NULL DEFAULT 0 CHECK (is_older_person IN (0, 1)),
    is_child INTEGER NOT NULL DEFAULT 0 CHECK (is_child IN (0, 1)),
    is_survivor_of_violence INTEGER NOT NULL DEFAULT 0 CHECK (is_survivor_of_violence IN (0, 1)),
    is_low_income_register INTEGER NOT NULL DEFAULT 0 CHECK (is_low_income_register IN (0, 1)),
    disability_group TEXT CHECK (disability_group IS NULL OR disability_group IN ('I', 'II', 'III', 'child')),
    languages_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages_json) AND json_type(languages_json) = 'array'),
    remarks TEXT,
    confirmed_warnings_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(confirmed_warnings_json) AND json_type(confirmed_warnings_json) = 'array'),
    name_key TEXT NOT NULL,
    name_key_loose TEXT NOT NULL,
    dup_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES staff (id),
    CHECK ((is_birth_date_estimated = 1) = (birth_date IS NULL)),
    CHECK ((status = 'merged') = (merged_into_id IS NOT NULL))
  ) STRICT`,
  `CREATE UNIQUE INDEX clients_pinfl ON clients (pinfl) WHERE pinfl IS NOT NULL`,
  `CREATE INDEX clients_birth_date ON clients (birth_date) WHERE birth_date IS NOT NULL`,
  `CREATE INDEX clients_phone ON clients (phone) WHERE phone IS NOT NULL`,
  `CREATE INDEX clients_dup_key ON clients (dup_key, birth_year)`,
  `CREATE INDEX clients_merged_into ON clients (merged_into_id) WHERE merged_into_id IS NOT NULL`,
  // Reports cut by region and district.
  `CREATE INDEX clients_district ON clients (region_code, district_code)`,

  `CREATE VIRTUAL TABLE clients_name_fts USING fts5(
    name_key, name_key_loose,
    content = 'clients', content_rowid = 'seq',
    tokenize = 'unicode61', prefix = '2 3', detail = 'column'
  )`,
  `CREATE TRIGGER clients_name_fts_insert AFTER INSERT ON clients BEGIN
    INSERT INTO clients_name_fts (rowid, name_key, name_key_loose) VALUES (new.seq, new.name_key, new.name_key_loose);
  END`,
  `CREATE TRIGGER clients_name_fts_update AFTER UPDATE OF name_key, name_key_loose ON clients BEGIN
    INSERT INTO clients_name_fts (clients_name_fts, rowid, name_key, name_key_loose)
      VALUES ('delete', old.seq, old.name_key, old.name_key_loose);
    INSERT INTO clients_name_fts (rowid, name_key, name_key_loose) VALUES (new.seq, new.name_key, new.name_key_loose);
  END`,
  `CREATE TRIGGER clients_name_fts_delete AFTER DELETE ON clients BEGIN
    INSERT INTO clients_name_fts (clients_name_fts, rowid, name_key, name_key_loose)
      VALUES ('delete', old.seq, old.name_key, old.name_key_loose);
  END`,

  `CREATE TABLE client_name_words (
    id INTEGER PRIMARY KEY,
    word TEXT NOT NULL UNIQUE
  ) STRICT`,
  `CREATE VIRTUAL TABLE client_name_words_fts USING fts5(
    word, content = 'client_name_words', content_rowid = 'id', tokenize = 'trigram'
  )`,
  `CREATE TRIGGER client_name_words_fts_insert AFTER INSERT ON client_name_words BEGIN
    INSERT INTO client_name_words_fts (rowid, word) VALUES (new.id, new.word);
  END`,

  // moved_json: [{ "table": "cases", "column": "client_id", "ids": ["…"] }, …], what unmerge moves back.
  `CREATE TABLE client_merges (
    id TEXT PRIMARY KEY NOT NULL,
    survivor_id TEXT NOT NULL REFERENCES clients (id),
    merged_id TEXT NOT NULL REFERENCES clients (id),
    moved_json TEXT NOT NULL CHECK (json_valid(moved_json) AND json_type(moved_json) = 'array'),
    merged_at TEXT NOT NULL,
    merged_by TEXT REFERENCES staff (id),
    unmerged_at TEXT,
    unmerged_by TEXT REFERENCES staff (id),
    CHECK (survivor_id <> merged_id)
  ) STRICT`,
  `CREATE INDEX client_merges_merged ON client_merges (merged_id)`,
  `CREATE INDEX client_merges_survivor ON client_merges (survivor_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
