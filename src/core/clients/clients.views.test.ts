import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, PERMISSION_TABLE } from '../app';
import { AppError } from '../api/errors';
import { ROLES, type Role } from '../api/permissions';
import { createTestCenter, type TestCenter } from '../testing/test-center';
import { CLIENT_VIEW_FIELDS, CLIENT_VIEWS, visibleKeys, type ClientViewField } from './clients.policy';
import type { ClientRecord, RegisterClientInput } from './clients.schema';

/**
 * Who sees what: every method that can return client data, called by every role on a real core
 * over the real encrypted database, answers nothing outside the role's view (clients.policy.ts).
 * A method nobody classified here fails the first test, so a new method cannot slip past.
 */

const NOW = new Date('2026-11-25T05:00:00.000Z');

const SENTINEL: RegisterClientInput = {
  lastName: 'Sentinelova',
  firstName: 'Gulnora',
  patronymic: 'Karimovna',
  birthDate: '1990-05-25',
  sex: 'female',
  pinfl: '42505900123453',
  phone: '90 111 22 33',
  identityDocument: { type: 'passport', number: 'ZZ7654321' },
  address: { regionCode: '1703', districtCode: '1703202', mahalla: 'Sentinelmahalla', street: 'Sentinelstreet 7' },
  categories: ['survivorOfViolence', 'personWithDisability'],
  disabilityGroup: 'II',
  languages: ['uz', 'sgn'],
  remarks: 'SENTINEL-REMARK',
  confirmedWarnings: ['checkDigit', 'birthDateMismatch', 'sexMismatch', 'impossibleDate'],
};

/** What must not appear anywhere in an answer (values, and keys as `"key":`) when a group is outside the view. */
const HIDDEN_MARKS: Readonly<Record<ClientViewField, readonly string[]>> = {
  name: ['Sentinelova'],
  birthDate: ['1990-05-25', '"matchedBy":"birthDate"'],
  birthYear: ['"birthYear":', '"isBirthDateEstimated":'],
  age: ['"ageYears":', '"isYouth":'],
  sex: ['"sex":'],
  pinfl: ['42505900123453', '"pinflWarnings":', '"confirmedWarnings":', '"matchedBy":"pinfl"'],
  identityDocument: ['ZZ7654321', '"identityDocument":'],
  phone: ['+998901112233', '"matchedBy":"phone"'],
  region: ['"regionCode":'],
  district: ['"districtCode":'],
  street: ['Sentinelmahalla', 'Sentinelstreet', '"mahalla":', '"street":'],
  categories: ['survivorOfViolence', '"categories":'],
  disabilityGroup: ['"disabilityGroup":'],
  languages: ['"languages":'],
  remarks: ['SENTINEL-REMARK', '"remarks":'],
};

/** Not client fields, but what a role without the permission must not see of a client either. */
const PERMISSION_MARKS: Readonly<Record<string, readonly string[]>> = {
  'consents.read': ['FORM-SENTINEL'],
  'cases.read': ['SENTINEL-HOUSEHOLD', 'SENTINEL-NOTE'],
};

interface Fixture {
  readonly client: ClientRecord;
  readonly caseId: string;
  readonly appointmentId: string;
  readonly version: () => Promise<number>;
}

type Calls = (fx: Fixture) => Promise<readonly unknown[]> | readonly unknown[];

/**
 * Every method that takes or finds a client, with the inputs it is called with; every other
 * method (and domain) with the reason it returns no client data.
 */
