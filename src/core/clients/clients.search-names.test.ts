import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterClientInput } from './clients.schema';
import type { ClientSearchItemView } from './clients.policy';
import type { InputOf } from '../client';
import { createTestCenter, type TestCenter } from '../testing/test-center';

/**
 * Issue 9, "search that never misses a person": patronymics missing or in the other style, short
 * names typed without the oʻ sign, the ranking rule, ties broken by sex and date of birth, and
 * pages. Through the real router on the real encrypted database.
 */

const NOW = new Date('2026-11-25T05:00:00.000Z');

// Registered in this order: the Karimov Aziz without a patronymic comes last, so no tie on the order
// of registration can put him ahead of the one whose father is someone else.
const people = {
  azizOther: { lastName: 'Karimov', firstName: 'Aziz', patronymic: 'Bahodirovich', birthDate: '1979-01-02', sex: 'male' },
  azizAkmal: { lastName: 'Karimov', firstName: 'Aziz', patronymic: 'Akmal oʻgʻli', birthDate: '1983-07-08', sex: 'male' },
  azisAkmal: { lastName: 'Karimov', firstName: 'Azis', patronymic: 'Akmalovich', birthDate: '1984-09-10', sex: 'male' },
  azizNone: { lastName: 'Karimov', firstName: 'Aziz', birthDate: '1985-03-14', sex: 'male' },
  dilnozaUz: { lastName: 'Раҳимова', firstName: 'Дилноза', patronymic: 'Акмал қизи', birthDate: '1992-04-05', sex: 'female' },
  boburRu: { lastName: 'Yusupov', firstName: 'Bobur', patronymic: 'Abdullayevich', birthDate: '1990-06-07', sex: 'male' },
  malikaLatin: { lastName: 'Sobirova', firstName: 'Malika', patronymic: 'Shuxrat qizi', birthDate: '1995-08-09', sex: 'female' },
  sardorCyr: { lastName: 'Тошматов', firstName: 'Сардор', patronymic: 'Алиевич', birthDate: '1988-10-11', sex: 'male' },
  akmalFirst: { lastName: 'Tursunov', firstName: 'Akmal', birthDate: '1970-02-03', sex: 'male' },
  sanjarAzizovich: { lastName: 'Karimov', firstName: 'Sanjar', patronymic: 'Azizovich', birthDate: '2001-05-06', sex: 'male' },
  jora: { lastName: 'Ergashev', firstName: 'Joʻra', birthDate: '1960-01-01', sex: 'male' },
  tora: { lastName: 'Nazarov', firstName: 'Toʻra', birthDate: '1961-01-01', sex: 'male' },
  rozi: { lastName: 'Саидова', firstName: 'Рўзи', birthDate: '1962-01-01', sex: 'female' },
  dost: { lastName: 'Hamroyev', firstName: 'Doʻst', birthDate: '1963-01-01', sex: 'male' },
  yoldosh: { lastName: 'Yoʻldoshev', firstName: 'Olim', birthDate: '1964-01-01', sex: 'male' },
  rano: { lastName: 'Islomova', firstName: 'Rano', birthDate: '1965-01-01', sex: 'female' },
  nurMale: { lastName: 'Olimov', firstName: 'Nur', birthDate: '2000-01-01', sex: 'male' },
  nurFemale: { lastName: 'Olimov', firstName: 'Nur', birthDate: '2000-02-02', sex: 'female' },
} satisfies Record<string, RegisterClientInput>;

type Person = keyof typeof people;

/** People named Sattorov, to page through. */
const SATTOROV_COUNT = 25;

