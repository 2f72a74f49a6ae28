import { sql, type Kysely } from 'kysely';

/**
 * Care records: consents, cases and their care plans, the service catalog, service deliveries and
 * referrals. Same habits as 0001: STRICT tables, ISO 8601 UTC times, `YYYY-MM-DD` calendar dates,
 * CHECKs only for sets that will never grow (consent state, case status, plan item status,
 * referral direction); growing code lists (purposes, needs, reasons, categories) are validated by
 * the core's schemas.
 *
 * `client_id` columns are the ones a client merge moves; the triggers that keep consent history
 * append-only therefore leave `client_id` alone.
 */
const statements: readonly string[] = [
  `CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    purpose TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('given', 'refused', 'withdrawn')),
    decided_on TEXT NOT NULL CHECK (decided_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    form_reference TEXT,
    recorded_by TEXT NOT NULL REFERENCES staff (id),
    recorded_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX consents_client_purpose ON consents (client_id, purpose, recorded_at)`,
  `CREATE TRIGGER consents_history_no_update
    BEFORE UPDATE OF id, purpose, state, decided_on, form_reference, recorded_by, recorded_at ON consents
    BEGIN SELECT RAISE(ABORT, 'consents is append-only'); END`,
  `CREATE TRIGGER consents_history_no_delete BEFORE DELETE ON consents
    BEGIN SELECT RAISE(ABORT, 'consents is append-only'); END`,

  `CREATE TABLE service_catalog (
    code TEXT PRIMARY KEY NOT NULL,
    category TEXT NOT NULL,
    names_json TEXT NOT NULL CHECK (json_valid(names_json) AND json_type(names_json) = 'object'),
    is_built_in INTEGER NOT NULL CHECK (is_built_in IN (0, 1)),
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES staff (id)
  ) STRICT`,

  `CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    needs_json TEXT NOT NULL CHECK (json_valid(needs_json) AND json_type(needs_json) = 'array'),
    referral_source TEXT NOT NULL,
    priority TEXT NOT NULL,
    household_situation TEXT NOT NULL DEFAULT '',
    case_worker_id TEXT NOT NULL REFERENCES staff (id),
    opened_on TEXT NOT NULL,
    opened_by TEXT NOT NULL REFERENCES staff (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_on TEXT,
    closed_by TEXT REFERENCES staff (id),
    close_reason TEXT,
    close_note TEXT,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL AND closed_by IS NOT NULL AND close_reason IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX cases_client ON cases (client_id)`,
  `CREATE INDEX cases_open_by_worker ON cases (case_worker_id) WHERE status = 'open'`,

  `CREATE TABLE plan_items (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    service_code TEXT NOT NULL REFERENCES service_catalog (code),
    goal TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'inProgress', 'done', 'cancelled')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES staff (id),
    updated_at TEXT NOT NULL,
    finished_on TEXT,
    CHECK ((status IN ('done', 'cancelled')) = (finished_on IS NOT NULL))
  ) STRICT`,
  `CREATE INDEX plan_items_case ON plan_items (case_id)`,
  `CREATE INDEX plan_items_open_due ON plan_items (due_date) WHERE status IN ('planned', 'inProgress')`,

  `CREATE TABLE service_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    case_id TEXT REFERENCES cases (id),
    service_code TEXT NOT NULL REFERENCES service_catalog (code),
    delivered_on TEXT NOT NULL,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    note TEXT,
    recorded_by TEXT NOT NULL REFERENCES staff (id),
    recorded_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX service_deliveries_client ON service_deliveries (client_id, delivered_on)`,
  // Reports count deliveries by period.
  `CREATE INDEX service_deliveries_delivered_on ON service_deliveries (delivered_on)`,

  `CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    case_id TEXT REFERENCES cases (id),
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    agency TEXT NOT NULL,
    reason TEXT NOT NULL,
    referred_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES staff (id),
    recorded_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX referrals_client ON referrals (client_id, referred_on)`,
];

type Names = readonly [uzLatn: string, uzCyrl: string, ru: string, en: string];

/**
 * The built-in catalog as it shipped with this migration. Codes are `category.name` and never
 * change; later name fixes or new entries come in later migrations, never by editing this list.
 */