const CALLS: Readonly<Record<string, Calls | string>> = {
  'clients.get': (fx) => [{ id: fx.client.id }],
  'clients.search': () => [
    { query: 'Sentinelova Gulnora' },
    { query: '42505900123453' },
    { query: '425059' },
    { query: '+998 90 111 22 33' },
    { query: '25.05.1990' },
    { query: 'Sentinelova 25.05.1990' },
    { query: 'Sentinelova 1990', birthDate: '1990-05-25', sex: 'female' },
  ],
  'clients.findDuplicates': () => [{ lastName: 'Sentinelova', firstName: 'Gulnora', birthDate: '1990-05-25' }],
  'clients.update': async (fx) => [{ ...SENTINEL, id: fx.client.id, version: await fx.version() }],
  'clients.register': 'receptionists only (clients.write), whose view is the whole record (asserted below)',
  'clients.merge': 'answers ids and counts (mergeId, survivorId, mergedId, movedCounts)',
  'clients.unmerge': 'answers the restored id',
  'clients.importPreview': "answers about the importer's own file: row numbers, problems, ids of clients a row repeats",
  'clients.importStart': 'answers the job id',
  'clients.importProgress': 'counts, then the refused rows of the importer’s own file; another person’s job is not found',
  'clients.importReport': 'the refused rows of the importer’s own file',
  'timeline.forClient': (fx) => [{ clientId: fx.client.id }],
  'consents.list': (fx) => [{ clientId: fx.client.id }],
  'consents.record': 'receptionists only; answers the consent it recorded',
  'cases.get': (fx) => [{ caseId: fx.caseId }],
  'cases.listForClient': (fx) => [{ clientId: fx.client.id }],
  'cases.overduePlanItems': () => [{}],
  'cases.caseWorkers': () => [{}],
  'appointments.list': () => [{ psychologistId: null, from: '2026-11-23T00:00:00+05:00', to: '2026-11-30T00:00:00+05:00' }],
  'appointments.get': (fx) => [{ id: fx.appointmentId }],
  'appointments.reminders': () => [{ withinMinutes: 7 * 24 * 60 }],
  'appointments.counselors': () => [{}],
  'appointments.schedule': "readers of appointments (whose views hold the name, asserted below); answers the appointment with the client's name",
  'appointments.reschedule': "readers of appointments; answers the appointment with the client's name",
  'appointments.cancel': "readers of appointments; answers the appointment with the client's name",
  'appointments.markAttended': "readers of appointments; answers the appointment with the client's name",
  'appointments.markNoShow': "readers of appointments; answers the appointment with the client's name",
  'cases.open': 'receptionists only; answers the case',
  'cases.assign': 'receptionists only; answers the case',
  'cases.close': 'receptionists only; answers the case',
  'cases.addPlanItem': 'readers of cases; answers the plan item',
  'cases.updatePlanItem': 'readers of cases; answers the plan item',
  'services.listForClient': (fx) => [{ clientId: fx.client.id }],
  'services.listReferrals': (fx) => [{ clientId: fx.client.id }],
  'services.catalog': () => [{}],
  'services.record': 'answers the delivery it recorded',
  'services.createReferral': 'answers the referral it created',
  'services.addCatalogEntry': 'catalog entries, no client',
  'services.updateCatalogEntry': 'catalog entries, no client',
  'home.overview': () => [{}],
  'training.listForClient': (fx) => [{ clientId: fx.client.id }],
  'training.followUpsDue': () => [{}],
  'training.trainerHome': () => [{}],
  'training.targets': () => [{}],
  'training.getCohort': 'the learners by name and age at enrollment (every view holds both) and the cohort',
  'training.enroll': 'answers the enrollment: the learner’s name and age at enrollment, which every view holds',
  'training.changeStage': 'answers the enrollment: the learner’s name and age at enrollment, which every view holds',
  'training.attendanceSheet': 'the learners by name, with their marks',
  'training.recordAttendance': 'the learners by name, with their marks',
  'training.completionProposal': 'client ids and attendance figures',
  'training.recordAssessment': 'answers the enrollment: the learner’s name and age at enrollment',
  'training.complete': 'answers the certificates: the learner’s name as issued',
  'training.getCertificate': 'the certificate: the learner’s name as issued',
  'training.listCertificates': 'the certificates: the learners’ names as issued',
  'training.verifyCertificate': 'what the scanned code itself carries',
  'training.recordOutcome': 'answers the outcome, no client field',
  'training.listOutcomes': 'outcomes, no client field',
  'training.listCourses': 'courses, no client',
  'training.getCourse': 'a course, no client',
  'training.createCourse': 'a course, no client',
  'training.updateCourse': 'a course, no client',
  'training.listTrades': 'trades, no client',
  'training.addTrade': 'a trade, no client',
  'training.listHolidays': 'holidays, no client',
  'training.addHoliday': 'a holiday, no client',
  'training.setHolidayActive': 'a holiday, no client',
  'training.createCohort': 'a new cohort and its sessions: no learner yet',
  'training.listCohorts': 'cohorts, no client',
  'training.moveSession': 'a session, no client',
  'training.setSessionStatus': 'a session, no client',
  'counseling.listForClient': (fx) => [{ clientId: fx.client.id }],
  'counseling.listEmergencyAccess': () => [{}],
  'counseling.verify': () => [{}],
  'counseling.getSession': 'holders of the confidential key only; answers the session (client ids, no client fields)',
  'counseling.recordSession': 'answers the session id and version',
  'counseling.saveDraft': 'answers the session id and version',
  'counseling.sign': 'answers the session id, version and signing time',
  'counseling.addAddendum': 'answers the addendum id',
  'counseling.countersign': 'answers the session id and version',
  'counseling.void': 'answers the session id and version',
  'counseling.breakGlass': 'answers the emergency access id and its expiry',
  'counseling.reviewEmergencyAccess': 'answers the id and the review time',
  'counseling.assign': 'answers the assignment id',
  'counseling.endAssignment': 'answers the assignment id',
  'counseling.riskInstruments': 'the instruments, as data',
  'counseling.recordRiskAssessment': 'answers the score and level',
  'counseling.riskTrend': 'holders of the confidential key only; scores and levels',
  'counseling.getRiskAssessment': 'holders of the confidential key only; the answers',
  'counseling.listAttention': () => [{}],
  'counseling.resolveAttention': 'answers the id',
  'counseling.recordIntake': 'answers the id',
  'counseling.getIntake': 'holders of the confidential key only; the assessment',
  'counseling.recordSafetyPlan': 'answers the id',
  'counseling.getSafetyPlan': 'holders of the confidential key only; the plan',
  'sync.preview': () => [{ offset: 0, limit: 200 }],
  'sync.status': 'counts, batch states and quarantined record ids with reasons',
  'sync.enroll': 'the registry address and fingerprint',
  'sync.seal': 'counts of batches and records',
  'sync.uploadNow': 'counts of batches',
  'sync.exportFile': 'counts of batches and records; the file is encrypted to the registry',
  'sync.importReceipts': 'counts of receipts',
  'sync.rotateKey': 'answers the new and the previous key id',
  'backup.status': 'the newest backup: date, size, client count, folder',
  'backup.updateSettings': 'answers the folder and interval it saved',
  'backup.runNow': 'answers the file name, date, size and client count',
  'backup.damage': 'whether the database is damaged and the newest backup: path, date, client count',
  'backup.restore': 'answers the center id, backup date and client count',
  'reports.cellPersons': () => [{ indicatorId: 'consents.rates', filters: { from: '2000-01-01', to: '2100-12-31' }, row: null, column: null }],
  'reports.compute': () => [{ indicatorId: 'peopleServed.byDistrict', filters: { from: '2000-01-01', to: '2100-12-31' } }],
  'reports.indicators': 'the indicators’ definitions, no client',
  'reports.targets': 'counts toward the program’s targets',
  'reports.settings': 'the small-cell threshold',
  'reports.setThreshold': 'answers the threshold',
  'reports.startExport': 'answers a job id',
  'reports.exportStatus': 'counts of the export’s tables (suppressed), no client',
  'reports.cancelExport': 'answers the job’s state',
};

