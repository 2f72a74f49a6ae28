import { Stack, Text, TextInput } from '@mantine/core';
import { PasswordField } from '../../components/PasswordField';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../forms/field-error';
import type { SetupFormInput } from './setup-form';

/** Step 2: the first administrator's name, username and password (typed twice). */
export function AdminStep() {
  const { t } = useTranslation();
  const { register, formState } = useFormContext<SetupFormInput>();
  const errors = formState.errors.admin;
  return (
    <Stack>
      <Text size="sm">{t('setup:admin.intro')}</Text>
      <TextInput label={t('setup:admin.displayName')} {...register('admin.displayName')} error={fieldError(t, errors?.displayName)} autoComplete="name" />
      <TextInput
        label={t('setup:admin.username')}
        description={t('auth:usernameHint')}
        {...register('admin.username')}
        error={fieldError(t, errors?.username)}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <PasswordField
        label={t('setup:admin.password')}
        description={t('auth:passwordHint')}
        {...register('admin.password')}
        error={fieldError(t, errors?.password)}
        autoComplete="new-password"
      />
      <PasswordField
        label={t('setup:admin.confirmPassword')}
        {...register('confirmPassword')}
        error={fieldError(t, formState.errors.confirmPassword)}
        autoComplete="new-password"
      />
    </Stack>
  );
}
