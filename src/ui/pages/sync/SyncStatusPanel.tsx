import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../core/sync/sync-status';
import type { BatchState } from '../../../core/sync/sync.table';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { currentLanguage } from '../../i18n/i18n';
import { FingerprintGroups } from './FingerprintGroups';
import { alertText, clockOffsetText, momentText, reasonText, whenText } from './sync-wording';

type Enrollment = NonNullable<SyncStatus['enrollment']>;

const STATES: readonly BatchState[] = ['sealed', 'held', 'acknowledged', 'refused', 'superseded'];
const STATE_COLOR: Readonly<Record<BatchState, string>> = { sealed: 'blue', held: 'yellow', acknowledged: 'teal', refused: 'red', superseded: 'gray' };

/** One line of the connection's facts: a term and what it is. */
function Fact({ term, children }: { readonly term: string; readonly children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="30%">
        {term}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The registry, the last contact, the clock, the last problem and the next attempt; the alert above them. */
function ConnectionFacts({ enrollment }: { readonly enrollment: Enrollment }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const clock = clockOffsetText(t, enrollment.clockOffsetMs);
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3}>{t('sync:status.title')}</Title>
        {enrollment.alert !== null && (
          <Alert color="red" title={t('sync:status.alertTitle')}>
            {alertText(t, enrollment.alert)}
          </Alert>
        )}
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            <Fact term={t('sync:status.registryUrl')}>{enrollment.registryUrl}</Fact>
            <Fact term={t('sync:status.fingerprint')}>
              <FingerprintGroups fingerprint={enrollment.fingerprint} label={t('sync:enroll.fingerprintGroups')} size={17} />
            </Fact>
            <Fact term={t('sync:status.centerId')}>
              <Text component="span" ff="monospace" size="sm">
                {enrollment.centerId}
              </Text>
            </Fact>
            <Fact term={t('sync:status.enrolledAt')}>{momentText(enrollment.enrolledAt)}</Fact>
            <Fact term={t('sync:status.lastContact')}>{enrollment.lastContactAt === null ? t('sync:status.never') : whenText(enrollment.lastContactAt, language)}</Fact>
            {clock !== null && (
              <Fact term={t('sync:status.clock')}>
                <Text component="span" c="orange.9" fw={600}>
                  {clock}
                </Text>
              </Fact>
            )}
            <Fact term={t('sync:status.lastError')}>
              {enrollment.lastError === null ? (
                t('sync:status.noError')
              ) : (
                <Stack gap={2}>
                  <Text component="span">{reasonText(t, enrollment.lastError)}</Text>
                  <Text component="span" size="sm" c="dimmed">
                    {t('sync:status.failures', { count: enrollment.failures })}
                  </Text>
                </Stack>
              )}
            </Fact>
            {enrollment.lastError !== null && (
              <Fact term={t('sync:status.nextAttempt')}>{enrollment.nextAttemptAt === null ? t('sync:status.nextAttemptSoon') : whenText(enrollment.nextAttemptAt, language)}</Fact>
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** How many records wait, and how many batches are in each state. */
function Counts({ status }: { readonly status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3}>{t('sync:counts.title')}</Title>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" component="dl" m={0}>
          <Stack gap={0}>
            <Text component="dt" size="sm" c="dimmed">
              {t('sync:counts.pending')}
            </Text>
            <Text component="dd" m={0} fz="xl" fw={700} data-count="pending">
              {status.pendingRecords}
            </Text>
          </Stack>
          {STATES.map((state) => (
            <Stack gap={0} key={state}>
              <Text component="dt" size="sm" c="dimmed">
                {t(`sync:states.${state}`)}
              </Text>
              <Text component="dd" m={0} fz="xl" fw={700} data-count={state}>
                {status.batches[state].count}{' '}
                <Text component="span" size="sm" fw={400} c="dimmed">
                  ({t('sync:counts.records', { count: status.batches[state].records })})
                </Text>
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** The last batches, newest first. */
function RecentBatches({ batches }: { readonly batches: SyncStatus['recentBatches'] }) {
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
function Quarantine({ entries }: { readonly entries: SyncStatus['quarantine'] }) {
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

/** "Upload now" and "Seal now", with what each did in a notification. */
function UploadActions() {
  const { t } = useTranslation();
  const close = t('common:actions.close');
  const upload = useApiMutation('sync.uploadNow', {
    onSuccess: (result) => {
      if (result.state === 'done') notifyDone(t('sync:result.done', { acknowledged: result.acknowledged, held: result.held, refused: result.refused }), close);
    },
  });
  const seal = useApiMutation('sync.seal', {
    onSuccess: (result) => notifyDone(result.batches === 0 ? t('sync:actions.nothingToSeal') : t('sync:actions.sealed', { batches: result.batches, records: result.records }), close),
  });
  const failed = upload.data !== undefined && upload.data.state !== 'done' ? upload.data : null;
  return (
    <Stack>
      <Group>
        <Button onClick={() => upload.mutate({})} loading={upload.isPending}>
          {t('sync:actions.uploadNow')}
        </Button>
        <Button variant="default" onClick={() => seal.mutate({})} loading={seal.isPending}>
          {t('sync:actions.sealNow')}
        </Button>
      </Group>
      {failed !== null && (
        <Alert color="orange" role="alert">
          {failed.state === 'failed'
            ? t('sync:result.failed', { reason: reasonText(t, failed.reason ?? 'network') })
            : t(failed.state === 'notEnrolled' ? 'sync:result.notEnrolled' : 'sync:result.deferred')}
        </Alert>
      )}
      <ErrorAlert error={upload.error ?? seal.error} />
    </Stack>
  );
}

/** Everything about the upload of an enrolled center. */
export function SyncStatusPanel({ status }: { readonly status: SyncStatus }) {
  if (status.enrollment === null) return null;
  return (
    <Stack>
      <UploadActions />
      <ConnectionFacts enrollment={status.enrollment} />
      <Counts status={status} />
      <RecentBatches batches={status.recentBatches} />
      <Quarantine entries={status.quarantine} />
    </Stack>
  );
}
