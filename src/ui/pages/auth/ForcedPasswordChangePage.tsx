import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After an administrator issued a temporary password, nothing else opens until it is changed. */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const session = useSession();
  const user = session.user;
  return (
    <Paper maw={480} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <Title order={2}>{t('auth:forcedChange.title')}</Title>
        <Alert color="yellow">{t('auth:forcedChange.explanation', { name: user?.displayName ?? '' })}</Alert>
        <ChangePasswordForm
          currentLabel={t('auth:temporaryPassword')}
          onChanged={() => {
            if (user) session.signedIn({ ...user, mustChangePassword: false });
          }}
        />
        <Group>
          <Button variant="subtle" onClick={() => void session.signOut()}>
            {t('auth:signOut')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
