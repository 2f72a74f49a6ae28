import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';

/**
 * A grave step that asks the signed-in person's own password again (rotating keys, the clinical
 * recovery code): what it does, the password, and the core's refusal shown in the dialog.
 */
export function ActorPasswordDialog({
  title,
  explanation,
  submitLabel,
  isPending,
  error,
  onSubmit,
  onCancel,
}: {
  readonly title: string;
  readonly explanation: string;
  readonly submitLabel: string;
  readonly isPending: boolean;
  readonly error: unknown;
  readonly onSubmit: (password: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  return (
    <Modal opened onClose={onCancel} title={title} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(password);
        }}
      >
        <Stack>
          <Text size="sm">{explanation}</Text>
          <PasswordField label={t('staff:rotate.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="current-password" data-autofocus />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
