import { describe, expect, it } from 'vitest';
import { previousPeriod } from '../../../core/reports/reports.schema';
import { filtersFromParams, filtersToParams, presetPeriod } from './report-filters';

const NONE = { regionCode: null, districtCode: null, sex: null, ageBand: null } as const;

describe('report filters', () => {
  it('works the presets out from today', () => {
    expect(presetPeriod('month', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('quarter', '2026-11-30')).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(presetPeriod('year', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-02-10' });
    expect(presetPeriod('twelveMonths', '2026-12-04')).toEqual({ from: '2025-12-05', to: '2026-12-04' });
    expect(presetPeriod('twelveMonths', '2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30', ...NONE })).toMatchObject({ from: '2025-12-31', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-01', ...NONE })).toMatchObject({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('keeps the filters in the address and refuses what is not a filter', () => {
    const filters = { from: '2026-01-01', to: '2026-03-31', regionCode: '1726', districtCode: '1726262', sex: 'female', ageBand: '60+' } as const;
    expect(filtersFromParams(filtersToParams(filters), { from: '2000-01-01', to: '2000-01-02', ...NONE })).toEqual(filters);
    expect(filtersFromParams(new URLSearchParams('from=yesterday&sex=other&ageBand=60%2B&regionCode=17'), { from: '2000-01-01', to: '2000-01-02', ...NONE })).toEqual({
      from: '2000-01-01',
      to: '2000-01-02',
      regionCode: null,
      districtCode: null,
      sex: null,
      ageBand: '60+',
    });
  });
});