const BUILT_IN_CATALOG: ReadonlyArray<readonly [code: string, category: string, names: Names]> = [
  ['social.consultation', 'social', ['Ijtimoiy maslahat', 'Ижтимоий маслаҳат', 'Социальная консультация', 'Social consultation']],
  ['social.benefitsAssistance', 'social', ['Nafaqa va imtiyozlarni rasmiylashtirishda yordam', 'Нафақа ва имтиёзларни расмийлаштиришда ёрдам', 'Помощь в оформлении пособий и льгот', 'Help applying for benefits and allowances']],
  ['social.documentsAssistance', 'social', ['Hujjatlarni tiklash va rasmiylashtirishda yordam', 'Ҳужжатларни тиклаш ва расмийлаштиришда ёрдам', 'Помощь в восстановлении и оформлении документов', 'Help restoring and obtaining documents']],
  ['social.materialAid', 'social', ['Moddiy yordam', 'Моддий ёрдам', 'Материальная помощь', 'Material assistance']],
  ['social.employmentSupport', 'social', ['Ishga joylashishda koʻmaklashish', 'Ишга жойлашишда кўмаклашиш', 'Содействие в трудоустройстве', 'Employment support']],
  ['psychological.individualCounseling', 'psychological', ['Individual psixologik maslahat', 'Индивидуал психологик маслаҳат', 'Индивидуальное психологическое консультирование', 'Individual psychological counseling']],
  ['psychological.groupSupport', 'psychological', ['Guruhli psixologik yordam', 'Гуруҳли психологик ёрдам', 'Групповая психологическая поддержка', 'Group psychological support']],
  ['psychological.crisisIntervention', 'psychological', ['Inqiroz holatida psixologik yordam', 'Инқироз ҳолатида психологик ёрдам', 'Кризисная психологическая помощь', 'Crisis intervention']],
  ['legal.consultation', 'legal', ['Huquqiy maslahat', 'Ҳуқуқий маслаҳат', 'Юридическая консультация', 'Legal consultation']],
  ['legal.documentDrafting', 'legal', ['Huquqiy hujjatlarni tayyorlashda yordam', 'Ҳуқуқий ҳужжатларни тайёрлашда ёрдам', 'Помощь в составлении правовых документов', 'Help drafting legal documents']],
  ['legal.representation', 'legal', ['Sudda va idoralarda vakillik', 'Судда ва идораларда вакиллик', 'Представительство в суде и учреждениях', 'Representation in court and before agencies']],
  ['medical.examination', 'medical', ['Tibbiy koʻrik', 'Тиббий кўрик', 'Медицинский осмотр', 'Medical examination']],
  ['medical.firstAid', 'medical', ['Birinchi tibbiy yordam', 'Биринчи тиббий ёрдам', 'Первая медицинская помощь', 'First aid']],
  ['medical.nursing', 'medical', ['Hamshiralik parvarishi', 'Ҳамширалик парвариши', 'Сестринский уход', 'Nursing care']],
  ['rehabilitation.physical', 'rehabilitation', ['Jismoniy reabilitatsiya', 'Жисмоний реабилитация', 'Физическая реабилитация', 'Physical rehabilitation']],
  ['rehabilitation.assistiveDevices', 'rehabilitation', ['Reabilitatsiya texnik vositalari bilan taʼminlash', 'Реабилитация техник воситалари билан таъминлаш', 'Обеспечение техническими средствами реабилитации', 'Provision of assistive devices']],
  ['rehabilitation.socialAdaptation', 'rehabilitation', ['Ijtimoiy moslashuv', 'Ижтимоий мослашув', 'Социальная адаптация', 'Social adaptation']],
  ['homeCare.visit', 'homeCare', ['Uyga borib xizmat koʻrsatish', 'Уйга бориб хизмат кўрсатиш', 'Обслуживание на дому', 'Home visit']],
  ['homeCare.personalCare', 'homeCare', ['Uyda shaxsiy parvarish', 'Уйда шахсий парвариш', 'Личный уход на дому', 'Personal care at home']],
  ['homeCare.householdHelp', 'homeCare', ['Roʻzgʻor ishlarida yordam', 'Рўзғор ишларида ёрдам', 'Помощь по хозяйству', 'Help with household tasks']],
  ['dayCare.attendance', 'dayCare', ['Kunduzgi parvarish', 'Кундузги парвариш', 'Дневное пребывание', 'Day care']],
  ['dayCare.meals', 'dayCare', ['Issiq ovqat bilan taʼminlash', 'Иссиқ овқат билан таъминлаш', 'Горячее питание', 'Hot meals']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const createdAt = new Date().toISOString();
  for (const [code, category, [uzLatn, uzCyrl, ru, en]] of BUILT_IN_CATALOG) {
    const names = JSON.stringify({ 'uz-Latn': uzLatn, 'uz-Cyrl': uzCyrl, ru, en });
    await sql`INSERT INTO service_catalog (code, category, names_json, is_built_in, is_active, created_at, created_by)
      VALUES (${code}, ${category}, ${names}, 1, 1, ${createdAt}, NULL)`.execute(db);
  }
}