/** Domains with no method that reads or returns a client. */
const DOMAINS_WITHOUT_CLIENT_DATA: Readonly<Record<string, string>> = {
  system: 'version and database state',
  setup: 'creates the center',
  audit: 'the chain check: counts, seqs and row ids',
  auth: 'sessions and passwords',
  center: "the center's own profile and settings",
  staff: 'staff accounts and key slots',
  geo: 'the list of regions and districts',
};

function classification(method: string): Calls | string | undefined {
  return CALLS[method] ?? DOMAINS_WITHOUT_CLIENT_DATA[method.slice(0, method.indexOf('.'))];
}

function marksHiddenFrom(role: Role): string[] {
  const view = new Set<ClientViewField>(CLIENT_VIEWS[role]);
  const hidden = CLIENT_VIEW_FIELDS.filter((field) => !view.has(field)).flatMap((field) => HIDDEN_MARKS[field]);
  const lacking = Object.entries(PERMISSION_MARKS).flatMap(([permission, marks]) => (PERMISSION_TABLE.has(role, permission) ? [] : marks));
  return [...hidden, ...lacking];
}

async function answerOf(call: Promise<unknown>): Promise<{ readonly ok: boolean; readonly json: string }> {
  try {
    return { ok: true, json: JSON.stringify(await call) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, json: JSON.stringify(error.toJSON()) };
    throw error;
  }
}

