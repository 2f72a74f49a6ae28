import { describe, expect, it } from 'vitest';
import { toCyrillic, toLatin } from './transliterate';

describe('toLatin', () => {
  it.each([
    ['Шухрат Жўраев', 'Shuxrat Joʻrayev'],
    ['ШУҲРАТ ЖЎРАЕВ', 'SHUHRAT JOʻRAYEV'],
    ['Ғулом Қодиров', 'Gʻulom Qodirov'],
    ['Ёқубов Ўткир', 'Yoqubov Oʻtkir'],
    ['Эргаш Елена', 'Ergash Yelena'],
    ['Юлдаш Яхёев', 'Yuldash Yaxyoyev'],
    ['Маъмур', 'Maʼmur'],
    ['съезд', 'syezd'],
    ['Исҳоқ', 'Isʼhoq'],
    ['Дильноза', 'Dilnoza'],
    ['Цой', 'Soy'],
    ['милиция', 'militsiya'],
    ['Щербаков Кадыров', 'Sherbakov Kadirov'],
    ['Чингиз ЧОРИЕВ', 'Chingiz CHORIYEV'],
    ['Ш', 'Sh'],
    ['Абдул-Азиз 12, Тошкент', 'Abdul-Aziz 12, Toshkent'],
    ['Already Latin', 'Already Latin'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(toLatin(cyrillic)).toBe(latin);
  });

  it('writes the official modifier letters ʻ (U+02BB) and ʼ (U+02BC)', () => {
    expect(toLatin('ў')).toBe('o\u02BB');
    expect(toLatin('ғ')).toBe('g\u02BB');
    expect(toLatin('маъно')).toBe('ma\u02BCno');
  });

  it('handles decomposed input', () => {
    expect(toLatin('Айбек'.normalize('NFD'))).toBe('Aybek');
  });
});

describe('toCyrillic', () => {
  it.each([
    ['Shuxrat Joʻrayev', 'Шухрат Жўраев'],
    ["Shuxrat Jo'rayev", 'Шухрат Жўраев'],
    ['SHUXRAT JOʻRAYEV', 'ШУХРАТ ЖЎРАЕВ'],
    ['Yoʻldosh Ergashev', 'Йўлдош Эргашев'],
    ['Yoqubov Oʻtkir', 'Ёқубов Ўткир'],
    ['O‘g‘iloy', 'Ўғилой'],
    ['G`ulom', 'Ғулом'],
    ['Maʼmur', 'Маъмур'],
    ["Is'hoq", 'Исҳоқ'],
    ['Yevgeniya Chingiz', 'Евгения Чингиз'],
    ['Yuliya Yaxyoyeva', 'Юлия Яхёева'],
    ['Juraev', 'Жураев'],
    ['Toshkent shahri, 12-uy', 'Тошкент шаҳри, 12-уй'],
    ['Ўзбек', 'Ўзбек'],
  ])('%s → %s', (latin, cyrillic) => {
    expect(toCyrillic(latin)).toBe(cyrillic);
  });

  it('keeps an apostrophe that is not between letters', () => {
    expect(toCyrillic("'Aziz'")).toBe("'Азиз'");
  });

  it.each(['Шухрат Жўраев', 'Ғулом Қодиров', 'Ёқубов Ўткир', 'Эргаш Елена', 'Юлдаш Яхёев', 'Маъмур Исҳоқов', 'ЎҒИЛОЙ ҲАСАНОВА'])(
    'round-trips Uzbek Cyrillic %s',
    (cyrillic) => {
      expect(toCyrillic(toLatin(cyrillic))).toBe(cyrillic);
    },
  );
});
