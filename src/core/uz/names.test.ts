import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  looseMatchKey,
  looseTokens,
  nameDistance,
  nameMatchKey,
  nameSearchKeys,
  nameTokens,
  trigrams,
} from './names';

const APOSTROPHE_KINDS = ["'", '`', 'ʻ', 'ʼ', '‘', '’', '´', 'ʹ', '′'];

describe('the acceptance spellings of "Shuxrat Joʻrayev"', () => {
  const stored = nameSearchKeys('Shuxrat Joʻrayev');
  const typed = ['Шухрат Жўраев', 'Shukhrat Djuraev', 'SHUHRAT JURAEV', 'Жураев Шухрат', "shuxrat jo'rayev", 'Joʻrayev Shuxrat'];

  it.each(typed)('finds it typed as %s (same strict word keys)', (query) => {
    expect(nameTokens(query).join(' ')).toBe(stored.strict);
    expect(looseTokens(query).join(' ')).toBe(stored.loose);
  });

  it.each(APOSTROPHE_KINDS)('accepts %s as the apostrophe of oʻ', (apostrophe) => {
    expect(nameMatchKey(`shuxrat jo${apostrophe}rayev`)).toBe('shuhrat juraev');
    expect(nameMatchKey(`Gʻ${apostrophe}`.replace('ʻ', apostrophe))).toBe('g');
  });

  it('is the key the issue describes', () => {
    expect(stored).toEqual({ strict: 'juraev shuhrat', loose: 'juraev shuhrat' });
    expect(nameMatchKey('Shuxrat Joʻrayev')).toBe('shuhrat juraev');
  });
});

/** Groups of spellings of one name that must share a strict key. */
const STRICT_SAME: readonly (readonly string[])[] = [
  ['Shuxrat', 'Shukhrat', 'Shuhrat', 'Шухрат', 'ШУҲРАТ', 'Шуҳрат', 'SHUXRAT'],
  ['Joʻrayev', 'Jurayev', 'Juraev', 'Djuraev', 'Dzhuraev', 'Жўраев', 'Жураев', 'Zhuraev', "Jo'rayev", 'Jo`rayev'],
  ['Muhammad', 'Muxammad', 'Mukhammad', 'Мухаммад', 'Муҳаммад', 'Muhamad'],
  ['Xurshida', 'Khurshida', 'Hurshida', 'Хуршида', 'Ҳуршида'],
  ['Qodirov', 'Kodirov', 'Қодиров', 'Кодиров'],
  ['Gʻayrat', 'Gayrat', "G'ayrat", 'Ғайрат', 'Гайрат', 'G‘ayrat'],
  ['Oʻtkir', 'Utkir', 'Ўткир', 'Уткир', "O'tkir", 'O’tkir'],
  ['Aliyev', 'Aliev', 'Алиев', 'ALIYEV'],
  ['Ergashev', 'Эргашев', 'Ergashyev'.replace('yev', 'ev')],
  ['Yelena', 'Elena', 'Елена'],
  ['Yevgeniy', 'Evgeniy', 'Евгений'],
  ['Jamshid', 'Djamshid', 'Dzhamshid', 'Джамшид', 'Жамшид'],
  ['Tsoy', 'Soy', 'Цой'],
  ['Abdulaziz', 'Abdul-Aziz', 'Абдулазиз', 'Абдул-Азиз'],
  ['Isʼhoq', 'Ishoq', 'Исҳоқ', 'Is’hoq'],
  ['Mamadjonov', 'Мамаджонов', 'Mamajonov'],
  ['Shavkat', 'Shawkat', 'Шавкат'],
  ['Dilnoza', 'Дильноза', 'Дилноза'],
  ['Maʼmur', "Ma'mur", 'Маъмур', 'Mamur'],
  ['Yoqubov', 'Ёқубов', 'Ёкубов'],
  ['Shcherbakov', 'Щербаков', 'Sherbakov'],
  ['Abdullayev', 'Abdullaev', 'Абдуллаев', 'Abdulaev'],
  ['Ziyoda', 'Зиёда'],
];

/** Groups that only the loose key unites (vowel and "y" variance). */
const LOOSE_SAME: readonly (readonly string[])[] = [
  ['Gʻulom', 'Gulyam', 'Гулям', 'Ғулом', 'Gulom'],
  ['Oybek', 'Aybek', 'Aibek', 'Ойбек', 'Айбек'],
  ['Qodirov', 'Kadyrov', 'Кадыров', 'Kadirov'],
  ['Mariya', 'Maria', 'Мария'],
  ['Yuliya', 'Yulia', 'Юлия'],
  ['Yoʻldosh', 'Yuldash', 'Юлдаш', 'Йўлдош'],
  ['Dilshod', 'Dilshad', 'Дильшад'],
  ['Mamadjonov', 'Mamadzhanov', 'Мамаджанов'],
  ['Ilyos', 'Ilyas', 'Ильяс', 'Илёс'],
  ['Nodiriy', 'Nodiri'],
];

