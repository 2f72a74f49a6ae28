import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { AGE_BANDS, SEXES, type ReportFilters } from '../../../core/reports/reports.schema';
import { useGeoNames } from '../../components/geo-names';
import { DAY_FORMAT, parseDayText } from '../../forms/day-text';
import { todayLocal } from '../clients/client-format';
import { PRESETS, presetPeriod } from './report-filters';

interface Props {
  readonly filters: ReportFilters;
  onChange(filters: ReportFilters): void;
}

/** Period (presets or two days), region and district, sex and age band. */
export function ReportFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const region = geo.regions.find((candidate) => candidate.code === filters.regionCode);
  const any = t('reports:filters.any');
  return (
    <Stack gap="xs" component="section" aria-label={t('reports:filters.title')}>
      <Group gap="xs" role="group" aria-label={t('reports:filters.preset')}>
        {PRESETS.map((preset) => (
          <Button key={preset} size="xs" variant="light" onClick={() => onChange({ ...filters, ...presetPeriod(preset, todayLocal()) })}>
            {t(`reports:filters.${preset}`)}
          </Button>
        ))}
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DateInput
          label={t('reports:filters.from')}
          valueFormat={DAY_FORMAT}
          placeholder="dd.mm.yyyy"
          dateParser={parseDayText}
          value={filters.from}
          onChange={(day) => day !== null && onChange({ ...filters, from: day })}
          w={150}
        />
        <DateInput
          label={t('reports:filters.to')}
          valueFormat={DAY_FORMAT}
          placeholder="dd.mm.yyyy"
          dateParser={parseDayText}
          value={filters.to}
          onChange={(day) => day !== null && onChange({ ...filters, to: day })}
          w={150}
        />
        <Select
          label={t('reports:filters.region')}
          data={[{ value: '', label: any }, ...geo.regions.map((candidate) => ({ value: candidate.code, label: candidate.name[geo.language] }))]}
          value={filters.regionCode ?? ''}
          onChange={(value) => onChange({ ...filters, regionCode: value === null || value === '' ? null : value, districtCode: null })}
          searchable
          w={220}
        />
        <Select
          label={t('reports:filters.district')}
          data={[{ value: '', label: any }, ...(region?.districts ?? []).map((district) => ({ value: district.code, label: district.name[geo.language] }))]}
          value={filters.districtCode ?? ''}
          onChange={(value) => onChange({ ...filters, districtCode: value === null || value === '' ? null : value })}
          disabled={region === undefined}
          searchable
          w={220}
        />
        <Select
          label={t('reports:filters.sex')}
          data={[{ value: '', label: any }, ...SEXES.map((sex) => ({ value: sex, label: t(`reports:dimension.sex.${sex}`) }))]}
          value={filters.sex ?? ''}
          onChange={(value) => onChange({ ...filters, sex: SEXES.find((sex) => sex === value) ?? null })}
          w={150}
        />
        <Select
          label={t('reports:filters.ageBand')}
          data={[{ value: '', label: any }, ...AGE_BANDS.map((band) => ({ value: band, label: t(`reports:dimension.ageBand.${band}`) }))]}
          value={filters.ageBand ?? ''}
          onChange={(value) => onChange({ ...filters, ageBand: AGE_BANDS.find((band) => band === value) ?? null })}
          w={160}
        />
      </Group>
      {filters.from > filters.to && (
        <Text c="red" size="sm" role="alert">
          {t('reports:filters.periodError')}
        </Text>
      )}
    </Stack>
  );
}
