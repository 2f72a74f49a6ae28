import { Button, Stack } from '@mantine/core';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { changePasswordInputSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, issueMessageKey, useZodForm } from '../../forms/zod-form';

/** `auth.changePassword`'s own schema, plus the new password typed twice. */
const changePasswordFormSchema = z
  .object({ currentPassword: z.string(), newPassword: z.string(), confirmPassword: z.string() })
  .superRefine((value, ctx) => {
    const parsed = changePasswordInputSchema.safeParse(
      { currentPassword: value.currentPassword, newPassword: value.newPassword },
      { error: (issue) => issueMessageKey(issue as never) },
    );
    for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (value.confirmPassword !== value.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.mismatch' });
  });

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * Change one's own password (also the forced change of a temporary one). After success the form
 * empties itself: no password stays in memory longer than needed.
 */
export function ChangePasswordForm({ currentLabel, onChanged }: { readonly currentLabel: string; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(changePasswordFormSchema, { defaultValues: EMPTY });
  const change = useApiMutation('auth.changePassword', {
    onSuccess: () => {
      form.reset(EMPTY);
      onChanged();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;

  return (
    <form onSubmit={form.handleSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))} noValidate>
      <Stack>
        <PasswordField label={currentLabel} {...form.register('currentPassword')} error={fieldError(t, errors.currentPassword)} autoComplete="current-password" />
        <PasswordField
          label={t('auth:newPassword')}
          description={t('auth:passwordHint')}
          {...form.register('newPassword')}
          error={fieldError(t, errors.newPassword)}
          autoComplete="new-password"
        />
        <PasswordField label={t('auth:confirmNewPassword')} {...form.register('confirmPassword')} error={fieldError(t, errors.confirmPassword)} autoComplete="new-password" />
        <ErrorAlert error={change.error} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth:changePassword.submit')}
        </Button>
      </Stack>
    </form>
  );
}