/** Different people: must not share a loose key. */
const DIFFERENT: readonly (readonly [string, string])[] = [
  ['Shuxrat', 'Shavkat'],
  ['Jurayev', 'Juraboyev'],
  ['Aziz', 'Aziza'],
  ['Dilnoza', 'Dilfuza'],
  ['Karimov', 'Rahimov'],
  ['Sardor', 'Sanjar'],
  ['Umida', 'Umid'],
  ['Olim', 'Alisher'],
];

describe('nameMatchKey (strict)', () => {
  it.each(STRICT_SAME.map((group) => [group[0] ?? '', group] as const))('unites the spellings of %s', (_name, group) => {
    const keys = new Set(group.map(nameMatchKey));
    expect([...keys]).toHaveLength(1);
  });

  it('keeps Russian-style vowel variants apart (only the loose key joins them)', () => {
    expect(nameMatchKey('Gʻulom')).not.toBe(nameMatchKey('Gulyam'));
    expect(nameMatchKey('Qodirov')).not.toBe(nameMatchKey('Kadyrov'));
  });

  it('keeps word order, drops punctuation, digits and extra spaces', () => {
    expect(nameMatchKey('  Жураев,   Шухрат (2) ')).toBe('juraev shuhrat');
    expect(nameMatchKey('O‘G‘ILOY')).toBe('ugiloy');
  });

  it('removes diacritics typed with other keyboards', () => {
    expect(nameMatchKey('Şuhrat Jóʻrayev')).toBe('shuhrat juraev');
    expect(nameMatchKey('Ğayrat')).toBe('gayrat');
  });

  it('is empty for text with no letters, and never throws on hostile input', () => {
    expect(nameMatchKey('')).toBe('');
    expect(nameMatchKey('  -- 123 ʻʼ  ')).toBe('');
    expect(nameMatchKey('<script>alert(1)</script>')).toBe('script alert script');
    expect(nameMatchKey("Robert'); DROP TABLE clients;--")).toBe('robert drop table cliens') // ts → s;
    expect(nameMatchKey('a'.repeat(10_000))).toBe('a');
  });

  it('decomposed input (й as и + breve) gives the same key as composed', () => {
    expect(nameMatchKey('Айбек'.normalize('NFD'))).toBe(nameMatchKey('Айбек'));
    expect(nameMatchKey('Ёқубов'.normalize('NFD'))).toBe(nameMatchKey('Ёқубов'));
  });

  it('gives only a–z and single spaces', () => {
    const sample = ['Шухрат Жўраев', 'Ўғилой Ҳасанова', 'Щербаков Ильёс', 'Yoʻldosh Gʻulomov', 'Зиёда Қаҳҳорова'];
    for (const name of sample) {
      expect(nameMatchKey(name)).toMatch(/^[a-z]+( [a-z]+)*$/);
      expect(looseMatchKey(name)).toMatch(/^[a-z]+( [a-z]+)*$/);
    }
  });
});

describe('looseMatchKey', () => {
  it.each(LOOSE_SAME.map((group) => [group[0] ?? '', group] as const))('unites the spellings of %s', (_name, group) => {
    const keys = new Set(group.map(looseMatchKey));
    expect([...keys]).toHaveLength(1);
  });

  it('unites everything the strict key unites', () => {
    for (const group of STRICT_SAME) {
      expect(new Set(group.map(looseMatchKey)).size).toBe(1);
    }
  });

  it.each(DIFFERENT)('keeps %s and %s apart', (a, b) => {
    expect(looseMatchKey(a)).not.toBe(looseMatchKey(b));
  });

  it('gives the documented examples', () => {
    expect(looseMatchKey('Gʻulomov Oybek')).toBe('gulamav aibek');
    expect(looseMatchKey('Гулямов Айбек')).toBe('gulamav aibek');
  });
});

describe('nameTokens and nameSearchKeys', () => {
  it('sorts words so order does not matter, and drops repeats', () => {
    expect(nameTokens('Жураев Шухрат')).toEqual(['juraev', 'shuhrat']);
    expect(nameTokens('Shuxrat Joʻrayev')).toEqual(['juraev', 'shuhrat']);
    expect(nameTokens('Ali Ali Valiyev')).toEqual(['ali', 'valiev']);
    expect(nameTokens('')).toEqual([]);
  });

  it('keys a full name with patronymic', () => {
    expect(nameSearchKeys('Joʻrayev Shuxrat Olimovich')).toEqual({
      strict: 'juraev olimovich shuhrat',
      loose: 'alimavich juraev shuhrat',
    });
    expect(nameSearchKeys('Жўраев Шухрат Олимович')).toEqual(nameSearchKeys('Joʻrayev Shuxrat Olimovich'));
    expect(nameSearchKeys('Djuraev Shukhrat Alimovich').loose).toBe('alimavich juraev shuhrat');
  });
});

