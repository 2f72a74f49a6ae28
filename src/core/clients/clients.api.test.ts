import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterClientInput } from './clients.schema';
import { createTestCenterTemplate, rejection, type TestCenter } from '../testing/test-center';

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');

const shuxrat: RegisterClientInput = {
  lastName: 'Жўраев',
  firstName: 'Шухрат',
  patronymic: 'Олимович',
  birthDate: '1990-05-25',
  sex: 'male',
  pinfl: '32505900123459',
  phone: '90 123 45 67',
  address: { regionCode: '1703', districtCode: '1703202', mahalla: 'Navbahor', street: 'Mustaqillik 5' },
  categories: ['lowIncomeRegister'],
  languages: ['uz', 'ru'],
  identityDocument: { type: 'passport', number: 'aa1234567' },
  remarks: 'Keldi: 2-qavat',
};

describe('clients.register / get / update', () => {
  const centers = createTestCenterTemplate({ now: () => NOW });
  afterAll(() => centers.dispose());
  let t: TestCenter;
  /** What the center's own setup (the center, its staff, their sign-ins) wrote, so tests count only their own rows. */
  let atStart: Record<'clients' | 'audit_log' | 'outbox', number>;
  let outboxSeqAtStart: number;
  const db = () => t.db();
  const rowsIn = async (table: 'clients' | 'audit_log' | 'outbox') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  beforeEach(async () => {
    t = await centers.copy();
    atStart = { clients: await rowsIn('clients'), audit_log: await rowsIn('audit_log'), outbox: await rowsIn('outbox') };
    outboxSeqAtStart = Number((await db().selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0);
  });
  afterEach(() => t.dispose());

  /** Rows the test itself added. */
  const count = async (table: 'clients' | 'audit_log' | 'outbox') => (await rowsIn(table)) - atStart[table];

  it('registers a client typed in Cyrillic and returns it with derived fields', async () => {
    const created = await t.as.receptionist.invoke('clients.register', shuxrat);
    expect(created).toMatchObject({
      version: 1,
      status: 'active',
      lastName: 'Жўраев',
      firstName: 'Шухрат',
      patronymic: 'Олимович',
      birthDate: '1990-05-25',
      birthYear: 1990,
      isBirthDateEstimated: false,
      pinfl: '32505900123459',
      phone: '+998901234567',
      identityDocument: { type: 'passport', number: 'AA1234567' },
      address: { regionCode: '1703', districtCode: '1703202', mahalla: 'Navbahor', street: 'Mustaqillik 5' },
      categories: ['lowIncomeRegister'],
      languages: ['uz', 'ru'],
      ageYears: 36,
      isYouth: false,
      pinflWarnings: [],
      confirmedWarnings: [],
    });
    expect(await t.as.psychologist.invoke('clients.get', { id: created.id })).toEqual({ ...created, identityDocument: undefined });
    expect(await count('audit_log')).toBe(1);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', created.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'clients.register', entity_type: 'client', entity_id: created.id, actor_id: t.staffId.receptionist });
    expect(audit.details_json).not.toContain('Шухрат');
  });

  it('derives youth (15–24) from the date of birth or the estimated year, never from input', async () => {
    const young = await t.as.receptionist.invoke('clients.register', {
      ...shuxrat, pinfl: null, birthDate: '2002-11-26', lastName: 'Karimova', firstName: 'Dilnoza', sex: 'female',
    });
    expect(young).toMatchObject({ ageYears: 23, isYouth: true });
    const fourteen = await t.as.receptionist.invoke('clients.register', {
      ...shuxrat, pinfl: null, birthDate: '2011-11-26', lastName: 'Karimov', firstName: 'Bobur',
    });
    expect(fourteen).toMatchObject({ ageYears: 14, isYouth: false });
    const estimated = await t.as.receptionist.invoke('clients.register', {
      ...shuxrat, pinfl: null, birthDate: null, estimatedBirthYear: 1950, lastName: 'Rahimov', firstName: 'Odil', categories: ['olderPerson'],
    });
    expect(estimated).toMatchObject({ birthDate: null, birthYear: 1950, isBirthDateEstimated: true, ageYears: 76, isYouth: false, categories: ['olderPerson'] });
    // Untyped on purpose: 'youth' is no category a form can send, only a caller bypassing the types.
    const typedYouth = await rejection(t.as.receptionist.sendUntyped('clients.register', { ...shuxrat, pinfl: null, categories: ['youth'] }));
    expect(typedYouth.code).toBe('INVALID_INPUT');
  });

  it('counts an older person from the age the center set (60 unless changed), whatever was ticked', async () => {
    const sixty = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, birthDate: '1966-01-10', lastName: 'Qosimova', firstName: 'Halima', categories: [] });
    expect(sixty).toMatchObject({ ageYears: 60, categories: ['olderPerson'] });
    // Ticked for a 59-year-old: not counted, the age decides.
    const fiftyNine = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, birthDate: '1967-06-01', lastName: 'Qosimov', firstName: 'Halim', categories: ['olderPerson'] });
    expect(fiftyNine).toMatchObject({ ageYears: 59, categories: [] });
    const stored = await db().selectFrom('clients').select(['id', 'is_older_person']).where('id', 'in', [sixty.id, fiftyNine.id]).execute();
    expect(Object.fromEntries(stored.map((row) => [row.id, row.is_older_person]))).toEqual({ [sixty.id]: 1, [fiftyNine.id]: 0 });

    await t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears: 65 });
    try {
      expect((await t.as.receptionist.invoke('clients.get', { id: sixty.id })).categories).toEqual([]);
      await t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears: 55 });
      expect((await t.as.receptionist.invoke('clients.get', { id: fiftyNine.id })).categories).toEqual(['olderPerson']);
    } finally {
      await t.as.administrator.invoke('center.updateSettings', { olderPersonAgeYears: 60 });
    }
  });

  it('gives the group "child with disability" only to clients under 18, on registration and on edit', async () => {
    const child: RegisterClientInput = { ...shuxrat, pinfl: null, categories: ['personWithDisability', 'child'], disabilityGroup: 'child', lastName: 'Oripov', firstName: 'Jasur' };
    const seventeen = await t.as.receptionist.invoke('clients.register', { ...child, birthDate: '2008-11-26' });
    expect(seventeen).toMatchObject({ ageYears: 17, disabilityGroup: 'child' });
    const before = await count('clients');
    for (const adult of [{ ...child, birthDate: '2008-11-25' }, { ...child, birthDate: null, estimatedBirthYear: 1990 }]) {
      expect(await rejection(t.as.receptionist.invoke('clients.register', adult))).toMatchObject({
        code: 'INVALID_INPUT',
        details: { issues: [{ path: ['disabilityGroup'], code: 'childDisabilityAdult' }] },
      });
    }
    expect(await count('clients')).toBe(before);
    const grown = await t.as.receptionist.invoke('clients.register', { ...child, categories: ['personWithDisability'], birthDate: '1990-05-25', disabilityGroup: 'III' });
    expect(grown.disabilityGroup).toBe('III');
  });

  describe('PINFL rules (worked examples)', () => {
    it('accepts 32505900123459 for a man born 25.05.1990 without warnings (check digit 9)', async () => {
      const created = await t.as.receptionist.invoke('clients.register', shuxrat);
      expect(created.pinflWarnings).toEqual([]);
    });

    it('asks to confirm a wrong check digit, then stores the confirmation', async () => {
      const input = { ...shuxrat, pinfl: '32505900123458' };
      const refused = await rejection(t.as.receptionist.invoke('clients.register', input));
      expect(refused).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { warnings: ['checkDigit'], possibleDuplicates: [] } });
      expect(await count('clients')).toBe(0);
      const created = await t.as.receptionist.invoke('clients.register', { ...input, confirmedWarnings: ['checkDigit'] });
      expect(created).toMatchObject({ pinfl: '32505900123458', confirmedWarnings: ['checkDigit'], pinflWarnings: ['checkDigit'] });
    });

    it('asks to confirm a PINFL that contradicts the typed date of birth and sex', async () => {
      const refused = await rejection(t.as.receptionist.invoke('clients.register', { ...shuxrat, birthDate: '1990-05-26', sex: 'female' }));
      expect(refused).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { warnings: ['birthDateMismatch', 'sexMismatch'] } });
      const partly = await rejection(
        t.as.receptionist.invoke('clients.register', { ...shuxrat, birthDate: '1990-05-26', sex: 'female', confirmedWarnings: ['sexMismatch'] }),
      );
      expect(partly).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { warnings: ['birthDateMismatch'] } });
    });

    it('refuses 13 digits and letters as invalid input, and takes spaces and dashes between groups', async () => {
      for (const pinfl of ['3250590012345', '3250590012345X', '325059001234599']) {
        const refused = await rejection(t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl }));
        expect(refused.code).toBe('INVALID_INPUT');
        expect(JSON.stringify(refused.details)).toContain('pinfl');
      }
      const created = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: '3 250590 012345-9' });
      expect(created.pinfl).toBe('32505900123459');
    });

    it('refuses a PINFL another client holds, naming that client, even when the API is bypassed', async () => {
      const first = await t.as.receptionist.invoke('clients.register', shuxrat);
      const refused = await rejection(
        t.as.receptionist.invoke('clients.register', { ...shuxrat, lastName: 'Boshqa', firstName: 'Odam', birthDate: '1990-05-25' }),
      );
      expect(refused).toEqual({ code: 'DUPLICATE_PINFL', messageKey: 'errors.DUPLICATE_PINFL', details: { clientId: first.id } });
      const other = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, lastName: 'Boshqa', firstName: 'Odam' });
      const onUpdate = await rejection(t.as.receptionist.invoke('clients.update', { ...shuxrat, lastName: 'Boshqa', firstName: 'Odam', id: other.id, version: 1 }));
      expect(onUpdate).toMatchObject({ code: 'DUPLICATE_PINFL', details: { clientId: first.id } });
      // Straight SQL, as a careless future feature might write: the UNIQUE index still refuses.
      await expect(t.behindTheApi().db.updateTable('clients').set({ pinfl: '32505900123459' }).where('id', '=', other.id).execute()).rejects.toThrow(
        /UNIQUE constraint failed: clients\.pinfl/,
      );
    });
  });

  describe('bad input', () => {
    it('refuses empty names, a future date of birth, neither date nor year, and an unknown district', async () => {
      const cases: ReadonlyArray<[Partial<RegisterClientInput>, string]> = [
        [{ lastName: '   ' }, 'lastName'],
        [{ firstName: '' }, 'firstName'],
        [{ birthDate: '2026-11-26' }, 'birthDate'],
        [{ birthDate: '2026-02-30' }, 'birthDate'],
        [{ birthDate: null, estimatedBirthYear: null }, 'birthDate'],
        [{ birthDate: null, estimatedBirthYear: 2027 }, 'estimatedBirthYear'],
        [{ address: { regionCode: '1703', districtCode: '1726262' } }, 'districtCode'],
        [{ address: { regionCode: '9999' } }, 'regionCode'],
        [{ phone: '12345' }, 'phone'],
        [{ categories: ['personWithDisability'] }, 'disabilityGroup'],
        [{ disabilityGroup: 'II' }, 'disabilityGroup'],
        [{ lastName: 'Jo\u0000rayev' }, 'lastName'],
      ];
      for (const [change, path] of cases) {
        const refused = await rejection(t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, ...change }));
        expect(refused.code, JSON.stringify(change)).toBe('INVALID_INPUT');
        expect(JSON.stringify(refused.details), JSON.stringify(change)).toContain(path);
      }
      expect(await count('clients')).toBe(0);
      expect(await count('audit_log')).toBe(0);
    });

    it('refuses a 10,000-character value in every text field whole, saving nothing', async () => {
      const huge = 'Ж'.repeat(10_000);
      const fields: ReadonlyArray<Partial<RegisterClientInput>> = [
        { lastName: huge },
        { firstName: huge },
        { patronymic: huge },
        { remarks: huge },
        { phone: huge },
        { pinfl: huge },
        { identityDocument: { type: 'passport', number: huge } },
        { address: { mahalla: huge } },
        { address: { street: huge } },
      ];
      for (const change of fields) {
        const refused = await rejection(t.as.receptionist.invoke('clients.register', { ...shuxrat, ...change }));
        expect(refused.code, Object.keys(change).join()).toBe('INVALID_INPUT');
      }
      expect({ clients: await count('clients'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual({ clients: 0, audit: 0, outbox: 0 });
    });

    it('stores SQL and HTML in every text field verbatim', async () => {
      const sqlText = "Robert'); DROP TABLE clients;--";
      const html = '<script>alert("x")</script><b>&amp;</b>';
      const created = await t.as.receptionist.invoke('clients.register', {
        ...shuxrat,
        lastName: sqlText,
        firstName: html,
        patronymic: `${sqlText} ${html}`,
        identityDocument: { type: 'other', number: "1' OR '1'='1" },
        address: { regionCode: '1703', districtCode: '1703202', mahalla: html, street: sqlText },
        remarks: `${html}\n${sqlText}`,
      });
      const read = await t.as.receptionist.invoke('clients.get', { id: created.id });
      expect(read).toMatchObject({
        lastName: sqlText,
        firstName: html,
        patronymic: `${sqlText} ${html}`,
        identityDocument: { number: "1' OR '1'='1" },
        address: { mahalla: html, street: sqlText },
        remarks: `${html}\n${sqlText}`,
      });
      expect(await count('clients')).toBe(1);
    });
  });

  describe('possible duplicates', () => {
    it('shows the Cyrillic record when the same person is registered again in a Russian-style spelling', async () => {
      const first = await t.as.receptionist.invoke('clients.register', shuxrat);
      const again = { ...shuxrat, lastName: 'Djuraev', firstName: 'Shukhrat', patronymic: null, pinfl: null };
      const refused = await rejection(t.as.receptionist.invoke('clients.register', again));
      expect(refused).toMatchObject({
        code: 'CONFIRMATION_REQUIRED',
        details: { warnings: ['possibleDuplicate'], possibleDuplicates: [{ id: first.id, lastName: 'Жўраев', firstName: 'Шухрат', birthDate: '1990-05-25' }] },
      });
      const found = await t.as.receptionist.invoke('clients.findDuplicates', {
        lastName: 'Shukhrat', firstName: 'Djuraev', birthDate: '1990-05-25',
      });
      expect(found.items.map((item) => item.id)).toEqual([first.id]);
      const second = await t.as.receptionist.invoke('clients.register', { ...again, confirmedWarnings: ['possibleDuplicate'] });
      expect(second.confirmedWarnings).toEqual(['possibleDuplicate']);
    });

    it('treats an estimated year within two years as close, and a different exact date as another person', async () => {
      await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null });
      const estimated = await rejection(t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, birthDate: null, estimatedBirthYear: 1992 }));
      expect(estimated).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { warnings: ['possibleDuplicate'] } });
      const farYear = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, birthDate: null, estimatedBirthYear: 1993 });
      expect(farYear.isBirthDateEstimated).toBe(true);
      const otherDay = await t.as.receptionist.invoke('clients.register', { ...shuxrat, pinfl: null, birthDate: '1990-05-26' });
      expect(otherDay.birthDate).toBe('1990-05-26');
    });
  });

  describe('update', () => {
    it('saves on the loaded version and refuses a stale one with CONFLICT', async () => {
      const created = await t.as.receptionist.invoke('clients.register', shuxrat);
      const updated = await t.as.receptionist.invoke('clients.update', { ...shuxrat, id: created.id, version: 1, phone: '+998 93 000 11 22' });
      expect(updated).toMatchObject({ version: 2, phone: '+998930001122', lastName: 'Жўраев' });
      const stale = await rejection(t.as.receptionist.invoke('clients.update', { ...shuxrat, id: created.id, version: 1, remarks: 'late' }));
      expect(stale).toMatchObject({ code: 'CONFLICT', details: { reason: 'version', currentVersion: 2 } });
      expect((await t.as.receptionist.invoke('clients.get', { id: created.id })).remarks).toBe(shuxrat.remarks);
      const missing = await rejection(t.as.receptionist.invoke('clients.update', { ...shuxrat, id: 'nobody', version: 1 }));
      expect(missing.code).toBe('NOT_FOUND');
    });

    it('keeps confirmed PINFL warnings while the PINFL, date and sex stay the same', async () => {
      const input = { ...shuxrat, pinfl: '32505900123458', confirmedWarnings: ['checkDigit' as const] };
      const created = await t.as.receptionist.invoke('clients.register', input);
      const updated = await t.as.receptionist.invoke('clients.update', { ...input, confirmedWarnings: [], id: created.id, version: 1, remarks: 'ok' });
      expect(updated).toMatchObject({ version: 2, confirmedWarnings: ['checkDigit'] });
      const changedSex = await rejection(t.as.receptionist.invoke('clients.update', { ...input, confirmedWarnings: [], sex: 'female', id: created.id, version: 2 }));
      expect(changedSex).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { warnings: ['checkDigit', 'sexMismatch'] } });
    });
  });

  describe('permissions', () => {
    it('lets only clients.write register and update, and clients.read get', async () => {
      expect((await rejection(t.as.trainer.invoke('clients.register', shuxrat))).code).toBe('FORBIDDEN');
      expect((await rejection(t.as.administrator.invoke('clients.register', shuxrat))).code).toBe('FORBIDDEN');
      const created = await t.as.receptionist.invoke('clients.register', shuxrat);
      expect((await rejection(t.as.manager.invoke('clients.update', { ...shuxrat, id: created.id, version: 1 }))).code).toBe('FORBIDDEN');
      expect((await t.as.manager.invoke('clients.get', { id: created.id })).id).toBe(created.id);
      const anonymous = await rejection(t.client('nobody').invoke('clients.get', { id: created.id }));
      expect(anonymous).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('outbox', () => {
    it('sends a pseudonym placeholder and counted fields only, without registry-sharing consent', async () => {
      const created = await t.as.receptionist.invoke('clients.register', { ...shuxrat, categories: ['personWithDisability'], disabilityGroup: 'II' });
      const rows = await db().selectFrom('outbox').selectAll().where('seq', '>', outboxSeqAtStart).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ type: 'client', entity_id: created.id, op: 'upsert', batch_id: null });
      const data = JSON.parse(rows[0]!.data_json) as Record<string, unknown>;
      expect(data).toEqual({
        status: 'active',
        mergedIntoId: null,
        sex: 'male',
        birthYear: 1990,
        isBirthDateEstimated: false,
        categories: ['personWithDisability'],
        disabilityGroup: 'II',
        regionCode: '1703',
        districtCode: '1703202',
        isIdentityShared: false,
        pseudonym: null,
        needsPseudonym: true,
      });
      for (const secret of ['Жўраев', '32505900123459', '901234567', 'Mustaqillik', '1990-05-25']) {
        expect(rows[0]!.data_json).not.toContain(secret);
      }
    });

    it('writes one outbox record per update', async () => {
      const created = await t.as.receptionist.invoke('clients.register', shuxrat);
      await t.as.receptionist.invoke('clients.update', { ...shuxrat, id: created.id, version: 1, categories: ['lowIncomeRegister'] });
      const rows = await db().selectFrom('outbox').select(['entity_id', 'data_json']).where('seq', '>', outboxSeqAtStart).orderBy('seq').execute();
      expect(rows.map((row) => row.entity_id)).toEqual([created.id, created.id]);
      expect(JSON.parse(rows[1]!.data_json)).toMatchObject({ categories: ['lowIncomeRegister'], needsPseudonym: true });
    });
  });
});
