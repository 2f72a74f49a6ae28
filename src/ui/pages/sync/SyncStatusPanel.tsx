import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../core/sync/sync-status';
import type { BatchState } from '../../../core/sync/sync.table';
import { useApiMutation } from '../../api/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { currentLanguage } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { FingerprintGroups } from './FingerprintGroups';
import { Quarantine, RecentBatches } from './BatchTables';
import { alertText, clockOffsetText, momentText, reasonText, whenText } from './sync-wording';

type Enrollment = NonNullable<SyncStatus['enrollment']>;

const STATES: readonly BatchState[] = ['sealed', 'held', 'acknowledged', 'refused', 'superseded'];

/** One line of the connection's facts: a term and what it is. */
function Fact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="30%">
        {term}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/**
 * The key this center signs batches and certificates with; the administrator replaces it (after a
 * suspected leak, or by the agency's schedule). The registry takes the new key first, so nothing
 * is signed with a key it does not know; what was signed before stays valid.
 */
function SigningKey({ kid }: { readonly kid: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [isAsking, setIsAsking] = useState(false);
  const rotate = useApiMutation('sync.rotateKey', {
    onSuccess: () => {
      setIsAsking(false);
      notifyDone(t('sync:key.rotated'), t('common:actions.close'));
    },
    onError: () => setIsAsking(false),
  });
  return (
    <Stack gap={6}>
      <Text component="span" ff="monospace" size="sm" data-testid="signing-kid">
        {kid}
      </Text>
      {session.can('sync.enroll') && (
        <Group>
          <Button variant="default" size="xs" onClick={() => setIsAsking(true)}>
            {t('sync:key.rotate')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={rotate.error} />
      {isAsking && (
        <ConfirmDialog
          title={t('sync:key.confirmTitle')}
          message={t('sync:key.confirmMessage')}
          confirmLabel={t('sync:key.rotate')}
          isCancelDefault
          isPending={rotate.isPending}
          onConfirm={() => rotate.mutate({})}
          onCancel={() => setIsAsking(false)}
        />
      )}
    </Stack>
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
            <Fact term={t('sync:status.signingKey')}>
              <SigningKey kid={enrollment.signingKid} />
            </Fact>
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
                  <Text component="span" size="sm">{reasonText(t, enrollment.lastError)}</Text>
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

/**
 * The upload of an enrolled center: the buttons, the connection and the counts, then what the
 * page puts next (the preview: what will leave comes before the history of what left), then the
 * recent batches and the quarantine.
 */
export function SyncStatusPanel({ status, children }: { readonly status: SyncStatus; readonly children?: ReactNode }) {
  if (status.enrollment === null) return null;
  return (
    <Stack>
      <UploadActions />
      <ConnectionFacts enrollment={status.enrollment} />
      <Counts status={status} />
      {children}
      <RecentBatches batches={status.recentBatches} />
      <Quarantine entries={status.quarantine} />
    </Stack>
  );
}
