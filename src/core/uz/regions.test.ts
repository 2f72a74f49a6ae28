import { describe, expect, it } from 'vitest';
import { nameMatchKey } from './names';
import { APP_LOCALES, findDistrict, findRegion, isDistrictOf, listRegions, soatoName } from './regions';
import { toCyrillic } from './transliterate';

const regions = listRegions();
const districts = regions.flatMap((region) => region.districts);

describe('the SOATO list', () => {
  it('has the 14 top-level units: Karakalpakstan, 12 regions and Tashkent city', () => {
    expect(regions).toHaveLength(14);
    expect(regions.map((r) => r.code)).toEqual([
      '1703', '1706', '1708', '1710', '1712', '1714', '1718', '1722', '1724', '1726', '1727', '1730', '1733', '1735',
    ]);
    expect(regions.filter((r) => r.kind === 'region')).toHaveLength(12);
    expect(findRegion('1726')).toMatchObject({ kind: 'city', name: { 'uz-Latn': 'Toshkent shahri', ru: 'город Ташкент' } });
    expect(findRegion('1735')).toMatchObject({ kind: 'republic', name: { en: 'Republic of Karakalpakstan' } });
  });

  it('has every district code start with its region code, 7 digits, no duplicates', () => {
    for (const region of regions) {
      expect(region.code).toMatch(/^17\d{2}$/);
      expect(region.districts.length).toBeGreaterThan(0);
      for (const district of region.districts) {
        expect(district.code).toMatch(/^\d{7}$/);
        expect(district.code.startsWith(region.code)).toBe(true);
        expect(district.regionCode).toBe(region.code);
      }
    }
    const codes = [...regions.map((r) => r.code), ...districts.map((d) => d.code)];
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has every name in all four languages, in the right script', () => {
    for (const unit of [...regions, ...districts]) {
      for (const locale of APP_LOCALES) {
        expect(unit.name[locale].trim().length, `${unit.code} ${locale}`).toBeGreaterThan(2);
      }
      expect(unit.name['uz-Latn']).toMatch(/^[A-Za-zʻʼ ]+$/);
      expect(unit.name.en).toMatch(/^[A-Za-z ]+$/);
      expect(unit.name['uz-Cyrl']).toMatch(/^[А-Яа-яЁёЎўҚқҒғҲҳЪъ -]+$/);
      expect(unit.name.ru).toMatch(/^[А-Яа-яЁё -]+$/);
    }
  });

  it('writes uz-Cyrl as the official conversion of uz-Latn (one hand fix: Пайариқ)', () => {
    for (const unit of [...regions, ...districts]) {
      if (unit.code === '1718224') continue;
      expect(unit.name['uz-Cyrl'], unit.code).toBe(toCyrillic(unit.name['uz-Latn']));
    }
    expect(findDistrict('1718224')?.name['uz-Cyrl']).toBe('Пайариқ тумани');
  });

  it('tells districts from cities by the fifth digit, and names them accordingly', () => {
    for (const district of districts) {
      if (district.kind === 'city') {
        expect(district.code.charAt(4)).toBe('4');
        expect(district.name['uz-Latn']).toMatch(/ shahri$/);
        expect(district.name.ru).toMatch(/^город /);
      } else {
        expect(district.code.charAt(4)).toBe('2');
        expect(district.name['uz-Latn']).toMatch(/ tumani$/);
        expect(district.name.ru).toMatch(/ район$/);
      }
    }
  });

  it('has the expected number of districts and cities per region', () => {
    const counts = Object.fromEntries(regions.map((r) => [r.code, r.districts.length]));
    expect(counts).toEqual({
      '1703': 16, '1706': 13, '1708': 13, '1710': 16, '1712': 11, '1714': 12, '1718': 16,
      '1722': 15, '1724': 11, '1726': 12, '1727': 22, '1730': 19, '1733': 13, '1735': 17,
    });
    expect(districts).toHaveLength(206);
  });

  it('keeps names within a region distinct in every language (a dropdown must not repeat)', () => {
    for (const region of regions) {
      for (const locale of APP_LOCALES) {
        const names = region.districts.map((d) => d.name[locale]);
        expect(new Set(names).size, `${region.code} ${locale}`).toBe(names.length);
      }
    }
  });

  it('gives the same match key for the uz-Latn and uz-Cyrl names', () => {
    for (const unit of [...regions, ...districts]) {
      expect(nameMatchKey(unit.name['uz-Cyrl'])).toBe(nameMatchKey(unit.name['uz-Latn']));
    }
  });

  it('is immutable', () => {
    const first = listRegions()[0]!;
    expect(Object.isFrozen(listRegions())).toBe(true);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.districts)).toBe(true);
    expect(Object.isFrozen(first.name)).toBe(true);
  });
});

describe('look-ups', () => {
  it('finds regions and districts by code', () => {
    expect(findRegion('1703')?.name['uz-Latn']).toBe('Andijon viloyati');
    expect(findDistrict('1726262')).toEqual({
      code: '1726262',
      kind: 'district',
      regionCode: '1726',
      name: { 'uz-Latn': 'Uchtepa tumani', 'uz-Cyrl': 'Учтепа тумани', ru: 'Учтепинский район', en: 'Uchtepa District' },
    });
    expect(findDistrict('1735401')).toMatchObject({ kind: 'city', name: { 'uz-Latn': 'Nukus shahri' } });
    expect(findDistrict('1733221')?.name['uz-Latn']).toBe('Tuproqqalʼa tumani');
  });

  it('returns null for unknown or malformed codes', () => {
    for (const code of ['', '17', '1700', '1726262', 'abcd', '1726 ']) expect(findRegion(code)).toBeNull();
    for (const code of ['', '1726', '1726999', '17262620', '1799201']) expect(findDistrict(code)).toBeNull();
  });

  it('checks that a district belongs to a region', () => {
    expect(isDistrictOf('1726', '1726262')).toBe(true);
    expect(isDistrictOf('1727', '1727424')).toBe(true);
    expect(isDistrictOf('1727', '1726262')).toBe(false);
    expect(isDistrictOf('1726', '1726999')).toBe(false);
    expect(isDistrictOf('9999', '1726262')).toBe(false);
  });

  it('names any unit in one language', () => {
    expect(soatoName('1735', 'en')).toBe('Republic of Karakalpakstan');
    expect(soatoName('1730405', 'ru')).toBe('город Коканд');
    expect(soatoName('1730405', 'uz-Cyrl')).toBe('Қўқон шаҳри');
    expect(soatoName('0000', 'ru')).toBeNull();
  });
});
