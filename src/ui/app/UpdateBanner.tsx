import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Shown = 'hidden' | 'ready' | 'saveFirst' | 'installing' | 'refused';

/**
 * "An update is ready — install and restart": shown once main has a downloaded update that passed
 * every check (the `updateReady` bridge event). Installing waits for the user's click, and main
 * still refuses while a form holds unsaved input. Only in the desktop app.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>('hidden');
  useEffect(() => window.inson?.on('updateReady', () => setShown('ready')), []);
  if (shown === 'hidden') return null;

  const install = async () => {
    const answer = await window.inson?.update({ kind: 'install' });
    if (answer?.kind === 'installing') setShown('installing');
    else if (answer?.kind === 'waitForForms') setShown('saveFirst');
    else if (answer?.kind === 'refused') setShown('refused');
    else setShown('hidden');
  };
  const isWaiting = shown === 'ready' || shown === 'saveFirst';
  const message = shown === 'ready' ? null : t(`common:update.${shown}`);
  return (
    <Alert color={shown === 'refused' ? 'red' : 'blue'} mb="md" role="status" title={isWaiting ? t('common:update.ready') : undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        {isWaiting && (
          <Button size="xs" onClick={() => void install()}>
            {t('common:update.install')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