describe('clients.search: never misses a person', () => {
  let t: TestCenter;
  const ids = new Map<Person, string>();
  const idOf = (person: Person) => ids.get(person) ?? `missing ${person}`;

  const search = (query: string, extra: Partial<InputOf<'clients.search'>> = {}) =>
    t.as.receptionist.invoke('clients.search', { query, ...extra });
  const idsFor = async (query: string, extra: Partial<InputOf<'clients.search'>> = {}) => (await search(query, extra)).items.map((item) => item.id);

  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
    for (const [person, input] of Object.entries(people) as [Person, RegisterClientInput][]) {
      const created = await t.as.receptionist.invoke('clients.register', { ...input, confirmedWarnings: ['possibleDuplicate'] });
      ids.set(person, created.id);
    }
    const firstNames = ['Alisher', 'Bekzod', 'Davron', 'Erkin', 'Farrux', 'Hamid', 'Ikrom', 'Jasur', 'Komil', 'Laziz'];
    for (let i = 0; i < SATTOROV_COUNT; i += 1) {
      await t.as.receptionist.invoke('clients.register', {
        lastName: 'Sattorov',
        firstName: firstNames[i % firstNames.length] ?? 'Alisher',
        birthDate: `19${50 + i}-01-01`,
        sex: 'male',
        confirmedWarnings: ['possibleDuplicate'],
      });
    }
  });
  afterAll(() => t.dispose());

  describe('a patronymic typed that the record does not have', () => {
    it.each([
      'Karimov Aziz Akmalovich',
      'Karimov Aziz Akmal oʻgʻli',
      "Karimov Aziz Akmal o'g'li",
      'Aziz Karimov Akmal ogli',
      'Каримов Азиз Акмалович',
      'Каримов Азиз Акмал ўғли',
    ])('%s finds Akmal’s son first, then the Karimov Aziz without a patronymic, then the son of someone else', async (query) => {
      const found = await idsFor(query);
      // The exact name without a patronymic ranks above a misspelled one ("Azis") with Akmal's.
      expect(found.slice(0, 4)).toEqual([idOf('azizAkmal'), idOf('azizNone'), idOf('azisAkmal'), idOf('azizOther')]);
    });
  });

  describe('a patronymic in the other style or script', () => {
    it.each([
      ['Rahimova Dilnoza Akmalovna', 'dilnozaUz'],
      ['Рахимова Дилноза Акмаловна', 'dilnozaUz'],
      ['Dilnoza Rahimova Akmal kizi', 'dilnozaUz'],
      ['Yusupov Bobur Abdulla oʻgʻli', 'boburRu'],
      ['Юсупов Бобур Абдулла ўғли', 'boburRu'],
      ['Bobur Yusupov Abdulla ugli', 'boburRu'],
      ['Yusupov Bobur Abdulla-oʻgʻli', 'boburRu'],
      ['Юсупов Бобур Абдуллаевич', 'boburRu'],
      ['Sobirova Malika Shuxratovna', 'malikaLatin'],
      ['Собирова Малика Шухратовна', 'malikaLatin'],
      ['Sobirova Malika Shukhrat kizi', 'malikaLatin'],
      ['Toshmatov Sardor Ali oʻgʻli', 'sardorCyr'],
      ['Toshmatov Sardor Aliyevich', 'sardorCyr'],
      ['Тошматов Сардор Али ўғли', 'sardorCyr'],
    ] as const)('%s finds it first, as a name match', async (query, person) => {
      const { items } = await search(query);
      expect(items[0]?.id).toBe(idOf(person));
      expect(items[0]?.matchedBy).toBe('name');
    });

    it('finds the person when the query has no patronymic and the record has one', async () => {
      expect((await idsFor('Yusupov Bobur'))[0]).toBe(idOf('boburRu'));
      expect((await idsFor('Рахимова Дилноза'))[0]).toBe(idOf('dilnozaUz'));
    });

    it('finds by the patronymic alone, in either style', async () => {
      expect(await idsFor('Abdulla oʻgʻli')).toEqual([idOf('boburRu')]);
      const sons = new Set([idOf('azizAkmal'), idOf('azisAkmal')]);
      // Akmal's daughter first (-ovna says daughter), then his sons.
      const daughterFirst = await idsFor('Akmalovna');
      expect(daughterFirst[0]).toBe(idOf('dilnozaUz'));
      expect(new Set(daughterFirst.slice(1))).toEqual(sons);
      // Akmal's sons, then his daughter (oʻgʻli says son), then a man whose own name is Akmal.
      const sonsFirst = await idsFor('Akmal oʻgʻli');
      expect(new Set(sonsFirst.slice(0, 2))).toEqual(sons);
      expect(sonsFirst.slice(2)).toEqual([idOf('dilnozaUz'), idOf('akmalFirst')]);
    });
  });

  describe('short names typed without the oʻ sign', () => {
    it.each([
      ['Jora', 'jora'],
      ['Tora', 'tora'],
      ['Rozi', 'rozi'],
      ['Dost', 'dost'],
      ['Жора Эргашев', 'jora'],
      ['Rozi Saidova', 'rozi'],
      ['Yoldoshev Olim', 'yoldosh'],
      ['Ergashev Jora', 'jora'],
    ] as const)('%s finds it first, as a name match (not a misspelling)', async (query, person) => {
      const { items } = await search(query);
      expect(items[0]?.id).toBe(idOf(person));
      expect(items[0]?.matchedBy).toBe('name');
    });

    it('reaches a short word misspelled in its second letter as well (the general reason)', async () => {
      // "rina" and "rana" share no trigram and not the first two letters.
      const { items } = await search('Rino');
      expect(items.map((item) => item.id)).toContain(idOf('rano'));
      expect(items.find((item) => item.id === idOf('rano'))?.matchedBy).toBe('similarName');
      expect((await idsFor('Islomova Rino'))[0]).toBe(idOf('rano'));
      expect((await idsFor('Jara'))[0]).toBe(idOf('jora'));
    });
  });

  describe('ranking', () => {
    it('puts a match on last or first name above a match on the patronymic', async () => {
      const found = await idsFor('Akmal');
      expect(found[0]).toBe(idOf('akmalFirst'));
      expect(found).toContain(idOf('dilnozaUz'));
      const aziz = await idsFor('Aziz Karimov');
      expect(aziz.indexOf(idOf('azizNone'))).toBeLessThan(aziz.indexOf(idOf('sanjarAzizovich')));
      expect(aziz.indexOf(idOf('azizOther'))).toBeLessThan(aziz.indexOf(idOf('sanjarAzizovich')));
    });

    it('lets a word that matches nothing lower the rank instead of emptying the list', async () => {
      const { items } = await search('Tursunov Akmal Zzyzx');
      expect(items[0]?.id).toBe(idOf('akmalFirst'));
      expect(items[0]?.matchedBy).toBe('similarName');
      expect(await idsFor('Zzyzx Qwerty')).toEqual([]);
    });

    it('breaks ties by the sex passed or told by a patronymic marker', async () => {
      expect((await idsFor('Olimov Nur', { sex: 'female' }))[0]).toBe(idOf('nurFemale'));
      expect((await idsFor('Olimov Nur', { sex: 'male' }))[0]).toBe(idOf('nurMale'));
      expect((await idsFor('Olimov Nur Karim qizi'))[0]).toBe(idOf('nurFemale'));
      expect((await idsFor('Olimov Nur Karimovich'))[0]).toBe(idOf('nurMale'));
    });

    it('breaks ties by the date of birth typed or passed, without dropping the others', async () => {
      expect(await idsFor('Olimov Nur 02.02.2000')).toEqual([idOf('nurFemale'), idOf('nurMale')]);
      expect(await idsFor('Olimov Nur 01.01.2000')).toEqual([idOf('nurMale'), idOf('nurFemale')]);
      expect(await idsFor('Olimov Nur', { birthDate: '2000-02-02' })).toEqual([idOf('nurFemale'), idOf('nurMale')]);
      // A misspelled name with the right date is still found by the date.
      expect((await idsFor('Olimuf Nur 02.02.2000'))[0]).toBe(idOf('nurFemale'));
    });
  });

  describe('after edits, merges and unmerges', () => {
    it('finds a client whose record was edited (the keys rewritten, the same words kept)', async () => {
      const record = await t.as.receptionist.invoke('clients.get', { id: idOf('boburRu') });
      await t.as.receptionist.invoke('clients.update', {
        ...people.boburRu,
        phone: '+998 91 555 44 33',
        id: record.id,
        version: record.version,
        confirmedWarnings: [],
      });
      expect((await idsFor('Yusupov Bobur'))[0]).toBe(idOf('boburRu'));
      expect((await idsFor('Yusupov Bobur Abdulla oʻgʻli'))[0]).toBe(idOf('boburRu'));
    });

    it('leaves a merged-away record out of the count, and brings it back on unmerge', async () => {
      expect((await search('Olimov Nur')).total).toBe(2);
      const merged = await t.as.administrator.invoke('clients.merge', { survivorId: idOf('nurMale'), mergedId: idOf('nurFemale') });
      expect(await search('Olimov Nur')).toMatchObject({ total: 1, items: [{ id: idOf('nurMale') }] });
      await t.as.administrator.invoke('clients.unmerge', { mergeId: merged.mergeId });
      expect((await search('Olimov Nur')).total).toBe(2);
    });
  });

  describe('count and pages', () => {
    it('says how many there are and pages past the first ones without repeats or gaps', async () => {
      const first = await search('Sattorov', { limit: 10 });
      expect(first.total).toBe(SATTOROV_COUNT);
      expect(first.items).toHaveLength(10);
      const second = await search('Sattorov', { limit: 10, offset: 10 });
      const third = await search('Sattorov', { limit: 10, offset: 20 });
      expect(second.total).toBe(SATTOROV_COUNT);
      expect(third.items).toHaveLength(SATTOROV_COUNT - 20);
      const all = [...first.items, ...second.items, ...third.items].map((item) => item.id);
      expect(new Set(all).size).toBe(SATTOROV_COUNT);
      const whole = await search('Sattorov', { limit: 100 });
      expect(whole.items.map((item) => item.id)).toEqual(all);
      expect((await search('Sattorov', { limit: 10, offset: 30 })).items).toEqual([]);
    });

    it('counts by PINFL, phone, date and name alike, and nothing for nothing', async () => {
      expect((await search('Olimov Nur')).total).toBe(2);
      expect((await search('01.01.2000')).total).toBe(1);
      expect(await search('Zzyzx')).toEqual({ items: [], total: 0 });
      expect(await search('  ')).toEqual({ items: [], total: 0 });
    });

    it('refuses an offset or sex the schema does not know', async () => {
      await expect(search('Sattorov', { offset: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      // A wire can carry anything: the schema, not the type, must refuse it.
      await expect(search('Sattorov', { sex: 'other' } as unknown as Partial<InputOf<'clients.search'>>)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});

describe('clients.search: pages past what is ranked in memory', () => {
  let t: TestCenter;
  const EXACT = 110;
  const PREFIX = 30;
  let lateBornId = '';

  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
    const names = ['Alisher', 'Bekzod', 'Davron', 'Erkin', 'Farrux', 'Hamid', 'Ikrom'];
    for (let i = 0; i < EXACT + PREFIX; i += 1) {
      const isExact = i < EXACT;
      const created = await t.as.receptionist.invoke('clients.register', {
        lastName: isExact ? 'Nazarov' : 'Nazarova',
        firstName: isExact ? (names[i % names.length] ?? 'Alisher') : 'Dilnoza',
        birthDate: i === EXACT - 1 ? '1990-01-01' : `19${40 + (i % 50)}-02-0${1 + (i % 9)}`,
        sex: isExact ? 'male' : 'female',
        confirmedWarnings: ['possibleDuplicate'],
      });
      if (i === EXACT - 1) lateBornId = created.id;
    }
  });
  afterAll(() => t.dispose());

  const search = (query: string, extra: Partial<InputOf<'clients.search'>> = {}) =>
    t.as.receptionist.invoke('clients.search', { query, ...extra });

  it('counts every match and pages through all of them, exact ones first, none twice', async () => {
    const seen: ClientSearchItemView[] = [];
    for (let offset = 0; offset < EXACT + PREFIX + 20; offset += 20) {
      const page = await search('Nazarov', { offset, limit: 20 });
      expect(page.total).toBe(EXACT + PREFIX);
      seen.push(...page.items);
    }
    expect(seen).toHaveLength(EXACT + PREFIX);
    expect(new Set(seen.map((item) => item.id)).size).toBe(EXACT + PREFIX);
    expect(seen.slice(0, EXACT).every((item) => item.lastName === 'Nazarov')).toBe(true);
    expect(seen.slice(EXACT).every((item) => item.lastName === 'Nazarova')).toBe(true);
    // Pages of another size cut the same list.
    const big = await search('Nazarov', { offset: 35, limit: 50 });
    expect(big.items.map((item) => item.id)).toEqual(seen.slice(35, 85).map((item) => item.id));
  });

  it('puts the one born on the typed date first however many share the name', async () => {
    const { items, total } = await search('Nazarov 01.01.1990');
    expect(items[0]?.id).toBe(lateBornId);
    expect(total).toBe(EXACT + PREFIX);
  });
});
