import { Loader, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/staff.repository';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { AddStaffForm } from './AddStaffForm';
import { GrantByRecoveryDialog } from './GrantByRecoveryDialog';
import { OneTimeSecret } from './OneTimeSecret';
import { StaffTable, type StaffAction } from './StaffTable';

/** Administrators: the center's accounts; add, reset a password, deactivate. */
export function StaffPage() {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useApiQuery('staff.list', {});
  const [secret, setSecret] = useState<{ title: string; username: string; value: string } | null>(null);
  const [pending, setPending] = useState<{ member: StaffMember; action: StaffAction } | null>(null);
  const reset = useApiMutation('staff.resetPassword', {
    onSuccess: (result) => {
      if (pending) setSecret({ title: t('staff:reset.done'), username: pending.member.username, value: result.temporaryPassword });
      setPending(null);
    },
  });
  const deactivate = useApiMutation('staff.deactivate', {
    onSuccess: () => {
      setPending(null);
    },
  });

  function confirm() {
    if (!pending) return;
    if (pending.action === 'resetPassword') reset.mutate({ userId: pending.member.id });
    else deactivate.mutate({ userId: pending.member.id });
  }

  return (
    <Stack maw={1000}>
      <Title order={2}>{t('staff:title')}</Title>
      {secret && <OneTimeSecret title={secret.title} username={secret.username} secret={secret.value} onClose={() => setSecret(null)} />}
      <AddStaffForm onAdded={(username, value) => setSecret({ title: t('staff:add.done'), username, value })} />
      <ErrorAlert error={staff.error ?? reset.error ?? deactivate.error} />
      <Title order={3} size="h4">
        {t('staff:list.title')}
      </Title>
      {staff.isPending && <Loader aria-label={t('common:loading')} />}
      {staff.data && <StaffTable members={staff.data} currentUserId={session.user?.id ?? ''} onAction={(member, action) => setPending({ member, action })} />}
      {pending?.action === 'grantConfidential' && (
        <GrantByRecoveryDialog
          member={pending.member}
          onCancel={() => setPending(null)}
          onDone={() => {
            setPending(null);
          }}
        />
      )}
      {pending && pending.action !== 'grantConfidential' && (
        <ConfirmDialog
          title={t(`staff:${pending.action === 'resetPassword' ? 'reset' : 'deactivate'}.confirmTitle`)}
          message={t(`staff:${pending.action === 'resetPassword' ? 'reset' : 'deactivate'}.confirmMessage`, { name: pending.member.displayName })}
          confirmLabel={t(`staff:${pending.action === 'resetPassword' ? 'reset' : 'deactivate'}.action`)}
          isPending={reset.isPending || deactivate.isPending}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        />
      )}
    </Stack>
  );
}
