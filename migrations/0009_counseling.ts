import { sql, type Kysely } from 'kysely';

/**
 * Counseling records (issue 10): sessions and the clients they are about, addenda, survivors'
 * intake assessments, risk assessments, safety plans, explicit assignments of a client to a
 * psychologist, emergency ("break the glass") access and the supervisors' attention list.
 *
 * Confidential text (notes, progress, the signing salt, void reasons, assessment and safety plan
 * contents, risk answers, emergency reasons) is stored only as `cf2.…` values under the
 * confidential key: the CHECKs refuse anything else, so a careless future write of plaintext fails.
 * Nothing is deleted (triggers); corrections are addenda, mistakes are voided with a reason.
 * A session links its clients through `counseling_session_clients` (one row per client, its own id),
 * so a client merge moves exactly the links and leaves the signed session untouched.
 */
const SEALED = (column: string): string => `CHECK (${column} GLOB 'cf2.*')`;
const noDelete = (table: string): string =>
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} keeps every record'); END`;
const JSON_ARRAY = (column: string): string => `CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;
const RISK_LEVEL = `('low', 'medium', 'high', 'severe')`;

const statements: readonly string[] = [
  `CREATE TABLE counseling_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    started_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('individual', 'family', 'group', 'crisis')),
    form TEXT NOT NULL CHECK (form IN ('inPerson', 'phone', 'homeVisit', 'online')),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    concerns_json TEXT NOT NULL ${JSON_ARRAY('concerns_json')},
    interventions_json TEXT NOT NULL ${JSON_ARRAY('interventions_json')},
    next_appointment_at TEXT,
    sensitivity TEXT NOT NULL CHECK (sensitivity IN ('standard', 'restricted')),
    risk_level TEXT CHECK (risk_level IS NULL OR risk_level IN ${RISK_LEVEL}),
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'voided')),
    note TEXT NOT NULL ${SEALED('note')},
    progress TEXT NOT NULL ${SEALED('progress')},
    signature_salt TEXT NOT NULL ${SEALED('signature_salt')},
    void_reason TEXT NOT NULL ${SEALED('void_reason')},
    signature_hash TEXT,
    signed_by TEXT REFERENCES staff (id),
    signed_at TEXT,
    countersigned_by TEXT REFERENCES staff (id),
    countersigned_at TEXT,
    countersignature_hash TEXT,
    voided_by TEXT REFERENCES staff (id),
    voided_at TEXT,
    version INTEGER NOT NULL CHECK (version > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    CHECK ((signed_at IS NULL) = (signed_by IS NULL) AND (signed_at IS NULL) = (signature_hash IS NULL)),
    CHECK (status = 'draft' OR signed_at IS NOT NULL OR status = 'voided'),
    CHECK ((countersigned_at IS NULL) = (countersigned_by IS NULL) AND (countersigned_at IS NULL) = (countersignature_hash IS NULL)),
    CHECK ((status = 'voided') = (voided_at IS NOT NULL AND voided_by IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX counseling_sessions_psychologist ON counseling_sessions (psychologist_id, started_at)`,
  noDelete('counseling_sessions'),

  `CREATE TABLE counseling_session_clients (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES counseling_sessions (id),
    client_id TEXT NOT NULL REFERENCES clients (id)
  ) STRICT`,
  `CREATE INDEX counseling_session_clients_client ON counseling_session_clients (client_id)`,
  `CREATE INDEX counseling_session_clients_session ON counseling_session_clients (session_id)`,
  // A draft's clients may still be corrected; a signed or voided session's links stay.
  `CREATE TRIGGER counseling_session_clients_no_delete BEFORE DELETE ON counseling_session_clients
    WHEN (SELECT status FROM counseling_sessions WHERE id = OLD.session_id) IS NOT 'draft'
    BEGIN SELECT RAISE(ABORT, 'counseling_session_clients keeps the links of a signed session'); END`,

  `CREATE TABLE counseling_addenda (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES counseling_sessions (id),
    author_id TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    text TEXT NOT NULL ${SEALED('text')},
    signature_salt TEXT NOT NULL ${SEALED('signature_salt')},
    signature_hash TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX counseling_addenda_session ON counseling_addenda (session_id, created_at)`,
  noDelete('counseling_addenda'),

  `CREATE TABLE counseling_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    assigned_by TEXT NOT NULL REFERENCES staff (id),
    assigned_at TEXT NOT NULL,
    ended_by TEXT REFERENCES staff (id),
    ended_at TEXT,
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
  ) STRICT`,
  `CREATE INDEX counseling_assignments_psychologist ON counseling_assignments (psychologist_id, client_id) WHERE ended_at IS NULL`,
  noDelete('counseling_assignments'),

  `CREATE TABLE counseling_emergency_access (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    reason TEXT NOT NULL ${SEALED('reason')},
    opened_at TEXT NOT NULL,
    expires_at TEXT NOT NULL CHECK (expires_at > opened_at),
    reviewed_by TEXT REFERENCES staff (id),
    reviewed_at TEXT,
    CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
  ) STRICT`,
  `CREATE INDEX counseling_emergency_access_psychologist ON counseling_emergency_access (psychologist_id, client_id, expires_at)`,
  `CREATE INDEX counseling_emergency_access_unreviewed ON counseling_emergency_access (opened_at) WHERE reviewed_at IS NULL`,
  noDelete('counseling_emergency_access'),

  `CREATE TABLE counseling_intake_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    assessed_on TEXT NOT NULL CHECK (assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    content TEXT NOT NULL ${SEALED('content')},
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX counseling_intake_assessments_client ON counseling_intake_assessments (client_id, assessed_on)`,
  noDelete('counseling_intake_assessments'),

  `CREATE TABLE counseling_risk_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    session_id TEXT REFERENCES counseling_sessions (id),
    assessed_at TEXT NOT NULL,
    instrument_id TEXT NOT NULL,
    instrument_version INTEGER NOT NULL CHECK (instrument_version > 0),
    score INTEGER NOT NULL CHECK (score >= 0),
    level TEXT NOT NULL CHECK (level IN ${RISK_LEVEL}),
    answers TEXT NOT NULL ${SEALED('answers')},
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX counseling_risk_assessments_client ON counseling_risk_assessments (client_id, assessed_at)`,
  noDelete('counseling_risk_assessments'),

  `CREATE TABLE counseling_safety_plans (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    psychologist_id TEXT NOT NULL REFERENCES staff (id),
    review_on TEXT CHECK (review_on IS NULL OR review_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    content TEXT NOT NULL ${SEALED('content')},
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX counseling_safety_plans_client ON counseling_safety_plans (client_id, created_at)`,
  noDelete('counseling_safety_plans'),

  `CREATE TABLE counseling_attention (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    risk_assessment_id TEXT NOT NULL REFERENCES counseling_risk_assessments (id),
    level TEXT NOT NULL CHECK (level IN ('high', 'severe')),
    raised_at TEXT NOT NULL,
    safety_plan_review_on TEXT NOT NULL CHECK (safety_plan_review_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    resolved_by TEXT REFERENCES staff (id),
    resolved_at TEXT,
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
  ) STRICT`,
  `CREATE INDEX counseling_attention_open ON counseling_attention (raised_at) WHERE resolved_at IS NULL`,
  noDelete('counseling_attention'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
