import { BarChart, LineChart } from '@mantine/charts';
import { Card, Group, Loader, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { INDICATOR_IDS, previousPeriod, type IndicatorId, type IndicatorTable, type ReportFilters } from '../../../core/reports/reports.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { todayLocal } from '../clients/client-format';
import { ExportPanel } from './ExportPanel';
import { IndicatorTableView } from './IndicatorTableView';
import { filtersFromParams, filtersToParams, presetPeriod } from './report-filters';
import { useCellLabels, type CellLabels } from './report-labels';
import { ReportFiltersBar } from './ReportFiltersBar';

const EMPTY = { regionCode: null, districtCode: null, sex: null, ageBand: null } as const;

function useIndicator(indicatorId: IndicatorId, filters: ReportFilters, isEnabled = true) {
  return useApiQuery('reports.compute', { indicatorId, filters }, { enabled: isEnabled && filters.from <= filters.to, staleTime: 60_000 });
}

/** The one number of a table a summary card shows. */
const headline: Partial<Record<IndicatorId, (table: IndicatorTable) => number | null>> = {
  'peopleServed.byAgeSex': (table) => table.grandTotal,
  'services.byType': (table) => table.columnTotals?.[0] ?? null,
  'cases.openedClosed': (table) => table.cells[0]?.[0] ?? null,
  'counseling.sessionsByKindRisk': (table) => table.grandTotal,
};
const SUMMARY: readonly (readonly [IndicatorId, string])[] = [
  ['peopleServed.byAgeSex', 'served'],
  ['services.byType', 'services'],
  ['cases.openedClosed', 'casesOpened'],
  ['counseling.sessionsByKindRisk', 'sessions'],
];

function SummaryCard({ indicatorId, word, filters }: { readonly indicatorId: IndicatorId; readonly word: string; readonly filters: ReportFilters }) {
  const { t } = useTranslation();
  const current = useIndicator(indicatorId, filters);
  const previous = useIndicator(indicatorId, previousPeriod(filters));
  const pick = headline[indicatorId];
  const now = current.data && pick ? pick(current.data) : null;
  const before = previous.data && pick ? pick(previous.data) : null;
  const change = now !== null && before !== null && before > 0 ? Math.round(((now - before) * 100) / before) : null;
  return (
    <Card withBorder padding="sm" component="section" aria-label={t(`reports:summary.${word}`)}>
      <Text size="sm" c="dimmed">
        {t(`reports:summary.${word}`)}
      </Text>
      <Text fz={28} fw={700}>
        {now ?? '…'}
      </Text>
      {before !== null && <Text size="sm">{t('reports:summary.previous', { count: before })}</Text>}
      {change !== null && (
        <Text size="sm" c={change >= 0 ? 'teal.8' : 'red.8'} aria-label={t('reports:summary.change')}>
          {change >= 0 ? `+${String(change)}` : String(change)}%
        </Text>
      )}
    </Card>
  );
}

function TargetsCard() {
  const { t } = useTranslation();
  const targets = useApiQuery('reports.targets', {});
  const table = useApiQuery('reports.compute', { indicatorId: 'training.disabilityTargets', filters: { from: '2000-01-01', to: todayLocal(), ...EMPTY } });
  const employed = table.data?.rowTotals?.[2] ?? 0;
  const data = targets.data;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="reports-targets">
      <Title order={3} size="h4" id="reports-targets">
        {t('reports:targets.title')}
      </Title>
      <ErrorAlert error={targets.error ?? table.error} />
      {data && (
        <Stack gap={6} mt="xs">
          <Text size="sm">{t('reports:targets.employed', { count: employed, target: data.targets.trainedAndEmployedWithDisability })}</Text>
          <Progress value={Math.min(100, (employed * 100) / data.targets.trainedAndEmployedWithDisability)} aria-label={t('reports:targets.employed', { count: employed, target: data.targets.trainedAndEmployedWithDisability })} />
          <Text size="sm">{data.youthSharePercent === null ? t('reports:targets.youthNone') : t('reports:targets.youth', { percent: data.youthSharePercent, target: data.targets.youthShareMinPercent })}</Text>
          {data.youthSharePercent !== null && <Progress color={data.youthSharePercent >= data.targets.youthShareMinPercent ? 'teal' : 'orange'} value={data.youthSharePercent} aria-label={t('reports:targets.youth', { percent: data.youthSharePercent, target: data.targets.youthShareMinPercent })} />}
        </Stack>
      )}
    </Card>
  );
}

