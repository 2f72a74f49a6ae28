import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/staff.repository';
import { losesConfidentialKey } from '../../../core/staff/staff.policy';
import { roleSchema, updateStaffInputSchema } from '../../../core/staff/staff.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { notifyDone } from '../../components/notify';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';

/**
 * An account's name and role (`staff.update`). The dialog says beforehand what the core will do:
 * a role that does not hold the notes key loses it, and making someone an administrator asks for
 * the actor's own password again. One's own role is not offered (the core refuses it too).
 */
export function EditStaffDialog({ member, isSelf, onDone, onCancel }: { readonly member: StaffMember; readonly isSelf: boolean; readonly onDone: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(updateStaffInputSchema, { defaultValues: { userId: member.id, displayName: member.displayName, role: member.role, actorPassword: '' } });
  const role = form.watch('role');
  const isRoleChange = role !== member.role;
  const makesAdministrator = isRoleChange && role === 'administrator';
  const losesKey = losesConfidentialKey(member.role, role);
  const update = useApiMutation('staff.update', {
    onSuccess: () => {
      notifyDone(t('staff:edit.done'), t('common:actions.close'));
      onDone();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <Modal opened onClose={onCancel} title={t('staff:edit.title', { name: member.displayName })} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        noValidate
        onSubmit={form.handleSubmit(({ actorPassword, ...input }) => update.mutate(makesAdministrator ? { ...input, actorPassword } : input))}
      >
        <Stack>
          <TextInput label={t('staff:displayName')} {...form.register('displayName')} error={fieldError(t, errors.displayName)} autoComplete="off" data-autofocus />
          <NativeSelect
            label={t('staff:role')}
            {...form.register('role')}
            disabled={isSelf}
            description={isSelf ? t('staff:edit.ownRole') : undefined}
            error={fieldError(t, errors.role)}
            data={roleSchema.options.map((option) => ({ value: option, label: t(`common:roles.${option}`) }))}
          />
          {losesKey && (
            <Alert color="yellow" role="status">
              {t('staff:edit.losesKey')}
            </Alert>
          )}
          {makesAdministrator && (
            <PasswordField
              label={t('staff:add.actorPassword')}
              description={t('staff:add.actorPasswordHint')}
              {...form.register('actorPassword')}
              error={fieldError(t, errors.actorPassword)}
              autoComplete="current-password"
            />
          )}
          <ErrorAlert error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('staff:edit.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
