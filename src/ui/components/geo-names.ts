import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../core/client';
import { useApiQuery } from '../api/api';
import { currentLanguage } from '../i18n/i18n';
import type { Language } from '../i18n/languages';

export type Regions = OutputOf<'geo.regions'>['regions'];

/** The collation each interface language sorts by (Uzbek in either script by Uzbek rules where ICU has them). */
const COLLATION_LOCALE: Readonly<Record<Language, string>> = { 'uz-Latn': 'uz-Latn', 'uz-Cyrl': 'uz-Cyrl', ru: 'ru', en: 'en' };

/**
 * Regions, and the districts inside each, in the alphabetical order of their names in the
 * interface language (the official list is in SOATO code order, which nobody reads by).
 *
 * @example sortRegions(regions, 'ru')[0].name.ru // 'Андижанская область'
 */
export function sortRegions(regions: Regions, language: Language): Regions {
  const collator = new Intl.Collator(COLLATION_LOCALE[language], { sensitivity: 'base' });
  const byName = <T extends { readonly name: Readonly<Record<Language, string>> }>(a: T, b: T) => collator.compare(a.name[language], b.name[language]);
  return regions.map((region) => ({ ...region, districts: [...region.districts].sort(byName) })).sort(byName);
}

/**
 * Region and district names from `geo.regions` in the interface language, the lists sorted by
 * those names.
 *
 * @example const geo = useGeoNames(); geo.district('1726262') // 'Uchtepa tumani'
 */
export function useGeoNames() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const query = useApiQuery('geo.regions', {}, { staleTime: Infinity });
  const list = useMemo(() => sortRegions(query.data?.regions ?? [], language), [query.data, language]);
  return {
    regions: list,
    language,
    error: query.error,
    region(code: string | null): string {
      if (code === null) return '';
      return list.find((region) => region.code === code)?.name[language] ?? code;
    },
    /** "District, Region" in the given language (a printout's, say), or the codes while the lists load. */
    place(regionCode: string | null, districtCode: string | null, inLanguage: Language = language): string {
      const region = list.find((candidate) => candidate.code === regionCode);
      const district = region?.districts.find((candidate) => candidate.code === districtCode);
      return [district?.name[inLanguage] ?? districtCode, region?.name[inLanguage] ?? regionCode].filter((part) => part !== null && part !== '').join(', ');
    },
    district(code: string | null): string {
      if (code === null) return '';
      for (const region of list) {
        const district = region.districts.find((candidate) => candidate.code === code);
        if (district) return district.name[language];
      }
      return code;
    },
  };
}