function Charts({ filters, labels }: { readonly filters: ReportFilters; readonly labels: CellLabels }) {
  const { t } = labels;
  const byAge = useIndicator('peopleServed.byAgeSex', filters);
  const byMonth = useIndicator('peopleServed.byMonth', filters);
  const female = labels.key('sex', 'female');
  const male = labels.key('sex', 'male');
  const series = [
    { name: 'female', label: female, color: 'grape.6' },
    { name: 'male', label: male, color: 'blue.6' },
  ];
  const rowsOf = (table: IndicatorTable | undefined) =>
    (table?.rows ?? []).map((row, r) => ({ key: labels.key(table?.rowDimension ?? 'count', row), female: table?.cells[r]?.[0] ?? 0, male: table?.cells[r]?.[1] ?? 0 }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder padding="sm" component="figure" m={0} aria-label={t('reports:chart.byAgeSex')}>
        <Text fw={600} mb="xs" component="figcaption">
          {t('reports:chart.byAgeSex')}
        </Text>
        <BarChart h={220} data={rowsOf(byAge.data)} dataKey="key" series={series} withLegend />
      </Card>
      <Card withBorder padding="sm" component="figure" m={0} aria-label={t('reports:chart.byMonth')}>
        <Text fw={600} mb="xs" component="figcaption">
          {t('reports:chart.byMonth')}
        </Text>
        <LineChart h={220} data={rowsOf(byMonth.data)} dataKey="key" series={series} withLegend curveType="linear" />
      </Card>
    </SimpleGrid>
  );
}

function IndicatorSection({ indicatorId, filters, labels, canOpenList }: { readonly indicatorId: IndicatorId; readonly filters: ReportFilters; readonly labels: CellLabels; readonly canOpenList: boolean }) {
  const query = useIndicator(indicatorId, indicatorId === 'training.disabilityTargets' ? { from: '2000-01-01', to: todayLocal(), ...EMPTY } : filters);
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <Loader size="sm" aria-label={labels.indicatorTitle(indicatorId)} />;
  return <IndicatorTableView table={query.data} filters={filters} labels={labels} canOpenList={canOpenList} />;
}

/** The manager's dashboard: filters, the headline numbers against the previous period, the program's targets, charts, every indicator's table and the export. */
export function ReportsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const labels = useCellLabels();
  const [params, setParams] = useSearchParams();
  const fallback: ReportFilters = { ...presetPeriod('twelveMonths', todayLocal()), ...EMPTY };
  const filters = filtersFromParams(params, fallback);
  const indicators = useApiQuery('reports.indicators', {});
  const listPermission = new Map((indicators.data?.indicators ?? []).map((definition) => [definition.id, definition.listPermission]));
  const canOpen = (id: IndicatorId) => {
    const permission = listPermission.get(id) ?? null;
    return permission === 'clients.read' && session.can(permission);
  };
  return (
    <Stack maw={1200} gap="md">
      <Title order={2}>{t('reports:title')}</Title>
      <Text size="sm">{t('reports:intro')}</Text>
      <ReportFiltersBar filters={filters} onChange={(next) => setParams(filtersToParams(next), { replace: true })} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {SUMMARY.map(([indicatorId, word]) => (
          <SummaryCard key={indicatorId} indicatorId={indicatorId} word={word} filters={filters} />
        ))}
      </SimpleGrid>
      <TargetsCard />
      <Charts filters={filters} labels={labels} />
      <ExportPanel filters={filters} labels={labels} />
      <Group gap="xl" align="flex-start">
        <Stack gap="lg" w="100%">
          {INDICATOR_IDS.map((indicatorId) => (
            <IndicatorSection key={indicatorId} indicatorId={indicatorId} filters={filters} labels={labels} canOpenList={canOpen(indicatorId)} />
          ))}
        </Stack>
      </Group>
    </Stack>
  );
}
