import { Anchor, Button, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { signInInputSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { useSession } from '../../session/session';
import { RetryCountdown, useRetryWait } from './RetryCountdown';

/** Sign-in with one's own account; a refused try keeps what was typed. */
export function SignInPage({ onForgotPassword }: { readonly onForgotPassword: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const form = useZodForm(signInInputSchema, { defaultValues: { username: '', password: '' } });
  const signIn = useApiMutation('auth.signIn', {
    onSuccess: (user) => session.signedIn(user),
    onError: (error) => applyServerIssues(form, error),
  });
  const waitMs = useRetryWait(signIn.error);
  const { errors } = form.formState;

  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form onSubmit={form.handleSubmit((input) => signIn.mutate(input))} noValidate>
        <Stack>
          <Title order={2}>{t('auth:signIn.title')}</Title>
          <TextInput
            label={t('auth:username')}
            {...form.register('username')}
            error={fieldError(t, errors.username)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
            autoFocus
          />
          <PasswordField label={t('auth:password')} {...form.register('password')} error={fieldError(t, errors.password)} autoComplete="current-password" />
          <ErrorAlert error={signIn.error} />
          <RetryCountdown remainingMs={waitMs} />
          <Button type="submit" loading={signIn.isPending} disabled={waitMs > 0}>
            {t('auth:signIn.submit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onForgotPassword} style={{ alignSelf: 'flex-start' }}>
            {t('auth:signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
