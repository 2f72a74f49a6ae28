import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttentionList } from './AttentionList';
import { EmergencyAccessList } from './EmergencyAccessList';

/** The clinical supervisor's page: clients whose risk rose, and break-the-glass events to review. */
export function CounselingSupervisionPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('clinical:supervision.title')}</Title>
      <AttentionList />
      <EmergencyAccessList />
    </Stack>
  );
}
