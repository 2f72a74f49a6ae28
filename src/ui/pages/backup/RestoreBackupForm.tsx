import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { formatBackupTime } from './backup-format';

/** One form for both ways in: the recovery code, or a staff member's username and password. */
const restoreFormSchema = z
  .object({
    file: z.string().trim().min(1).max(4000),
    method: z.enum(['recoveryCode', 'password']),
    recoveryCode: z.string().trim().max(200),
    username: z.string().trim().max(64),
    password: z.string().max(1000),
  })
  .superRefine((value, context) => {
    const required = value.method === 'recoveryCode' ? (['recoveryCode'] as const) : (['username', 'password'] as const);
    for (const field of required) {
      if (value[field] === '') context.addIssue({ code: 'too_small', minimum: 1, origin: 'string', inclusive: true, path: [field], message: 'required' });
    }
  });

/**
 * The backup file's path (typed: the harness has no file dialog, and the desktop app's dialog
 * gives the same path) and the secret that opens it. `onRestored` follows a restore that worked.
 */
export function RestoreBackupForm({ defaultFile = '', onRestored, onCancel }: { readonly defaultFile?: string; readonly onRestored: () => void; readonly onCancel?: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(restoreFormSchema, { defaultValues: { file: defaultFile, method: 'recoveryCode', recoveryCode: '', username: '', password: '' } });
  const restore = useApiMutation('backup.restore', {
    onError: (error) => applyServerIssues(form, error),
    // The secret is not needed any more: do not keep it in the form's memory.
    onSuccess: () => form.reset({ ...form.getValues(), recoveryCode: '', password: '' }),
  });
  const { errors } = form.formState;
  const method = form.watch('method');
  if (restore.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" role="status">
          {t('backup:restore.done', { date: formatBackupTime(restore.data.backupCreatedAt), count: restore.data.clientCount })}
        </Alert>
        <Button onClick={onRestored} style={{ alignSelf: 'flex-start' }}>
          {t('auth:signIn.title')}
        </Button>
      </Stack>
    );
  }
  return (
    <form
      onSubmit={form.handleSubmit((input) =>
        restore.mutate(input.method === 'recoveryCode' ? { file: input.file, recoveryCode: input.recoveryCode } : { file: input.file, username: input.username, password: input.password }),
      )}
      noValidate
    >
      <Stack>
        <Text size="sm">{t('backup:restore.intro')}</Text>
        <TextInput label={t('backup:restore.file')} description={t('backup:restore.fileHint')} {...form.register('file')} error={fieldError(t, errors.file)} spellCheck={false} autoComplete="off" />
        <Radio.Group label={t('backup:restore.method')} value={method} onChange={(value) => form.setValue('method', value === 'password' ? 'password' : 'recoveryCode')}>
          <Group mt="xs">
            <Radio value="recoveryCode" label={t('backup:restore.methodRecovery')} />
            <Radio value="password" label={t('backup:restore.methodPassword')} />
          </Group>
        </Radio.Group>
        {method === 'recoveryCode' ? (
          <TextInput label={t('backup:restore.recoveryCode')} {...form.register('recoveryCode')} error={fieldError(t, errors.recoveryCode)} autoComplete="off" spellCheck={false} />
        ) : (
          <>
            <TextInput label={t('auth:username')} {...form.register('username')} error={fieldError(t, errors.username)} autoComplete="username" autoCapitalize="none" />
            <PasswordField label={t('auth:password')} {...form.register('password')} error={fieldError(t, errors.password)} autoComplete="current-password" />
          </>
        )}
        <ErrorAlert error={restore.error} />
        <Group justify="space-between">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.back')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={restore.isPending}>
            {t('backup:restore.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
