import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/api';

/** The app version and database state from `system.info`, shown at the foot of every screen. */
export function SystemStatus() {
  const { t } = useTranslation();
  const info = useApiQuery('system.info', {});
  if (!info.data) return null;
  return (
    <Group gap="md" component="p" m={0}>
      <Text size="sm" c="dimmed" span>
        {t('common:status.version', { version: info.data.version })}
      </Text>
      <Text size="sm" c="dimmed" span>
        {t('common:status.database', { state: t(`common:databaseState.${info.data.database}`) })}
      </Text>
    </Group>
  );
}
