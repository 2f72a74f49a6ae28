import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../core/sync/sync-status';
import type { BatchState } from '../../../core/sync/sync.table';
import { momentText, reasonText } from './sync-wording';

const STATE_COLOR: Readonly<Record<BatchState, string>> = { sealed: 'blue', held: 'yellow', acknowledged: 'teal', refused: 'red', superseded: 'gray' };

/** The last batches, newest first. */
export function RecentBatches({ batches }: { readonly batches: SyncStatus['recentBatches'] }) {
  const { t } = useTranslation();
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3} id="sync-batches-title">
          {t('sync:batches.title')}
        </Title>
        {batches.length === 0 ? (
          <Text c="dimmed">{t('sync:batches.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-labelledby="sync-batches-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync:batches.seq')}</Table.Th>
                  <Table.Th>{t('sync:batches.state')}</Table.Th>
                  <Table.Th>{t('sync:batches.records')}</Table.Th>
                  <Table.Th>{t('sync:batches.size')}</Table.Th>
                  <Table.Th>{t('sync:batches.sealedAt')}</Table.Th>
                  <Table.Th>{t('sync:batches.acknowledgedAt')}</Table.Th>
                  <Table.Th>{t('sync:batches.attempts')}</Table.Th>
                  <Table.Th>{t('sync:batches.lastError')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.map((batch) => (
                  <Table.Tr key={batch.batchId}>
                    <Table.Td>{batch.seq}</Table.Td>
                    <Table.Td>
                      <Badge color={STATE_COLOR[batch.state]} variant="light" style={{ textTransform: 'none' }}>
                        {t(`sync:states.${batch.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{batch.recordCount}</Table.Td>
                    <Table.Td>{t('sync:batches.kilobytes', { value: Math.max(1, Math.round(batch.sizeBytes / 1024)) })}</Table.Td>
                    <Table.Td>{momentText(batch.sealedAt)}</Table.Td>
                    <Table.Td>
                      {batch.acknowledgedAt === null ? '—' : `${momentText(batch.acknowledgedAt)} (${t(batch.acknowledgedVia === 'file' ? 'sync:batches.viaFile' : 'sync:batches.viaNetwork')})`}
                    </Table.Td>
                    <Table.Td>{batch.attempts}</Table.Td>
                    <Table.Td>{batch.lastError === null ? '—' : reasonText(t, batch.lastError)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** The records the registry refused, with the reason. */
export function Quarantine({ entries }: { readonly entries: SyncStatus['quarantine'] }) {
  const { t } = useTranslation();
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3} id="sync-quarantine-title">
          {t('sync:quarantine.title')}
        </Title>
        {entries.length === 0 ? (
          <Text c="dimmed">{t('sync:quarantine.none')}</Text>
        ) : (
          <>
            <Text size="sm">{t('sync:quarantine.intro')}</Text>
            <Table.ScrollContainer minWidth={700}>
              <Table striped aria-labelledby="sync-quarantine-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sync:quarantine.type')}</Table.Th>
                    <Table.Th>{t('sync:quarantine.entityId')}</Table.Th>
                    <Table.Th>{t('sync:quarantine.version')}</Table.Th>
                    <Table.Th>{t('sync:quarantine.reason')}</Table.Th>
                    <Table.Th>{t('sync:quarantine.batch')}</Table.Th>
                    <Table.Th>{t('sync:quarantine.since')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <Table.Tr key={`${entry.entityId}-${entry.version}`}>
                      <Table.Td>{t(`sync:types.${entry.type}`, { defaultValue: entry.type })}</Table.Td>
                      <Table.Td>
                        <Text component="span" ff="monospace" size="xs">
                          {entry.entityId}
                        </Text>
                      </Table.Td>
                      <Table.Td>{entry.version}</Table.Td>
                      <Table.Td>{reasonText(t, entry.reason)}</Table.Td>
                      <Table.Td>{entry.batchSeq}</Table.Td>
                      <Table.Td>{momentText(entry.quarantinedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
