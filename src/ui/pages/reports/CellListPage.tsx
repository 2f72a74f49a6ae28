import { Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { INDICATOR_IDS } from '../../../core/reports/reports.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayLocal } from '../clients/client-format';
import { filtersFromParams, filtersToParams, formatIsoDay, presetPeriod } from './report-filters';
import { useCellLabels } from './report-labels';

/** The persons behind one number of the dashboard (only for roles that may see the client list). */
export function CellListPage() {
  const { t } = useTranslation();
  const labels = useCellLabels();
  const [params] = useSearchParams();
  const filters = filtersFromParams(params, { ...presetPeriod('twelveMonths', todayLocal()), regionCode: null, districtCode: null, sex: null, ageBand: null });
  const indicatorId = INDICATOR_IDS.find((id) => id === params.get('indicator')) ?? 'peopleServed.byAgeSex';
  const row = params.get('row');
  const column = params.get('column');
  const list = useApiQuery('reports.cellPersons', { indicatorId, filters, row, column });
  const definitions = useApiQuery('reports.indicators', {});
  const definition = definitions.data?.indicators.find((candidate) => candidate.id === indicatorId);
  const cellWords = definition === undefined ? [] : [row === null ? null : labels.key(definition.rowDimension, row), column === null ? null : labels.key(definition.columnDimension, column)].filter((word) => word !== null);
  return (
    <Stack maw={900}>
      <Anchor component={Link} to={`/reports?${filtersToParams(filters).toString()}`}>
        {t('reports:list.back')}
      </Anchor>
      <Title order={2}>{t('reports:list.title')}</Title>
      <Text>
        {labels.indicatorTitle(indicatorId)}
        {cellWords.length > 0 ? `: ${cellWords.join(', ')}` : ''} ({formatIsoDay(filters.from)} – {formatIsoDay(filters.to)})
      </Text>
      <ErrorAlert error={list.error} />
      {list.isPending && <Loader aria-label={t('common:loading')} />}
      {list.data && list.data.persons.length === 0 && <Text c="dimmed">{t('reports:list.empty')}</Text>}
      {list.data && list.data.persons.length > 0 && (
        <Table withTableBorder striped aria-label={t('reports:list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports:list.name')}</Table.Th>
              <Table.Th scope="col">{t('reports:list.birthYear')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.persons.map((person) => (
              <Table.Tr key={person.clientId}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${person.clientId}`}>
                    {person.lastName} {person.firstName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{person.birthYear}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data?.isTruncated === true && <Text size="sm">{t('reports:list.truncated', { count: list.data.persons.length })}</Text>}
    </Stack>
  );
}
