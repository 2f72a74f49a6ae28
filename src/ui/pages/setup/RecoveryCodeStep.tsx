import { Alert, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, todayLocal } from '../clients/client-format';
import { recoveryGroups, sameGroup } from './setup-form';

/**
 * Step 3: the recovery code, shown this once. The person copies or prints it, then types one
 * group back, which proves it was written down before the wizard lets go of it.
 */
export function RecoveryCodeStep({ recoveryCode, centerName, onFinished }: { readonly recoveryCode: string; readonly centerName: string; readonly onFinished: () => void }) {
  const { t } = useTranslation();
  // The sheet says whose code it is and since when: a drawer may hold several centers' codes.
  const [issuedOn] = useState(() => formatDay(todayLocal()));
  const groups = recoveryGroups(recoveryCode);
  // Which group to ask for is chosen once, so it does not change while typing.
  const [askedIndex] = useState(() => Math.floor(Math.random() * groups.length));
  const [typed, setTyped] = useState('');
  const [showMismatch, setShowMismatch] = useState(false);
  const asked = groups[askedIndex] ?? '';
  const isConfirmed = sameGroup(typed, asked);

  return (
    <Stack>
      <Alert color="yellow" title={t('setup:recovery.title')}>
        {t('setup:recovery.explanation')}
      </Alert>
      <section className="print-area" aria-label={t('setup:recovery.codeLabel')}>
        <Title order={3} size="h5">
          {t('setup:recovery.codeLabel')}
        </Title>
        <Text size="sm">{t('setup:recovery.centerLine', { name: centerName })}</Text>
        <Text size="sm">{t('setup:recovery.issuedLine', { date: issuedOn })}</Text>
        <Code block fz="xl" data-recovery-code>
          {groups.join('-')}
        </Code>
        <Text size="sm" mt="xs">
          {t('setup:recovery.printNote')}
        </Text>
      </section>
      <Group>
        <Button variant="default" onClick={() => window.print()}>
          {t('setup:recovery.print')}
        </Button>
      </Group>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (isConfirmed) onFinished();
          else setShowMismatch(true);
        }}
      >
        <Stack>
          <TextInput
            label={t('setup:recovery.typeBack', { group: askedIndex + 1 })}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={showMismatch && !isConfirmed ? t('setup:recovery.mismatch', { group: askedIndex + 1 }) : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          <Button type="submit" style={{ alignSelf: 'flex-start' }}>
            {t('setup:recovery.finish')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
