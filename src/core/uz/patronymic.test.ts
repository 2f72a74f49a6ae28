import { describe, expect, it } from 'vitest';
import { looseMatchKey, nameMatchKey, unsignedOkinaVariants } from './names';
import { patronymicKeys, readPatronymicWord } from './patronymic';

/** Spellings of one father's patronymic, both styles, both scripts, son and daughter: one key. */
const SAME_FATHER: readonly (readonly string[])[] = [
  ['Akmalovich', 'Akmal oʻgʻli', "Akmal o'g'li", 'Akmal ogli', 'Akmal ugli', 'Akmal-oʻgʻli', 'Акмал ўғли', 'Акмал угли', 'Акмалович', 'Akmalovna', 'Akmal qizi', 'Akmal kizi', 'Акмал қизи', 'Акмал кизи', 'Акмаловна', 'AKMALOVICH', 'Akmal'],
  ['Abdullayevich', 'Abdullaevich', 'Abdulla oʻgʻli', 'Абдуллаевич', 'Абдулла ўғли', 'Abdullayevna', 'Абдуллаевна', 'Abdulla qizi'],
  ['Aliyevich', 'Aliyevna', 'Ali oʻgʻli', 'Алиевич', 'Али ўғли', 'Али қизи'],
  ['Shuxratovich', 'Shukhratovich', 'Шухратович', 'Шуҳратович', 'Shuxrat oʻgʻli', 'Шуҳрат ўғли', 'Shuhrat qizi'],
  ['Gʻayratovna', 'Gayratovna', 'Гайратовна', 'Ғайрат қизи', "G'ayrat qizi"],
  ['Oʻtkirovich', 'Utkirovich', 'Уткирович', 'Ўткир ўғли', "O'tkir o'g'li"],
  ['Mirzoyevich', 'Мирзоевич', 'Mirzo oʻgʻli', 'Мирзо ўғли'],
  ['Xayrulloyevich', 'Хайруллаевич', 'Xayrullo oʻgʻli'],
  ['Sergeyevich', 'Sergeevich', 'Сергеевич', 'Sergey oʻgʻli', 'Sergeyevna', 'Сергеевна'],
  ['Nikolayevich', 'Николаевич', 'Nikolay qizi', 'Николаевна'],
  ['Ilyich', 'Ильич', 'Ilya oʻgʻli', 'Илья ўғли'],
  ['Igorevich', 'Игоревич', 'Igor oʻgʻli'],
];

/** Different fathers: never one key. */
const DIFFERENT_FATHERS: readonly (readonly [string, string])[] = [
  ['Akmalovich', 'Azamatovich'],
  ['Shuxrat oʻgʻli', 'Shavkat oʻgʻli'],
  ['Aliyevich', 'Olimovich'],
  ['Karimovna', 'Rahimovna'],
];

const keyOf = (patronymic: string) => patronymicKeys(patronymic).tokens;

describe('patronymicKeys', () => {
  it.each(SAME_FATHER.map((group) => [group[0] ?? '', group] as const))('gives every spelling of %s one father’s-name stem', (_first, group) => {
    const shared = group.map(keyOf).reduce((common, tokens) => common.filter((token) => tokens.includes(token)));
    expect(shared, group.map((spelling) => `${spelling} → ${keyOf(spelling).join(' ')}`).join('; ')).toHaveLength(1);
  });

  it.each(DIFFERENT_FATHERS)('keeps %s and %s apart', (a, b) => {
    expect(keyOf(a).filter((token) => keyOf(b).includes(token))).toEqual([]);
  });

  it('tells the sex from the marker or the ending, in both scripts', () => {
    expect(patronymicKeys('Akmalovich').sex).toBe('male');
    expect(patronymicKeys('Akmal oʻgʻli').sex).toBe('male');
    expect(patronymicKeys('Акмал ўғли').sex).toBe('male');
    expect(patronymicKeys('Akmal ogli').sex).toBe('male');
    expect(patronymicKeys('Akmalovna').sex).toBe('female');
    expect(patronymicKeys('Akmal qizi').sex).toBe('female');
    expect(patronymicKeys('Акмал қизи').sex).toBe('female');
    expect(patronymicKeys('Акмаловна').sex).toBe('female');
    expect(patronymicKeys('Ильинична').sex).toBe('female');
    expect(patronymicKeys('Akmal').sex).toBeNull();
  });

  it('keeps the words as typed for prefixes, drops the markers, joins a father’s name of two words', () => {
    expect(patronymicKeys('Olimovich').tokens).toEqual(['alim', 'alimavich']);
    expect(patronymicKeys('Akmal oʻgʻli').tokens).toEqual(['akmal']);
    expect(patronymicKeys('Abdul Aziz oʻgʻli').tokens).toEqual(['abdul', 'abdulaziz', 'aziz']);
    expect(patronymicKeys('Abdulazizovich').tokens).toContain('abdulaziz');
  });

  it('gives nothing for nothing, and only a–z tokens for anything', () => {
    expect(patronymicKeys(null)).toEqual({ tokens: [], sex: null });
    expect(patronymicKeys('  ')).toEqual({ tokens: [], sex: null });
    expect(patronymicKeys('oʻgʻli')).toEqual({ tokens: [], sex: 'male' });
    for (const text of ["'; DROP TABLE clients; --", 'NEAR(a b) OR *', 'Qilich', 'ич', 'a-ovich']) {
      for (const token of patronymicKeys(text).tokens) expect(token).toMatch(/^[a-z]+$/);
    }
  });

  it('reads -ich as a patronymic ending only in the patronymic field, never a whole short word', () => {
    expect(readPatronymicWord('kilich')).toMatchObject({ father: 'kil', isStrong: false });
    expect(readPatronymicWord('akmalovich')).toMatchObject({ father: 'akmal', isStrong: true, sex: 'male' });
    expect(readPatronymicWord('ovna')).toMatchObject({ father: 'ovna', isStrong: false });
  });
});

describe('unsignedOkinaVariants', () => {
  it.each([
    ['Jora', 'Joʻra'],
    ['Tora', 'Toʻra'],
    ['Rozi', 'Roʻzi'],
    ['Dost', 'Doʻst'],
    ['Yoldosh', 'Yoʻldosh'],
    ['Olmas', 'Oʻlmas'],
    ['Jorayev', 'Joʻrayev'],
    ['Жора', 'Жўра'],
    ['Qochqorov', 'Qoʻchqorov'],
    ['Tolqin', 'Toʻlqin'],
  ])('reads %s as %s typed without the sign', (typed, stored) => {
    const variants = unsignedOkinaVariants(nameMatchKey(typed));
    expect(variants).toContain(looseMatchKey(stored));
  });

  it('adds nothing to a word without o, and tries at most three o’s', () => {
    expect(unsignedOkinaVariants('shuhrat')).toEqual([]);
    expect(unsignedOkinaVariants('oooooo').length).toBeLessThanOrEqual(7);
  });
});
