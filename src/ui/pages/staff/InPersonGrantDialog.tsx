import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { PasswordField } from '../../components/PasswordField';
import { AccountOrigin } from './AccountOrigin';

export interface GrantRecipient {
  readonly id: string;
  readonly displayName: string;
}

/**
 * The in-person grant: the colleague sits at the granter's screen and types her own password; the
 * core unlocks her slot with it and wraps the key the granter's session holds into it.
 */
export function InPersonGrantDialog({ member, onDone, onCancel }: { readonly member: GrantRecipient; readonly onDone: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const grant = useApiMutation('staff.grantConfidentialInPerson', {
    onSuccess: () => {
      notifyDone(t('common:done.granted'), t('common:actions.close'));
      onDone();
    },
  });
  return (
    <Modal opened onClose={onCancel} title={t('staff:confidential.inPersonTitle')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          grant.mutate({ userId: member.id, password });
        }}
      >
        <Stack>
          <Text size="sm">{t('staff:confidential.inPersonExplanation', { name: member.displayName })}</Text>
          <AccountOrigin userId={member.id} />
          <PasswordField
            label={t('staff:confidential.recipientPassword', { name: member.displayName })}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="off"
            data-autofocus
          />
          <ErrorAlert error={grant.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={grant.isPending}>
              {t('staff:confidential.grant')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
