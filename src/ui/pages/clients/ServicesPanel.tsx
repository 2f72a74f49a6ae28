import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { FormDrawer } from './FormDrawer';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { formatDay } from './client-format';
import { RecordServiceForm } from './RecordServiceForm';
import { useServiceNames } from './service-names';

/** Services delivered to the client (newest first); recording one from the catalog opens a drawer. */
export function ServicesPanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const services = useServiceNames();
  const deliveries = useApiQuery('services.listForClient', { clientId });
  const cases = useApiQuery('cases.listForClient', { clientId });
  const openCaseId = cases.data?.items.find((item) => item.status === 'open')?.id;
  const items = deliveries.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="services-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="services-title">
            {t('care:services.title')}
          </Title>
          {session.can('services.write') && <FormDrawer label={t('care:services.record')}>{(done) => <RecordServiceForm clientId={clientId} caseId={openCaseId} onDone={done} />}</FormDrawer>}
        </Group>
        <ErrorAlert error={deliveries.error} />
        {deliveries.isSuccess && items.length === 0 && <Text c="dimmed">{t('care:services.empty')}</Text>}
        {items.length > 0 && (
          <Table aria-labelledby="services-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('care:services.deliveredOn')}</Table.Th>
                <Table.Th>{t('care:services.service')}</Table.Th>
                <Table.Th>{t('care:services.duration')}</Table.Th>
                <Table.Th>{t('care:services.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDay(item.deliveredOn)}</Table.Td>
                  <Table.Td>{services.name(item.serviceCode)}</Table.Td>
                  <Table.Td>{item.durationMinutes === null ? '' : t('care:services.minutes', { count: item.durationMinutes })}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {item.consentOverrideReason !== null && (
                      <Text size="sm" fw={600} component="span" display="block">
                        {t('care:services.overriddenBecause', { reason: item.consentOverrideReason })}
                      </Text>
                    )}
                    {item.note ?? ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
