import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { EnrollForm } from './EnrollForm';
import { FingerprintGroups } from './FingerprintGroups';
import { PreviewSection } from './PreviewSection';
import { SyncStatusPanel } from './SyncStatusPanel';
import { UsbTransfer } from './UsbTransfer';

/** Right after enrolling: the fingerprint, large, to compare with the letter group by group. */
function EnrolledNotice({ fingerprint }: { readonly fingerprint: string }) {
  const { t } = useTranslation();
  return (
    <Paper p="md" withBorder role="status" aria-labelledby="sync-enrolled-title" bg="teal.0">
      <Stack>
        <Title order={3} id="sync-enrolled-title">
          {t('sync:enroll.done')}
        </Title>
        <Text>{t('sync:enroll.compare')}</Text>
        <FingerprintGroups fingerprint={fingerprint} label={t('sync:enroll.fingerprintGroups')} />
      </Stack>
    </Paper>
  );
}

/**
 * The registry upload (issue 12): enrollment while the center has none (the administrator's form;
 * a manager is told who enrolls), then the connection's state, the batches and the quarantine,
 * the preview of what will leave, and the USB transfer.
 */
export function RegistryUploadPage() {
  const { t } = useTranslation();
  const session = useSession();
  // Others write while the manager is away (the front desk registers, the schedule uploads):
  // coming back to the page reads the counts afresh, not the copy from a few seconds ago.
  const status = useApiQuery('sync.status', {}, { refetchInterval: 30_000, refetchOnMount: 'always' });
  const [enrolledFingerprint, setEnrolledFingerprint] = useState<string | null>(null);
  const enrollment = status.data?.enrollment;
  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2}>{t('sync:title')}</Title>
        <Text c="dimmed" size="sm" maw={900}>
          {t('sync:intro')}
        </Text>
      </Stack>
      <ErrorAlert error={status.error} />
      {enrolledFingerprint !== null && <EnrolledNotice fingerprint={enrolledFingerprint} />}
      {status.data !== undefined && enrollment === null &&
        (session.can('sync.enroll') ? (
          <EnrollForm onEnrolled={setEnrolledFingerprint} />
        ) : (
          <Alert color="blue" maw={720}>
            {t('sync:enroll.managerOnly')}
          </Alert>
        ))}
      {status.data !== undefined && enrollment != null && (
        <>
          <SyncStatusPanel status={status.data}>
            <PreviewSection />
          </SyncStatusPanel>
          <UsbTransfer />
        </>
      )}
    </Stack>
  );
}
