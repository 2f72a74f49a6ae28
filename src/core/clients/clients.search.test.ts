import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterClientInput } from './clients.schema';
import { parseClientQuery } from './clients.search';
import { createTestCenter, type TestCenter } from '../testing/test-center';

const NOW = new Date('2026-11-25T05:00:00.000Z');

const target: RegisterClientInput = {
  lastName: 'Joʻrayev',
  firstName: 'Shuxrat',
  patronymic: 'Olimovich',
  birthDate: '1990-05-25',
  sex: 'male',
  pinfl: '32505900123459',
  phone: '+998 90 123 45 67',
};

/** People whose names share words, letters or keys with the target, so ranking has to work. */
const others: readonly RegisterClientInput[] = [
  { lastName: 'Joʻrayev', firstName: 'Jasur', birthDate: '1985-01-02', sex: 'male', phone: '+998 90 123 99 99' },
  { lastName: 'Joʻrayeva', firstName: 'Dilnoza', birthDate: '1992-03-04', sex: 'female' },
  { lastName: 'Juraqulov', firstName: 'Shuxrat', birthDate: '1979-07-08', sex: 'male' },
  { lastName: 'Karimov', firstName: 'Alisher', patronymic: 'Shuxrat oʻgʻli', birthDate: '2001-09-10', sex: 'male' },
  { lastName: 'Qodirova', firstName: 'Shoira', birthDate: '1990-05-25', sex: 'female', pinfl: '42505906543210' },
  { lastName: 'Gʻulomov', firstName: 'Oybek', birthDate: '1970-12-12', sex: 'male', pinfl: '31212700000017' },
  { lastName: 'Rahimov', firstName: 'Shuhrat', birthDate: '1988-04-05', sex: 'male' },
];