describe('trigrams', () => {
  it('lists the distinct trigrams of a word in order', () => {
    expect(trigrams('juraev')).toEqual(['jur', 'ura', 'rae', 'aev']);
    expect(trigrams('ab')).toEqual([]);
    expect(trigrams('aaaa')).toEqual(['aaa']);
  });
});

describe('nameDistance', () => {
  it('ranks a prefix or exact match at 0 and a misspelling by its edits', () => {
    expect(nameDistance('Shuxrat', 'Joʻrayev Shuxrat Olimovich')).toBe(0);
    expect(nameDistance('Жўр Шух', 'Joʻrayev Shuxrat')).toBe(0);
    expect(nameDistance('Shuhrta Juraev', 'Joʻrayev Shuxrat')).toBe(1);
    expect(nameDistance('Shuhrta Jurayv', 'Joʻrayev Shuxrat')).toBe(2);
  });

  it('caps each word at maxPerWord + 1', () => {
    expect(nameDistance('Zzzzzzzz', 'Joʻrayev Shuxrat', 2)).toBe(3);
    expect(nameDistance('Zzzzzzzz Qqqqqqq', 'Joʻrayev Shuxrat', 2)).toBe(6);
  });

  it('orders candidates the way a receptionist expects', () => {
    const candidates = ['Joʻrayev Shuxrat', 'Joʻrabekov Shuxrat', 'Jumayev Shavkat', 'Karimov Aziz'];
    const ranked = [...candidates].sort((a, b) => nameDistance('Shukhrat Djuraev', a) - nameDistance('Shukhrat Djuraev', b));
    expect(ranked[0]).toBe('Joʻrayev Shuxrat');
    expect(ranked.at(-1)).toBe('Karimov Aziz');
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'acb', 1], // transposition
    ['kitten', 'sitting', 3],
    ['shuhrat', 'shuhrta', 1],
    ['juraev', 'jurayev', 1],
    ['ca', 'abc', 3], // optimal string alignment, not unrestricted Damerau (which gives 2)
    ['abcdef', 'badcfe', 3],
  ] as const)('%s ↔ %s = %i', (a, b, expected) => {
    expect(damerauLevenshtein(a, b)).toBe(expected);
    expect(damerauLevenshtein(b, a)).toBe(expected);
  });

  it('returns bound + 1 beyond the bound and exact values within it', () => {
    expect(damerauLevenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(damerauLevenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(damerauLevenshtein('kitten', 'sitting', 0)).toBe(1);
    expect(damerauLevenshtein('a', 'abcdefgh', 2)).toBe(3);
    expect(damerauLevenshtein('abc', 'abc', 0)).toBe(0);
  });

  it('agrees with an unbounded reference on random strings', () => {
    const reference = (a: string, b: string): number => {
      const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i += 1) {
        for (let j = 1; j <= b.length; j += 1) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1;
          let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
          d[i]![j] = v;
        }
      }
      return d[a.length]![b.length]!;
    };
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    const word = (): string => Array.from({ length: rand(9) }, () => 'abcd'[rand(4)]).join('');
    for (let k = 0; k < 3000; k += 1) {
      const a = word();
      const b = word();
      const exact = reference(a, b);
      expect(damerauLevenshtein(a, b)).toBe(exact);
      const bound = rand(5);
      expect(damerauLevenshtein(a, b, bound)).toBe(Math.min(exact, bound + 1));
    }
  });

  it('is fast enough to rank thousands of candidates per keystroke', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `jurayev${i}`);
    const started = performance.now();
    let close = 0;
    for (const w of words) if (damerauLevenshtein('shuhrat', w, 2) <= 2) close += 1;
    const elapsedMs = performance.now() - started;
    expect(close).toBe(0);
    expect(elapsedMs).toBeLessThan(500);
  });
});

describe('key speed', () => {
  it('keys 20,000 names well inside the registration budget', () => {
    const names = ['Шухрат Жўраев Олимович', 'Gʻulomova Dilnoza Baxtiyorovna', 'Djuraev Shukhrat', 'Ҳасанова Ўғилой'];
    const started = performance.now();
    for (let i = 0; i < 20_000; i += 1) nameSearchKeys(names[i % names.length] ?? '');
    const perNameMs = (performance.now() - started) / 20_000;
    expect(perNameMs).toBeLessThan(0.5);
  });
});
