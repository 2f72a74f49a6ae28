import { sql, type Kysely } from 'kysely';

/**
 * Appointments (issue 10, item 9): a psychologist's upcoming sessions, booked ahead, and what
 * became of each (attended, with the recorded session when there is one; a no-show; cancelled
 * with a coded reason). Metadata only: no free text, so nothing here needs the confidential key
 * and nothing here is sealed. `ends_at` is kept beside the duration so an overlap is one indexed
 * range query. Nothing is deleted (trigger): a cancelled appointment stays, with its reason.
 */
const statements: readonly string[] = [
  `CREATE TABLE counseling_appointments (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 480),
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'family', 'group', 'crisis')),
    form TEXT NOT NULL CHECK (form IN ('inPerson', 'phone', 'homeVisit', 'online')),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'attended', 'noShow', 'cancelled')),
    cancel_reason TEXT CHECK (cancel_reason IS NULL OR cancel_reason IN ('clientRequest', 'psychologistUnavailable', 'centerClosed', 'other')),
    session_id TEXT REFERENCES counseling_sessions (id),
    booked_from_session_id TEXT REFERENCES counseling_sessions (id),
    outcome_at TEXT,
    outcome_by TEXT REFERENCES staff (id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
    CHECK ((outcome_at IS NULL) = (outcome_by IS NULL)),
    CHECK ((status = 'scheduled') = (outcome_at IS NULL)),
    CHECK (session_id IS NULL OR status = 'attended')
  ) STRICT`,
  `CREATE INDEX counseling_appointments_psychologist ON counseling_appointments (psychologist_id, starts_at)`,
  `CREATE INDEX counseling_appointments_client ON counseling_appointments (client_id)`,
  `CREATE TRIGGER counseling_appointments_no_delete BEFORE DELETE ON counseling_appointments BEGIN SELECT RAISE(ABORT, 'counseling_appointments keeps every record'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
