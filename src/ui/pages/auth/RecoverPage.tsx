import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { recoverInputSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';

/** `auth.recover`'s own schema, plus the new password typed twice (a typo here would lock the administrator out again). */
const recoverFormSchema = recoverInputSchema
  .extend({ confirmPassword: z.string() })
  .refine((value) => value.confirmPassword === value.newPassword, { path: ['confirmPassword'], message: 'password.mismatch' });

/** An administrator who forgot their password sets a new one with the center's recovery code. */
export function RecoverPage({ onDone }: { readonly onDone: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(recoverFormSchema, { defaultValues: { recoveryCode: '', username: '', newPassword: '', confirmPassword: '' } });
  const recover = useApiMutation('auth.recover', { onError: (error) => applyServerIssues(form, error) });
  const { errors } = form.formState;

  return (
    <Paper maw={480} mx="auto" mt="xl" p="lg" withBorder>
      <Stack>
        <Title order={2}>{t('auth:recover.title')}</Title>
        {recover.isSuccess ? (
          <>
            <Alert color="teal">{t('auth:recover.done')}</Alert>
            <Button onClick={onDone} style={{ alignSelf: 'flex-start' }}>
              {t('auth:signIn.title')}
            </Button>
          </>
        ) : (
          <form onSubmit={form.handleSubmit(({ recoveryCode, username, newPassword }) => recover.mutate({ recoveryCode, username, newPassword }))} noValidate>
            <Stack>
              <Text size="sm">{t('auth:recover.intro')}</Text>
              <TextInput label={t('auth:recover.code')} {...form.register('recoveryCode')} error={fieldError(t, errors.recoveryCode)} autoComplete="off" spellCheck={false} />
              <TextInput label={t('auth:username')} {...form.register('username')} error={fieldError(t, errors.username)} autoComplete="username" autoCapitalize="none" />
              <PasswordField
                label={t('auth:newPassword')}
                description={t('auth:passwordHint')}
                {...form.register('newPassword')}
                error={fieldError(t, errors.newPassword)}
                autoComplete="new-password"
              />
              <PasswordField label={t('auth:confirmNewPassword')} {...form.register('confirmPassword')} error={fieldError(t, errors.confirmPassword)} autoComplete="new-password" />
              <ErrorAlert error={recover.error} />
              <Group justify="space-between">
                <Button variant="default" onClick={onDone}>
                  {t('common:actions.back')}
                </Button>
                <Button type="submit" loading={recover.isPending}>
                  {t('auth:recover.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
