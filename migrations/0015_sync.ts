import { sql, type Kysely } from 'kysely';

/**
 * Upload to the central registry (issue 12): the registry the center is enrolled with, the sealed
 * batches, and the records the registry refused.
 *
 * A sealed batch is history: its envelope bytes never change (a resend sends exactly them), so
 * `envelope` cannot be updated and no batch row is deleted. `sync_registry` holds one row, the
 * enrollment; its pseudonym key lives here, inside the encrypted database, and nowhere else.
 * `outbox.record_version` is the version a record travels with, given at sealing (it grows with
 * each edit of the same entity, and jumps by an epoch after a recovery from an old backup). After
 * such a recovery the next batch follows the registry's cursor (`base_seq`, `base_hash`), and the
 * unacknowledged batches it replaces are kept, marked `superseded`.
 */
const statements: readonly string[] = [
  `CREATE TABLE sync_registry (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    registry_url TEXT NOT NULL,
    center_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    root_kid TEXT NOT NULL,
    root_public_key TEXT NOT NULL,
    trusted_keys_json TEXT NOT NULL CHECK (json_valid(trusted_keys_json) AND json_type(trusted_keys_json) = 'array'),
    pseudonym_key TEXT NOT NULL,
    signing_kid TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    epoch INTEGER NOT NULL DEFAULT 0 CHECK (epoch >= 0),
    base_seq INTEGER NOT NULL DEFAULT 0 CHECK (base_seq >= 0),
    base_hash TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    clock_offset_ms INTEGER,
    last_contact_at TEXT,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    alert TEXT
  ) STRICT`,

  `CREATE TABLE sync_batches (
    batch_id TEXT PRIMARY KEY NOT NULL,
    seq INTEGER NOT NULL CHECK (seq > 0),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    digest TEXT NOT NULL CHECK (length(digest) = 64),
    envelope BLOB NOT NULL,
    record_count INTEGER NOT NULL CHECK (record_count >= 0),
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    sealed_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sealed', 'held', 'acknowledged', 'refused', 'superseded')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error TEXT,
    acknowledged_at TEXT,
    acknowledged_via TEXT CHECK (acknowledged_via IS NULL OR acknowledged_via IN ('network', 'file')),
    receipt_json TEXT CHECK (receipt_json IS NULL OR json_valid(receipt_json))
  ) STRICT`,
  // A batch superseded by a recovery keeps its seq; the batch sealed in its place may reuse it.
  `CREATE UNIQUE INDEX sync_batches_seq ON sync_batches (seq) WHERE state != 'superseded'`,
  `CREATE INDEX sync_batches_state ON sync_batches (state, seq)`,
  `CREATE TRIGGER sync_batches_envelope_fixed BEFORE UPDATE OF envelope, seq, digest, prev_hash ON sync_batches
    BEGIN SELECT RAISE(ABORT, 'a sealed batch never changes'); END`,
  `CREATE TRIGGER sync_batches_no_delete BEFORE DELETE ON sync_batches
    BEGIN SELECT RAISE(ABORT, 'sync_batches keeps every batch'); END`,

  `CREATE TABLE sync_quarantine (
    outbox_seq INTEGER PRIMARY KEY NOT NULL REFERENCES outbox (seq),
    batch_id TEXT NOT NULL REFERENCES sync_batches (batch_id),
    type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    record_version INTEGER NOT NULL,
    reason TEXT NOT NULL,
    quarantined_at TEXT NOT NULL,
    resolved_at TEXT
  ) STRICT`,
  `CREATE INDEX sync_quarantine_open ON sync_quarantine (type, entity_id) WHERE resolved_at IS NULL`,

  `ALTER TABLE outbox ADD COLUMN record_version INTEGER`,
  `CREATE INDEX outbox_entity_version ON outbox (type, entity_id, record_version) WHERE record_version IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
