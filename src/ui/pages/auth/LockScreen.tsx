import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { unlockInputSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { useSession } from '../../session/session';
import { RetryCountdown, useRetryWait } from './RetryCountdown';

/**
 * The locked window: who is signed in and a password field, nothing about any client (the
 * screens behind it stay mounted but hidden, inert and disconnected, their data in memory only,
 * so a half-typed form survives; see KeptSignedInApp). Only the same user's password opens it;
 * anyone else signs this user out, which discards those screens.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const form = useZodForm(unlockInputSchema, { defaultValues: { password: '' } });
  const unlock = useApiMutation('auth.unlock', {
    onSuccess: () => {
      form.reset({ password: '' });
      session.unlocked();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const waitMs = useRetryWait(unlock.error);

  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={form.handleSubmit((input) => unlock.mutate(input))} noValidate>
        <Stack>
          <Title order={2}>{t('auth:lock.title')}</Title>
          <Text>{t('auth:lock.explanation', { name: session.user?.displayName ?? '', username: session.user?.username ?? '' })}</Text>
          <PasswordField
            label={t('auth:password')}
            {...form.register('password')}
            error={fieldError(t, form.formState.errors.password)}
            autoComplete="current-password"
            data-autofocus
            autoFocus
          />
          <ErrorAlert error={unlock.error} />
          <RetryCountdown remainingMs={waitMs} />
          <Group justify="space-between">
            <Button variant="default" onClick={() => void session.signOut()}>
              {t('auth:signOut')}
            </Button>
            <Button type="submit" loading={unlock.isPending} disabled={waitMs > 0}>
              {t('auth:lock.unlock')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
