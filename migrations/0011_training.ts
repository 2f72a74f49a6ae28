import { sql, type Kysely } from 'kysely';

/**
 * Training (issue 11): courses, the center's own trades, cohorts with their trainers and
 * generated sessions, the holidays the schedule skips, enrollments and attendance.
 *
 * Nothing here is confidential: it is what a trainer and a manager count. Rows are not deleted
 * (triggers): a cancelled session, a withdrawn learner or a retired course stays, with its state.
 * Enrollments reference `clients (id)` with a primary key of their own, so a client merge moves them.
 */
const noDelete = (table: string): string =>
  `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} keeps every record'); END`;
const JSON_ARRAY = (column: string): string => `CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;
const JSON_NAMES = (column: string): string => `CHECK (json_valid(${column}) AND json_type(${column}) = 'object')`;
const DATE = (column: string): string => `CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const TIME = (column: string): string => `CHECK (${column} GLOB '[0-2][0-9]:[0-5][0-9]')`;

/** The fixed public holidays of Uzbekistan; the Hayit days move each year and the center adds them. */
const BUILT_IN_HOLIDAYS: readonly (readonly [code: string, monthDay: string])[] = [
  ['newYear', '01-01'],
  ['womensDay', '03-08'],
  ['navruz', '03-21'],
  ['remembranceDay', '05-09'],
  ['independenceDay', '09-01'],
  ['teachersDay', '10-01'],
  ['constitutionDay', '12-08'],
];

