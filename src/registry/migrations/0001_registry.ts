import { sql, type Kysely } from 'kysely';

/**
 * The reference registry's first schema (issue 12, item 6). Batches are stored as received (the
 * envelope bytes) and records once per (center, type, id, version): a second arrival of the same
 * version is recognized by its content digest. `centers.cursor_seq` is how far a center's batches
 * are processed without a gap; held batches wait above it.
 */
const statements: readonly string[] = [
  `CREATE TABLE registry_keys (
    kid text PRIMARY KEY,
    use text NOT NULL CHECK (use IN ('sig', 'enc')),
    public_key text NOT NULL,
    private_key text NOT NULL,
    created_at timestamptz NOT NULL,
    endorsement_by text REFERENCES registry_keys (kid),
    endorsement_sig text,
    retired_at timestamptz
  )`,
  `CREATE TABLE registry_secrets (name text PRIMARY KEY, value text NOT NULL)`,
  `CREATE TABLE enrollment_codes (
    code_hash text PRIMARY KEY,
    center_name text NOT NULL,
    created_at timestamptz NOT NULL,
    used_at timestamptz,
    center_id text
  )`,
  `CREATE TABLE centers (
    id text PRIMARY KEY,
    name text NOT NULL,
    enrolled_at timestamptz NOT NULL,
    cursor_seq integer NOT NULL DEFAULT 0 CHECK (cursor_seq >= 0),
    cursor_hash text NOT NULL,
    chain_seq integer,
    chain_hash text,
    last_contact_at timestamptz
  )`,
  `CREATE TABLE center_keys (
    center_id text NOT NULL REFERENCES centers (id),
    kid text NOT NULL,
    public_key text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (center_id, kid)
  )`,
  `CREATE TABLE batches (
    center_id text NOT NULL REFERENCES centers (id),
    batch_id text NOT NULL,
    seq integer NOT NULL CHECK (seq > 0),
    digest text NOT NULL,
    prev_hash text NOT NULL,
    envelope bytea NOT NULL,
    state text NOT NULL CHECK (state IN ('held', 'processed')),
    received_at timestamptz NOT NULL,
    received_via text NOT NULL CHECK (received_via IN ('network', 'file')),
    processed_at timestamptz,
    receipt jsonb,
    PRIMARY KEY (center_id, batch_id),
    UNIQUE (center_id, seq)
  )`,
  `CREATE INDEX batches_held ON batches (center_id, seq) WHERE state = 'held'`,
  `CREATE TABLE records (
    center_id text NOT NULL REFERENCES centers (id),
    type text NOT NULL,
    record_id text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    op text NOT NULL CHECK (op IN ('upsert', 'delete')),
    occurred_at timestamptz NOT NULL,
    data jsonb NOT NULL,
    content_sha256 text NOT NULL,
    batch_id text NOT NULL,
    received_at timestamptz NOT NULL,
    person_key text,
    PRIMARY KEY (center_id, type, record_id, version)
  )`,
  `CREATE INDEX records_person ON records (person_key) WHERE person_key IS NOT NULL`,
  `CREATE TABLE alerts (
    id bigserial PRIMARY KEY,
    center_id text,
    kind text NOT NULL,
    details jsonb NOT NULL,
    at timestamptz NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