describe('clients.search', () => {
  let t: TestCenter;
  let targetId: string;
  const ids = new Map<string, string>();

  const search = async (query: string, limit?: number) =>
    (await t.as.receptionist.invoke('clients.search', limit === undefined ? { query } : { query, limit })).items;

  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
    targetId = (await t.as.receptionist.invoke('clients.register', { ...target, confirmedWarnings: ['checkDigit'] })).id;
    for (const client of others) {
      const created = await t.as.receptionist.invoke('clients.register', { ...client, confirmedWarnings: ['checkDigit', 'birthDateMismatch'] });
      ids.set(`${client.lastName} ${client.firstName}`, created.id);
    }
  });
  afterAll(() => t.dispose());

  describe('finds "Shuxrat Joʻrayev" first for every spelling in the issue', () => {
    const spellings = [
      'Шухрат Жўраев',
      'Shukhrat Djuraev',
      'SHUHRAT JURAEV',
      'Жураев Шухрат',
      'shuxrat jo\'rayev',
      'shuxrat joʻrayev',
      'shuxrat jo’rayev',
      'shuxrat jo‘rayev',
      'shuxrat jo`rayev',
      'Shuxrat Joʼrayev',
      'Shukhrat Zhuraev',
      'Джураев Шухрат Олимович',
    ];
    for (const query of spellings) {
      it(query, async () => {
        const items = await search(query);
        expect(items[0]?.id).toBe(targetId);
        expect(items[0]?.matchedBy).toBe('name');
      });
    }
  });

  it('ranks whole-word matches above prefixes and other people', async () => {
    const items = await search('Shuxrat');
    const firstThree = items.slice(0, 3).map((item) => item.id);
    // Exact first names first (in name order), the patronymic "Shuxrat oʻgʻli" after them.
    expect(new Set(firstThree)).toEqual(new Set([targetId, ids.get('Juraqulov Shuxrat'), ids.get('Rahimov Shuhrat')]));
    expect(items.findIndex((item) => item.id === ids.get('Karimov Alisher'))).toBeGreaterThan(2);
  });

  it('finds names by the letters typed so far', async () => {
    const items = await search('Шух Жўр');
    expect(items[0]?.id).toBe(targetId);
    expect(items.map((item) => item.id)).not.toContain(ids.get('Karimov Alisher'));
  });

  it('finds misspelled names by edit distance, closest first', async () => {
    for (const query of ['Shuhrta Juraev', 'Shuxrad Jorayev', 'Шухрат Жураеф']) {
      const items = await search(query);
      expect(items[0]?.id, query).toBe(targetId);
      expect(items[0]?.matchedBy, query).toBe('similarName');
    }
  });

  it('finds by loose keys (o/a, y) as well', async () => {
    const items = await search('Gulyamov Aybek');
    expect(items[0]?.id).toBe(ids.get('Gʻulomov Oybek'));
  });

  it('finds by whole PINFL first, then by PINFL prefix', async () => {
    const whole = await search('32505900123459');
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ id: targetId, matchedBy: 'pinfl' });
    const spaced = await search('3 250590 0123459');
    expect(spaced[0]?.id).toBe(targetId);
    const prefix = await search('325059');
    expect(prefix.map((item) => item.id)).toEqual([targetId]);
    const both = await search('3');
    expect(new Set(both.map((item) => item.id))).toEqual(new Set([targetId, ids.get('Gʻulomov Oybek')]));
  });

  it('finds by phone in any usual spelling, and by its beginning', async () => {
    for (const query of ['+998901234567', '90 123 45 67', '(90) 123-45-67', '998901234567']) {
      const items = await search(query);
      expect(items[0], query).toMatchObject({ id: targetId, matchedBy: 'phone' });
    }
    const prefix = await search('90 123');
    expect(new Set(prefix.map((item) => item.id))).toEqual(new Set([targetId, ids.get('Joʻrayev Jasur')]));
  });

  it('finds by date of birth, alone or with a name', async () => {
    const byDate = await search('25.05.1990');
    expect(new Set(byDate.map((item) => item.id))).toEqual(new Set([targetId, ids.get('Qodirova Shoira')]));
    expect(byDate[0]?.matchedBy).toBe('birthDate');
    const iso = await search('1990-05-25');
    expect(iso).toHaveLength(2);
    const withName = await search('Shoira 25.05.1990');
    expect(withName[0]?.id).toBe(ids.get('Qodirova Shoira'));
  });

  it('narrows by a year typed with the name', async () => {
    const items = await search('Joʻrayev 1985');
    expect(items.map((item) => item.id)).toEqual([ids.get('Joʻrayev Jasur')]);
  });

  it('respects the limit and answers nothing for nothing', async () => {
    expect(await search('Shuxrat', 1)).toHaveLength(1);
    expect(await search('   ')).toEqual([]);
    expect(await search('Zzyzx Qwerty')).toEqual([]);
  });

  it('treats FTS5 syntax and SQL in the query as text', async () => {
    for (const query of ['"Shuxrat" OR *', "'; DROP TABLE clients; --", 'NEAR(a b)', 'shux* AND -jo', '^Shuxrat']) {
      await expect(search(query)).resolves.toBeInstanceOf(Array);
    }
    expect((await search('Shuxrat Joʻrayev'))[0]?.id).toBe(targetId);
  });

  it('leaves merged-away records out', async () => {
    const duplicate = await t.as.receptionist.invoke('clients.register', {
      lastName: 'Djuraev', firstName: 'Shukhrat', birthDate: '1990-05-25', sex: 'male', confirmedWarnings: ['possibleDuplicate'],
    });
    expect((await search('Djuraev Shukhrat')).map((item) => item.id)).toContain(duplicate.id);
    await t.as.administrator.invoke('clients.merge', { survivorId: targetId, mergedId: duplicate.id });
    const items = await search('Djuraev Shukhrat');
    expect(items.map((item) => item.id)).not.toContain(duplicate.id);
    expect(items[0]?.id).toBe(targetId);
  });
});

describe('parseClientQuery', () => {
  it('separates words, digits, dates and a year', () => {
    expect(parseClientQuery('Шухрат 25.05.1990')).toEqual({ words: ['shuhrat'], digits: null, birthDate: '1990-05-25', birthYear: null });
    expect(parseClientQuery('+998 90 123-45-67')).toEqual({ words: [], digits: '998901234567', birthDate: null, birthYear: null });
    expect(parseClientQuery('Jo‘rayev 1985')).toEqual({ words: ['juraev'], digits: null, birthDate: null, birthYear: 1985 });
    expect(parseClientQuery('31.02.1990').birthDate).toBeNull();
  });
});
