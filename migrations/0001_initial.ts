import { sql, type Kysely } from 'kysely';

/**
 * The first schema: the center, its staff, center settings, the audit log and the outbox.
 * STRICT tables reject a value of the wrong type instead of storing it silently. Booleans are
 * INTEGER 0/1 with a CHECK; times are ISO 8601 UTC text; JSON columns are checked with json_valid.
 * Enumerations that will grow (center type, role) are validated by the core's schemas, not CHECKs,
 * because SQLite cannot alter a CHECK without rebuilding the table.
 */
const statements: readonly string[] = [
  `CREATE TABLE center (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    region_code TEXT NOT NULL,
    district_code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings))
  ) STRICT`,
  `CREATE TABLE staff (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    holds_confidential INTEGER NOT NULL DEFAULT 0 CHECK (holds_confidential IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    deactivated_at TEXT,
    password_changed_at TEXT,
    last_sign_in_at TEXT,
    CHECK ((is_active = 1) = (deactivated_at IS NULL))
  ) STRICT`,
  `CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL
  ) STRICT`,
  // actor_id has no foreign key: the log is history and must never block or be blocked by a staff change.
  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
    at TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT,
    details_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details_json)),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
  ) STRICT`,
  `CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id)`,
  // The chain already exposes a rewritten event; these triggers stop the application itself from making one.
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    occurred_at TEXT NOT NULL,
    data_json TEXT NOT NULL CHECK (json_valid(data_json) AND json_type(data_json) = 'object'),
    created_at TEXT NOT NULL,
    batch_id TEXT
  ) STRICT`,
  `CREATE INDEX outbox_pending_entity ON outbox (type, entity_id) WHERE batch_id IS NULL`,
  `CREATE INDEX outbox_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
