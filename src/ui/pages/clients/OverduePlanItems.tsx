import { Anchor, Badge, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OverduePlanItemWithClient } from '../../../core/cases/cases.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay } from './client-format';
import { useServiceNames } from './service-names';
import { useReaderNames } from '../../components/reader-names';

/** The client's name for one overdue row, as the list carries it: not an opening of the record (no read audit). */
function ClientLink({ clientId, name }: { readonly clientId: string; readonly name: string }) {
  return (
    <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`}>
      {name}
    </Anchor>
  );
}

function OverdueRow({ item, serviceName }: { readonly item: OverduePlanItemWithClient; readonly serviceName: string }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  return (
    <Table.Tr>
      <Table.Td>
        <ClientLink clientId={item.clientId} name={names.fullName(item.client)} />
      </Table.Td>
      <Table.Td>{serviceName}</Table.Td>
      <Table.Td>{item.goal}</Table.Td>
      <Table.Td>{formatDay(item.dueDate)}</Table.Td>
      <Table.Td>
        <Badge color="red" variant="light">
          {t('care:plan.daysOverdue', { count: item.daysOverdue })}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}

/** The signed-in case worker's overdue plan items, most overdue first (`cases.overduePlanItems`). */
export function OverduePlanItems() {
  const { t } = useTranslation();
  const overdue = useApiQuery('cases.overduePlanItems', {});
  const services = useServiceNames();
  const items = overdue.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="overdue-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="overdue-title">
          {t('care:overdue.title')}
        </Title>
        {overdue.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        <ErrorAlert error={overdue.error} />
        {overdue.isSuccess && items.length === 0 && <Text c="dimmed">{t('care:overdue.none')}</Text>}
        {items.length > 0 && (
          <Table aria-labelledby="overdue-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('care:overdue.client')}</Table.Th>
                <Table.Th>{t('care:plan.service')}</Table.Th>
                <Table.Th>{t('care:plan.goal')}</Table.Th>
                <Table.Th>{t('care:plan.dueDate')}</Table.Th>
                <Table.Th>{t('care:plan.overdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <OverdueRow key={item.id} item={item} serviceName={services.name(item.serviceCode)} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
