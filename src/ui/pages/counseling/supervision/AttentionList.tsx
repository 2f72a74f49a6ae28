import { Anchor, Badge, Button, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutputOf } from '../../../../core/client';
import { useApiMutation, useApiQuery } from '../../../api/api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { notifyDone } from '../../../components/notify';
import { todayLocal } from '../../clients/client-format';
import { formatDay, formatInstant } from '../clinical/clinical-format';
import { RiskLevelBadge } from '../clinical/RiskLevelBadge';
import { useReaderNames } from '../../../components/reader-names';

type AttentionItem = OutputOf<'counseling.listAttention'>['items'][number];

function AttentionRow({ item, onResolve }: { readonly item: AttentionItem; readonly onResolve: (item: AttentionItem) => void }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const name = names.fullName(item.client);
  const isDue = item.safetyPlanReviewOn <= todayLocal();
  return (
    // The row is named by the client, so a person (and a test) finds "the row of Karimova Dilnoza".
    <Table.Tr aria-label={name}>
      <Table.Td>
        <Anchor component={Link} to={`/clients/${encodeURIComponent(item.clientId)}?tab=counseling`}>
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <RiskLevelBadge level={item.level} />
      </Table.Td>
      <Table.Td>{formatInstant(item.raisedAt)}</Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{formatDay(item.safetyPlanReviewOn)}</Text>
          {isDue && !item.hasSafetyPlanSince && (
            <Badge color="red" variant="light">
              {t('clinical:attention.reviewDue')}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>{item.hasSafetyPlanSince ? t('clinical:attention.planRecorded') : t('clinical:attention.noPlanYet')}</Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" onClick={() => onResolve(item)} aria-label={t('clinical:attention.resolveFor', { name })}>
          {t('clinical:attention.resolve')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Clients whose risk rose to high or severe, with the safety-plan review each needs; a supervisor resolves them (`counseling.listAttention`). */
export function AttentionList() {
  const { t } = useTranslation();
  const names = useReaderNames();
  const list = useApiQuery('counseling.listAttention', {});
  const [asked, setAsked] = useState<AttentionItem | null>(null);
  const resolve = useApiMutation('counseling.resolveAttention', {
    onSuccess: () => {
      setAsked(null);
      notifyDone(t('clinical:attention.resolved'), t('common:actions.close'));
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attention-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="attention-title">
          {t('clinical:attention.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('clinical:attention.explain')}
        </Text>
        {list.isPending && <Loader size="sm" aria-label={t('common:loading')} />}
        <ErrorAlert error={list.error} />
        <ErrorAlert error={resolve.error} />
        {list.isSuccess && items.length === 0 && <Text>{t('clinical:attention.none')}</Text>}
        {items.length > 0 && (
          <Table aria-labelledby="attention-title" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clinical:list.client')}</Table.Th>
                <Table.Th>{t('clinical:attention.level')}</Table.Th>
                <Table.Th>{t('clinical:attention.raisedAt')}</Table.Th>
                <Table.Th>{t('clinical:attention.reviewOn')}</Table.Th>
                <Table.Th>{t('clinical:attention.safetyPlan')}</Table.Th>
                <Table.Th>{t('clinical:list.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <AttentionRow key={item.id} item={item} onResolve={setAsked} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {asked && (
        <ConfirmDialog
          title={t('clinical:attention.confirmTitle')}
          message={t('clinical:attention.confirmMessage', { name: names.fullName(asked.client) })}
          confirmLabel={t('clinical:attention.resolve')}
          isPending={resolve.isPending}
          onConfirm={() => resolve.mutate({ id: asked.id })}
          onCancel={() => setAsked(null)}
        />
      )}
    </Paper>
  );
}
