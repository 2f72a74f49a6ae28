import { Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addStaffInputSchema, roleSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';

const EMPTY = { displayName: '', username: '', role: 'receptionist', actorPassword: '' } as const;

/**
 * Adds a staff account; the core answers with a temporary password for the parent to show once.
 * An administrator's account asks for the actor's own password again (the core checks it).
 */
export function AddStaffForm({ onAdded }: { readonly onAdded: (username: string, temporaryPassword: string) => void }) {
  const { t } = useTranslation();
  const form = useZodForm(addStaffInputSchema, { defaultValues: EMPTY });
  const isAddingAdministrator = form.watch('role') === 'administrator';
  const add = useApiMutation('staff.add', {
    onSuccess: (result, input) => {
      form.reset(EMPTY);
      onAdded(input.username.trim().toLowerCase(), result.temporaryPassword);
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;

  return (
    <Paper p="md" withBorder>
      <form
        onSubmit={form.handleSubmit(({ actorPassword, ...input }) => add.mutate(input.role === 'administrator' ? { ...input, actorPassword } : input))}
        noValidate
      >
        <Stack>
          <Title order={3} size="h4">
            {t('staff:add.title')}
          </Title>
          <Group grow align="flex-start">
            <TextInput label={t('staff:displayName')} {...form.register('displayName')} error={fieldError(t, errors.displayName)} autoComplete="off" />
            <TextInput
              label={t('auth:username')}
              description={t('auth:usernameHint')}
              // The hint goes under the field so the three inputs line up.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.register('username')}
              error={fieldError(t, errors.username)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
            <NativeSelect
              label={t('staff:role')}
              {...form.register('role')}
              error={fieldError(t, errors.role)}
              data={roleSchema.options.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
            />
          </Group>
          {isAddingAdministrator && (
            <PasswordField
              label={t('staff:add.actorPassword')}
              description={t('staff:add.actorPasswordHint')}
              {...form.register('actorPassword')}
              error={fieldError(t, errors.actorPassword)}
              autoComplete="current-password"
              maw={320}
            />
          )}
          <ErrorAlert error={add.error} />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('staff:add.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
