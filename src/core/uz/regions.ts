/**
 * The official list of regions and districts (SOATO codes) as plain immutable data, for the
 * setup wizard, the intake form, reports cut by region and district, and the registry batches.
 * The data and its sources are in `regions.data.ts`.
 */
import { REGION_DATA, type RegionKind, type SoatoRow } from './regions.data';

export type { RegionKind } from './regions.data';

/** The four languages of the application. */
export type AppLocale = 'uz-Latn' | 'uz-Cyrl' | 'ru' | 'en';

export const APP_LOCALES: readonly AppLocale[] = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'];

export type LocalizedName = Readonly<Record<AppLocale, string>>;

/** A district (tuman) or a city of regional significance (shahar); Tashkent city's districts too. */
export type DistrictKind = 'district' | 'city';

export interface District {
  /** 7-digit SOATO code, e.g. '1726262' (Uchtepa tumani). */
  readonly code: string;
  readonly kind: DistrictKind;
  /** 4-digit SOATO code of the region it belongs to. */
  readonly regionCode: string;
  readonly name: LocalizedName;
}

export interface Region {
  /** 4-digit SOATO code, e.g. '1726' (Toshkent shahri), '1735' (Qoraqalpogʻiston Respublikasi). */
  readonly code: string;
  readonly kind: RegionKind;
  readonly name: LocalizedName;
  /** Districts first, then cities, each in SOATO code order. */
  readonly districts: readonly District[];
}

function nameOf(row: SoatoRow): LocalizedName {
  return Object.freeze({ 'uz-Latn': row[1], 'uz-Cyrl': row[2], ru: row[3], en: row[4] });
}

/** SOATO's fifth digit tells a district (2) from a city of regional significance (4). */
function districtKindOf(code: string): DistrictKind {
  return code.charAt(4) === '4' ? 'city' : 'district';
}

const REGIONS: readonly Region[] = Object.freeze(
  REGION_DATA.map((data): Region => {
    const regionCode = data.region[0];
    const districts = data.districts.map(
      (row): District => Object.freeze({ code: row[0], kind: districtKindOf(row[0]), regionCode, name: nameOf(row) }),
    );
    return Object.freeze({ code: regionCode, kind: data.kind, name: nameOf(data.region), districts: Object.freeze(districts) });
  }),
);

const REGION_BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((region) => [region.code, region]));
const DISTRICT_BY_CODE: ReadonlyMap<string, District> = new Map(
  REGIONS.flatMap((region) => region.districts.map((district) => [district.code, district] as const)),
);

/**
 * The 14 top-level units in SOATO order, each with its districts and cities.
 *
 * @example listRegions().length // 14
 */
export function listRegions(): readonly Region[] {
  return REGIONS;
}

/**
 * A region by its 4-digit SOATO code, or null.
 *
 * @example findRegion('1726')?.name['uz-Latn'] // 'Toshkent shahri'
 */
export function findRegion(code: string): Region | null {
  return REGION_BY_CODE.get(code) ?? null;
}

/**
 * A district or city by its 7-digit SOATO code, or null.
 *
 * @example findDistrict('1726262')?.name.ru // 'Учтепинский район'
 */
export function findDistrict(code: string): District | null {
  return DISTRICT_BY_CODE.get(code) ?? null;
}

/**
 * True when the district exists and belongs to the region.
 *
 * @example isDistrictOf('1726', '1726262') // true
 * @example isDistrictOf('1727', '1726262') // false
 */
export function isDistrictOf(regionCode: string, districtCode: string): boolean {
  return findDistrict(districtCode)?.regionCode === regionCode;
}

/**
 * The name of a region or district in one language (for reports and exports).
 *
 * @example soatoName('1735', 'en') // 'Republic of Karakalpakstan'
 */
export function soatoName(code: string, locale: AppLocale): string | null {
  const unit = findRegion(code) ?? findDistrict(code);
  return unit === null ? null : unit.name[locale];
}
