import { Alert, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBackupTime } from './backup-format';
import { RestoreBackupForm } from './RestoreBackupForm';

/**
 * The check at opening found the database damaged: nothing was deleted or repaired. The screen
 * says so and offers the newest good backup from the backup folder; restoring moves the damaged
 * files aside (kept in the data folder for the agency's support) and puts the backup in place.
 */
export function DamagedDatabasePage({ onRestored }: { readonly onRestored: () => void }) {
  const { t } = useTranslation();
  const offer = useApiQuery('backup.damage', {});
  const latest = offer.data?.latest ?? null;
  return (
    <Paper maw={720} mx="auto" p="lg" withBorder>
      <Stack>
        <Title order={2}>{t('backup:damaged.title')}</Title>
        <Alert color="red" role="alert">
          {t('backup:damaged.body')}
        </Alert>
        {offer.isPending && <Loader aria-label={t('common:loading')} />}
        <ErrorAlert error={offer.error} />
        {offer.data &&
          (latest ? (
            <>
              <Title order={3}>{t('backup:damaged.restore')}</Title>
              <Text>{t('backup:damaged.latest', { date: formatBackupTime(latest.createdAt), count: latest.clientCount })}</Text>
              <RestoreBackupForm defaultFile={latest.path} onRestored={onRestored} />
            </>
          ) : (
            <>
              <Text>{t('backup:damaged.noBackup')}</Text>
              <RestoreBackupForm onRestored={onRestored} />
            </>
          ))}
      </Stack>
    </Paper>
  );
}