describe('who sees what (client views)', () => {
  let t: TestCenter;
  let fx: Fixture;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
    const reception = t.as.receptionist;
    const client = await reception.invoke('clients.register', SENTINEL);
    await reception.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-24', formReference: 'FORM-SENTINEL' });
    const opened = await reception.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['housing'], referralSource: 'mahalla', priority: 'high', householdSituation: 'SENTINEL-HOUSEHOLD' },
      caseWorkerId: t.staffId.psychologist,
    });
    await reception.invoke('services.record', { clientId: client.id, caseId: opened.id, serviceCode: 'medical.examination', deliveredOn: '2026-11-25', note: 'SENTINEL-NOTE' });
    const version = async () => (await t.db().selectFrom('clients').select('version').where('id', '=', client.id).executeTakeFirstOrThrow()).version;
    const appointment = await reception.invoke('appointments.schedule', { clientId: client.id, psychologistId: t.staffId.psychologist, startsAt: '2026-11-26T10:00:00+05:00', durationMinutes: 50 });
    fx = { client, caseId: opened.id, appointmentId: appointment.id, version };
  });
  afterAll(() => t.dispose());

  it('classifies every method of the API: called below with inputs, or named as returning no client data', () => {
    const unclassified = API_METHODS.map((method) => method.name).filter((name) => classification(name) === undefined);
    expect(unclassified).toEqual([]);
  });

  it('gives the whole record to every role that may write it (register and update answer it whole)', () => {
    for (const role of ROLES.filter((candidate) => PERMISSION_TABLE.has(candidate, 'clients.write'))) {
      expect(CLIENT_VIEWS[role]).toEqual(CLIENT_VIEW_FIELDS);
    }
  });

  it('gives the name to every reader of cases (the overdue list names the client)', () => {
    for (const role of ROLES.filter((candidate) => PERMISSION_TABLE.has(candidate, 'cases.read'))) {
      expect(CLIENT_VIEWS[role]).toContain('name');
    }
  });

  it('gives the name to every reader of appointments (the calendar names the client)', () => {
    for (const role of ROLES.filter((candidate) => PERMISSION_TABLE.has(candidate, 'appointments.read') || PERMISSION_TABLE.has(candidate, 'appointments.remind'))) {
      expect(CLIENT_VIEWS[role]).toContain('name');
    }
  });

  it.each(ROLES)('answers %s nothing outside the view, from any method', async (role) => {
    const marks = marksHiddenFrom(role);
    const leaks: string[] = [];
    let answered = 0;
    for (const method of API_METHODS) {
      const calls = classification(method.name);
      if (typeof calls !== 'function') continue;
      for (const input of await calls(fx)) {
        const answer = await answerOf(t.as[role].sendUntyped(method.name, input));
        if (answer.ok) answered += 1;
        for (const mark of marks) if (answer.json.includes(mark)) leaks.push(`${method.name} ${JSON.stringify(input)}: ${mark}`);
      }
    }
    expect(leaks).toEqual([]);
    // Not vacuous: every role reads the client itself, its timeline and a search.
    expect(answered).toBeGreaterThanOrEqual(3);
  });

  it.each(ROLES)('gives %s exactly the view from clients.get, and search results within it', async (role) => {
    const view = (await t.as[role].sendUntyped('clients.get', { id: fx.client.id })) as Record<string, unknown>;
    expect(Object.keys(view).filter((key) => key !== 'address').sort()).toEqual([...visibleKeys(role, 'record')].sort());
    const address = visibleKeys(role, 'address');
    if (address.length === 0) expect(view).not.toHaveProperty('address');
    else expect(Object.keys(view['address'] as object).sort()).toEqual([...address].sort());
    const found = (await t.as[role].sendUntyped('clients.search', { query: 'Sentinelova Gulnora' })) as { items: Record<string, unknown>[] };
    expect(found.items.map((item) => item['id'])).toContain(fx.client.id);
    for (const item of found.items) expect(Object.keys(item).sort()).toEqual([...visibleKeys(role, 'searchItem')].sort());
  });

  it('shows a trainer no PINFL, address, categories or remarks in clients.get, search and the timeline', async () => {
    const trainer = t.as.trainer;
    const record = await trainer.invoke('clients.get', { id: fx.client.id });
    expect(record).toMatchObject({ lastName: 'Sentinelova', firstName: 'Gulnora', sex: 'female', ageYears: 36, disabilityGroup: 'II', phone: '+998901112233' });
    for (const key of ['pinfl', 'address', 'categories', 'remarks', 'birthDate', 'birthYear', 'identityDocument']) expect(record).not.toHaveProperty(key);
    // Searching by what the view does not show finds nobody by it.
    expect((await trainer.invoke('clients.search', { query: '42505900123453' })).items).toEqual([]);
    expect((await trainer.invoke('clients.search', { query: '25.05.1990' })).items).toEqual([]);
    const byPhone = await trainer.invoke('clients.search', { query: '90 111 22 33' });
    expect(byPhone.items.map((item) => [item.id, item.matchedBy])).toEqual([[fx.client.id, 'phone']]);
    const timeline = await trainer.invoke('timeline.forClient', { clientId: fx.client.id });
    expect(timeline.events.map((event) => event.kind)).toEqual(['registered']);
    const receptionist = await t.as.receptionist.invoke('clients.search', { query: '42505900123453' });
    expect(receptionist.items.map((item) => item.matchedBy)).toEqual(['pinfl']);
  });

  it('gives a manager what the reports count, not contact or identifiers', async () => {
    const record = await t.as.manager.invoke('clients.get', { id: fx.client.id });
    expect(record).toMatchObject({ sex: 'female', birthYear: 1990, ageYears: 36, disabilityGroup: 'II', categories: ['personWithDisability', 'survivorOfViolence'], address: { regionCode: '1703', districtCode: '1703202' } });
    for (const key of ['pinfl', 'phone', 'birthDate', 'remarks', 'identityDocument']) expect(record).not.toHaveProperty(key);
  });
});
