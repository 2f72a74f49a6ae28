import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A temporary password, shown once: the administrator passes it on by hand; the account must
 * change it at first sign-in. Closing the notice forgets it.
 */
export function OneTimeSecret({ title, username, secret, onClose }: { readonly title: string; readonly username: string; readonly secret: string; readonly onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={title} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('staff:temporary.explanation', { username })}</Text>
        <Text size="sm" fw={600}>
          {t('staff:temporary.label')}
        </Text>
        <Code block fz="lg" aria-label={t('staff:temporary.label')} data-temporary-password>
          {secret}
        </Code>
        <Button variant="light" onClick={onClose} style={{ alignSelf: 'flex-start' }}>
          {t('staff:temporary.done')}
        </Button>
      </Stack>
    </Alert>
  );
}
