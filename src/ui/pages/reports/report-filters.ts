import type { ReportFilters } from '../../../core/reports/reports.schema';
import { AGE_BANDS, SEXES } from '../../../core/reports/reports.schema';

/** The dashboard's period presets, worked out from today (local calendar day, `YYYY-MM-DD`). */
export const PRESETS = ['month', 'quarter', 'year', 'twelveMonths'] as const;
export type Preset = (typeof PRESETS)[number];

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);

/** @example presetPeriod('quarter', '2026-11-30') // { from: '2026-10-01', to: '2026-11-30' } */
export function presetPeriod(preset: Preset, today: string): { readonly from: string; readonly to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const day = Number(today.slice(8, 10));
  switch (preset) {
    case 'month':
      return { from: iso(year, month, 1), to: today };
    case 'quarter':
      return { from: iso(year, month - (month % 3), 1), to: today };
    case 'year':
      return { from: iso(year, 0, 1), to: today };
    case 'twelveMonths': {
      // The day after the same day a year ago (29 February a year ago is the 28th).
      const yearAgo = Math.min(day, new Date(Date.UTC(year - 1, month + 1, 0)).getUTCDate());
      return { from: iso(year - 1, month, yearAgo + 1), to: today };
    }
  }
}

/** The filters as URL search parameters (so the list behind a number and a reload keep them). */
export function filtersToParams(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const key of ['regionCode', 'districtCode', 'sex', 'ageBand'] as const) {
    const value = filters[key];
    if (value !== null) params.set(key, value);
  }
  return params;
}

/** @example filtersFromParams(new URLSearchParams('from=2026-01-01&to=2026-03-31'), fallback) */
export function filtersFromParams(params: URLSearchParams, fallback: ReportFilters): ReportFilters {
  const day = (value: string | null) => (value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  const sex = params.get('sex');
  const ageBand = params.get('ageBand');
  const region = params.get('regionCode');
  const district = params.get('districtCode');
  return {
    from: day(params.get('from')) ?? fallback.from,
    to: day(params.get('to')) ?? fallback.to,
    regionCode: region !== null && /^\d{4}$/.test(region) ? region : null,
    districtCode: district !== null && /^\d{7}$/.test(district) ? district : null,
    sex: SEXES.find((value) => value === sex) ?? null,
    ageBand: AGE_BANDS.find((value) => value === ageBand) ?? null,
  };
}

/** `YYYY-MM-DD` as dd.mm.yyyy. */
export function formatIsoDay(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}
