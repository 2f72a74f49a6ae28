import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/staff.repository';
import { useApiMutation } from '../../api/api';
import { notifyDone } from '../../components/notify';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { AccountOrigin } from './AccountOrigin';

/**
 * The first psychologist or supervisor has no colleague who could give them the key to counseling
 * notes; an administrator gives it with the printed recovery code (administrators never hold it),
 * while the recipient types her own password on the same screen. Works only while nobody holds the key.
 */
export function GrantByRecoveryDialog({ member, onDone, onCancel }: { readonly member: StaffMember; readonly onDone: () => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [recoveryCode, setRecoveryCode] = useState('');
  const [password, setPassword] = useState('');
  const grant = useApiMutation('staff.grantConfidentialByRecovery', {
    onSuccess: () => {
      notifyDone(t('common:done.granted'), t('common:actions.close'));
      onDone();
    },
  });
  return (
    <Modal opened onClose={onCancel} title={t('staff:confidential.byRecoveryTitle')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          grant.mutate({ userId: member.id, recoveryCode, password });
        }}
      >
        <Stack>
          <Text size="sm">{t('staff:confidential.byRecoveryExplanation', { name: member.displayName })}</Text>
          <TextInput
            label={t('auth:recover.code')}
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <AccountOrigin userId={member.id} />
          <PasswordField
            label={t('staff:confidential.recipientPassword', { name: member.displayName })}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="off"
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
