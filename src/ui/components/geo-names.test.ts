import { describe, expect, it } from 'vitest';
import { sortRegions, type Regions } from './geo-names';

const names = (latn: string, cyrl: string, ru: string, en: string) => ({ 'uz-Latn': latn, 'uz-Cyrl': cyrl, ru, en });

// In SOATO code order, as `geo.regions` gives them.
const REGIONS: Regions = [
  {
    code: '1703',
    kind: 'region',
    name: names('Andijon viloyati', 'Андижон вилояти', 'Андижанская область', 'Andijan Region'),
    districts: [
      { code: '1703202', kind: 'district', regionCode: '1703', name: names('Oltinkoʻl tumani', 'Олтинкўл тумани', 'Алтынкульский район', 'Oltinkul District') },
      { code: '1703203', kind: 'district', regionCode: '1703', name: names('Andijon tumani', 'Андижон тумани', 'Андижанский район', 'Andijan District') },
      { code: '1703206', kind: 'district', regionCode: '1703', name: names('Baliqchi tumani', 'Балиқчи тумани', 'Балыкчинский район', 'Baliqchi District') },
    ],
  },
  { code: '1726', kind: 'region', name: names('Toshkent shahri', 'Тошкент шаҳри', 'город Ташкент', 'Tashkent City'), districts: [] },
  { code: '1735', kind: 'region', name: names('Qoraqalpogʻiston Respublikasi', 'Қорақалпоғистон Республикаси', 'Республика Каракалпакстан', 'Republic of Karakalpakstan'), districts: [] },
  { code: '1708', kind: 'region', name: names('Jizzax viloyati', 'Жиззах вилояти', 'Джизакская область', 'Jizzakh Region'), districts: [] },
];

describe('region and district lists', () => {
  it('sorts regions and their districts by name in the interface language', () => {
    expect(sortRegions(REGIONS, 'uz-Latn').map((region) => region.code)).toEqual(['1703', '1708', '1735', '1726']);
    expect(sortRegions(REGIONS, 'ru').map((region) => region.name.ru)).toEqual(['Андижанская область', 'город Ташкент', 'Джизакская область', 'Республика Каракалпакстан']);
    expect(sortRegions(REGIONS, 'en').map((region) => region.code)).toEqual(['1703', '1708', '1735', '1726']);
    expect(sortRegions(REGIONS, 'uz-Cyrl')[0]?.districts.map((district) => district.code)).toEqual(['1703203', '1703206', '1703202']);
    expect(sortRegions(REGIONS, 'uz-Latn')[0]?.districts.map((district) => district.code)).toEqual(['1703203', '1703206', '1703202']);
  });

  it('leaves the list it was given as it was', () => {
    const codes = REGIONS.map((region) => region.code);
    sortRegions(REGIONS, 'ru');
    expect(REGIONS.map((region) => region.code)).toEqual(codes);
    expect(REGIONS[0]?.districts[0]?.code).toBe('1703202');
  });
});
