import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';

/**
 * A new key for counseling notes (`staff.rotateConfidentialKey`): the holder types her own password
 * again; every note moves to the new key in the background while she stays signed in (and goes on
 * at her next sign-in); colleagues who held the old key receive the new one from her in person.
 */
export function RotateConfidentialKeyDialog({ onDone, onCancel }: { readonly onDone: (holdersToRegrant: number) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const rotate = useApiMutation('staff.rotateConfidentialKey', { onSuccess: (result) => onDone(result.holdersToRegrant) });
  return (
    <Modal opened onClose={onCancel} title={t('staff:confidential.rotate.title')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          rotate.mutate({ actorPassword: password });
        }}
      >
        <Stack>
          <Text size="sm">{t('staff:confidential.rotate.explanation')}</Text>
          <PasswordField label={t('staff:rotate.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="current-password" data-autofocus />
          <ErrorAlert error={rotate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={rotate.isPending}>
              {t('staff:confidential.rotate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
