import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IndicatorTable, ReportFilters } from '../../../core/reports/reports.schema';
import { filtersToParams } from './report-filters';
import type { CellLabels } from './report-labels';

interface Props {
  readonly table: IndicatorTable;
  readonly filters: ReportFilters;
  readonly labels: CellLabels;
  /** Whether this role may open the persons behind the numbers (the indicator's list permission). */
  readonly canOpenList: boolean;
}

/** One indicator as a table; a number links to the persons behind it for roles that may see them. */
export function IndicatorTableView({ table, filters, labels, canOpenList }: Props) {
  const { t } = useTranslation();
  const id = `indicator-${table.indicatorId.replace('.', '-')}`;
  const number = (value: number | null, row: string | null, column: string | null) => {
    if (value === null) return '';
    if (!canOpenList || value === 0) return value;
    const params = filtersToParams(filters);
    params.set('indicator', table.indicatorId);
    if (row !== null) params.set('row', row);
    if (column !== null) params.set('column', column);
    return (
      <Anchor component={Link} to={`/reports/list?${params.toString()}`} title={t('reports:table.showList')}>
        {value}
      </Anchor>
    );
  };
  return (
    <Stack gap={4} component="section" aria-labelledby={id}>
      <Title order={3} id={id} size="h4">
        {labels.indicatorTitle(table.indicatorId)}
      </Title>
      <Text size="sm" c="dimmed">
        {t(`reports:indicator.${table.indicatorId}.definition`)}
      </Text>
      <Table withTableBorder withColumnBorders striped aria-labelledby={id} maw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`reports:dimensionName.${table.rowDimension}`)}</Table.Th>
            {table.columns.map((column) => (
              <Table.Th key={column} scope="col" ta="right">
                {labels.key(table.columnDimension, column)}
              </Table.Th>
            ))}
            {table.rowTotals !== null && (
              <Table.Th scope="col" ta="right">
                {t('reports:table.total')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, r) => (
            <Table.Tr key={row}>
              <Table.Th scope="row" fw={400}>
                {labels.key(table.rowDimension, row)}
              </Table.Th>
              {table.columns.map((column, c) => (
                <Table.Td key={column} ta="right">
                  {number(table.cells[r]?.[c] ?? null, row, column)}
                </Table.Td>
              ))}
              {table.rowTotals !== null && <Table.Td ta="right">{number(table.rowTotals[r] ?? null, row, null)}</Table.Td>}
            </Table.Tr>
          ))}
          {table.columnTotals !== null && (
            <Table.Tr>
              <Table.Th scope="row">{t('reports:table.total')}</Table.Th>
              {table.columnTotals.map((value, c) => (
                <Table.Td key={table.columns[c]} ta="right" fw={600}>
                  {number(value, null, table.columns[c] ?? null)}
                </Table.Td>
              ))}
              {table.rowTotals !== null && (
                <Table.Td ta="right" fw={600}>
                  {number(table.grandTotal, null, null)}
                </Table.Td>
              )}
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
