import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RestoreBackupForm } from './RestoreBackupForm';

/** First start on a new PC: the center comes back from a backup file instead of a new setup. */
export function RestoreBackupPage({ onRestored, onCancel }: { readonly onRestored: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper maw={640} mx="auto" p="lg" withBorder>
      <Stack>
        <Title order={2}>{t('backup:restore.title')}</Title>
        <RestoreBackupForm onRestored={onRestored} onCancel={onCancel} />
      </Stack>
    </Paper>
  );
}