const statements: readonly string[] = [
  `CREATE TABLE training_trades (
    code TEXT PRIMARY KEY NOT NULL CHECK (code GLOB 'center.[0-9a-f]*' AND length(code) = 15),
    names_json TEXT NOT NULL ${JSON_NAMES('names_json')},
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id)
  ) STRICT`,
  noDelete('training_trades'),

  `CREATE TABLE training_courses (
    id TEXT PRIMARY KEY NOT NULL,
    names_json TEXT NOT NULL ${JSON_NAMES('names_json')},
    kind TEXT NOT NULL CHECK (kind IN ('computerLiteracy', 'financialLiteracy', 'vocational')),
    trade TEXT,
    hours INTEGER NOT NULL CHECK (hours > 0),
    min_attendance_percent INTEGER NOT NULL CHECK (min_attendance_percent BETWEEN 1 AND 100),
    pass_mark INTEGER CHECK (pass_mark IS NULL OR pass_mark BETWEEN 0 AND 100),
    target_groups_json TEXT NOT NULL ${JSON_ARRAY('target_groups_json')},
    accessibility_json TEXT NOT NULL ${JSON_ARRAY('accessibility_json')},
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    CHECK ((kind = 'vocational') = (trade IS NOT NULL))
  ) STRICT`,
  noDelete('training_courses'),

  `CREATE TABLE training_cohorts (
    id TEXT PRIMARY KEY NOT NULL,
    course_id TEXT NOT NULL REFERENCES training_courses (id),
    place TEXT NOT NULL CHECK (length(place) > 0),
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    starts_on TEXT NOT NULL ${DATE('starts_on')},
    ends_on TEXT NOT NULL ${DATE('ends_on')},
    weekdays_json TEXT NOT NULL ${JSON_ARRAY('weekdays_json')},
    start_time TEXT NOT NULL ${TIME('start_time')},
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
  ) STRICT`,
  `CREATE INDEX training_cohorts_course ON training_cohorts (course_id)`,
  noDelete('training_cohorts'),

  `CREATE TABLE training_cohort_trainers (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES training_cohorts (id),
    staff_id TEXT NOT NULL REFERENCES staff (id),
    UNIQUE (cohort_id, staff_id)
  ) STRICT`,
  `CREATE INDEX training_cohort_trainers_staff ON training_cohort_trainers (staff_id)`,

  `CREATE TABLE training_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES training_cohorts (id),
    seq INTEGER NOT NULL CHECK (seq > 0),
    date TEXT NOT NULL ${DATE('date')},
    start_time TEXT NOT NULL ${TIME('start_time')},
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    status TEXT NOT NULL CHECK (status IN ('planned', 'cancelled', 'notHeld')),
    original_date TEXT CHECK (original_date IS NULL OR original_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES staff (id),
    UNIQUE (cohort_id, seq)
  ) STRICT`,
  `CREATE INDEX training_sessions_date ON training_sessions (date)`,
  noDelete('training_sessions'),

  `CREATE TABLE training_holidays (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT UNIQUE,
    name TEXT,
    date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    month_day TEXT CHECK (month_day IS NULL OR month_day GLOB '[0-1][0-9]-[0-3][0-9]'),
    is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK ((date IS NULL) != (month_day IS NULL)),
    CHECK ((code IS NULL) != (name IS NULL))
  ) STRICT`,
  noDelete('training_holidays'),

  `CREATE TABLE training_enrollments (
    id TEXT PRIMARY KEY NOT NULL,
    cohort_id TEXT NOT NULL REFERENCES training_cohorts (id),
    client_id TEXT NOT NULL REFERENCES clients (id),
    stage TEXT NOT NULL CHECK (stage IN ('applied', 'waitlisted', 'enrolled', 'active', 'completed', 'incomplete', 'withdrawn')),
    withdrawal_reason TEXT CHECK (withdrawal_reason IS NULL OR withdrawal_reason IN ('moved', 'health', 'foundWork', 'familyReasons', 'lostInterest', 'noContact', 'other')),
    joined_on TEXT NOT NULL ${DATE('joined_on')},
    age_at_enrollment INTEGER NOT NULL CHECK (age_at_enrollment >= 0),
    applied_at TEXT NOT NULL,
    stage_changed_at TEXT NOT NULL,
    assessment_score INTEGER CHECK (assessment_score IS NULL OR assessment_score BETWEEN 0 AND 100),
    completed_on TEXT CHECK (completed_on IS NULL OR completed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    incomplete_reason TEXT CHECK (incomplete_reason IS NULL OR incomplete_reason IN ('attendance', 'assessmentFailed', 'assessmentMissed', 'other')),
    version INTEGER NOT NULL CHECK (version > 0),
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    CHECK ((stage = 'withdrawn') = (withdrawal_reason IS NOT NULL)),
    CHECK ((stage = 'incomplete') = (incomplete_reason IS NOT NULL)),
    CHECK ((stage IN ('completed', 'incomplete')) = (completed_on IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX training_enrollments_cohort ON training_enrollments (cohort_id, applied_at)`,
  `CREATE INDEX training_enrollments_client ON training_enrollments (client_id)`,
  noDelete('training_enrollments'),

  `CREATE TABLE training_attendance (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES training_sessions (id),
    enrollment_id TEXT NOT NULL REFERENCES training_enrollments (id),
    mark TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'excused', 'late')),
    excuse TEXT CHECK (excuse IS NULL OR excuse IN ('illness', 'familyMatter', 'medicalAppointment', 'transport', 'work', 'other')),
    recorded_by TEXT NOT NULL REFERENCES staff (id),
    recorded_at TEXT NOT NULL,
    UNIQUE (session_id, enrollment_id),
    CHECK ((mark = 'excused') = (excuse IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX training_attendance_enrollment ON training_attendance (enrollment_id)`,
  noDelete('training_attendance'),

  // The center's Ed25519 signing keys: certificates are signed with the newest; the batch
  // protocol (registry issue) signs with them too. The seed is as safe as the database it is in:
  // every staff slot opens that, so a forged certificate is detected (numbers go to the registry),
  // not prevented.
  `CREATE TABLE center_signing_keys (
    key_id TEXT PRIMARY KEY NOT NULL,
    public_key TEXT NOT NULL,
    seed TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,
  noDelete('center_signing_keys'),

  // A certificate for each completion: a number never reused, what it certifies as it was issued
  // (the learner's name as stored that day), and the center's signature over that payload.
  `CREATE TABLE training_certificates (
    number TEXT PRIMARY KEY NOT NULL,
    seq INTEGER NOT NULL UNIQUE CHECK (seq > 0),
    enrollment_id TEXT NOT NULL UNIQUE REFERENCES training_enrollments (id),
    client_id TEXT NOT NULL REFERENCES clients (id),
    learner_name TEXT NOT NULL CHECK (length(learner_name) > 0),
    course_names_json TEXT NOT NULL ${JSON_NAMES('course_names_json')},
    hours INTEGER NOT NULL CHECK (hours > 0),
    issued_on TEXT NOT NULL ${DATE('issued_on')},
    payload TEXT NOT NULL,
    signature TEXT NOT NULL,
    key_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id)
  ) STRICT`,
  noDelete('training_certificates'),
  `CREATE TRIGGER training_certificates_no_update BEFORE UPDATE ON training_certificates
    WHEN NEW.number IS NOT OLD.number OR NEW.payload IS NOT OLD.payload OR NEW.signature IS NOT OLD.signature OR NEW.seq IS NOT OLD.seq
    BEGIN SELECT RAISE(ABORT, 'a certificate never changes'); END`,

  `CREATE TABLE training_outcomes (
    id TEXT PRIMARY KEY NOT NULL,
    enrollment_id TEXT NOT NULL REFERENCES training_enrollments (id),
    checkpoint_months INTEGER NOT NULL CHECK (checkpoint_months IN (3, 6, 12)),
    status TEXT NOT NULL CHECK (status IN ('employed', 'selfEmployed', 'furtherTraining', 'notEmployed')),
    employer_type TEXT CHECK (employer_type IS NULL OR employer_type IN ('government', 'private', 'ngo', 'family', 'cooperative', 'other')),
    has_formal_contract INTEGER CHECK (has_formal_contract IS NULL OR has_formal_contract IN (0, 1)),
    recorded_on TEXT NOT NULL ${DATE('recorded_on')},
    recorded_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    UNIQUE (enrollment_id, checkpoint_months),
    CHECK (status = 'employed' OR (employer_type IS NULL AND has_formal_contract IS NULL))
  ) STRICT`,
  noDelete('training_outcomes'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const now = new Date().toISOString();
  for (const [code, monthDay] of BUILT_IN_HOLIDAYS) {
    await sql`INSERT INTO training_holidays (id, code, name, date, month_day, is_active, created_at)
      VALUES (${`holiday.${code}`}, ${code}, NULL, NULL, ${monthDay}, 1, ${now})`.execute(db);
  }
}
