import { Anchor, Badge, Button, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutputOf } from '../../../../core/client';
import { useApiMutation, useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { notifyDone } from '../../../components/notify';
import { formatInstant } from '../clinical/clinical-format';
import { useReaderNames } from '../../../components/reader-names';

type EmergencyAccessItem = OutputOf<'counseling.listEmergencyAccess'>['items'][number];

function EmergencyAccessRow({ item, onReview, isPending }: { readonly item: EmergencyAccessItem; readonly onReview: (id: string) => void; readonly isPending: boolean }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const client = names.fullName(item.client);
  return (
    // Named by who opened whose record, so each break of the glass is found by the two names.
    <Table.Tr aria-label={t('clinical:emergency.rowName', { psychologist: item.psychologistName, client })}>
      <Table.Td>{item.psychologistName}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/clients/${encodeURIComponent(item.clientId)}?tab=counseling`}>
          {client}
        </Anchor>
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {item.reason}
        </Text>
      </Table.Td>
      <Table.Td>{formatInstant(item.openedAt)}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{formatInstant(item.expiresAt)}</Text>
          <Badge color={item.isActive ? 'orange' : 'gray'} variant="light">
            {item.isActive ? t('clinical:emergency.active') : t('clinical:emergency.expired')}
          </Badge>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" loading={isPending} onClick={() => onReview(item.id)} aria-label={t('clinical:emergency.reviewFor', { psychologist: item.psychologistName, client })}>
          {t('clinical:emergency.review')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Break-the-glass events not yet reviewed (`counseling.listEmergencyAccess`): who opened which
 * client's record, why, when and until when. Reviewing takes one off the list; the access itself
 * still runs out on time. Reading the list is audited (the reasons are confidential content).
 */
export function EmergencyAccessList() {
  const { t } = useTranslation();
  const list = useApiQuery('counseling.listEmergencyAccess', {});
  const review = useApiMutation('counseling.reviewEmergencyAccess', {
    onSuccess: () => notifyDone(t('clinical:emergency.reviewed'), t('common:actions.close')),
  });
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="emergency-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="emergency-title">
          {t('clinical:emergency.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('clinical:emergency.explain')}
        </Text>
        {list.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        <ErrorAlert error={list.error} />
        <ErrorAlert error={review.error} />
        {list.isSuccess && items.length === 0 && <Text>{t('clinical:emergency.none')}</Text>}
        {items.length > 0 && (
          <Table aria-labelledby="emergency-title" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clinical:emergency.psychologist')}</Table.Th>
                <Table.Th>{t('clinical:list.client')}</Table.Th>
                <Table.Th>{t('clinical:emergency.reason')}</Table.Th>
                <Table.Th>{t('clinical:emergency.openedAt')}</Table.Th>
                <Table.Th>{t('clinical:emergency.expiresAt')}</Table.Th>
                <Table.Th>{t('clinical:list.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <EmergencyAccessRow key={item.id} item={item} onReview={(id) => review.mutate({ id })} isPending={review.isPending && review.variables.id === item.id} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
