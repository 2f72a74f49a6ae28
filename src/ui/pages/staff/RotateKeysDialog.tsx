import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';

/**
 * Rotating the keys (`staff.rotateKeys`): the database gets a new key that every remaining
 * account receives; the administrator types her own password again, as for any grave step.
 */
export function RotateKeysDialog({ onDone, onCancel }: { readonly onDone: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const rotate = useApiMutation('staff.rotateKeys', { onSuccess: onDone });
  return (
    <Modal opened onClose={onCancel} title={t('staff:rotate.title')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          rotate.mutate({ actorPassword: password });
        }}
      >
        <Stack>
          <Text size="sm">{t('staff:rotate.explanation')}</Text>
          <PasswordField label={t('staff:rotate.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="current-password" data-autofocus />
          <ErrorAlert error={rotate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={rotate.isPending}>
              {t('staff:rotate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What the staff page says about keys after a step: rotated, offered after a reset, or rotated with a deactivation. */
export type KeyNotice = { readonly kind: 'rotated' } | { readonly kind: 'offerAfterReset' } | { readonly kind: 'deactivated'; readonly name: string; readonly keysRotated: boolean; readonly notesKeyChangeDue: boolean };
