import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/staff.repository';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { AddStaffForm } from './AddStaffForm';
import { EditStaffDialog } from './EditStaffDialog';
import { ConfidentialKeyNotice } from './ClinicalRecoverySection';
import { GrantByRecoveryDialog } from './GrantByRecoveryDialog';
import { OneTimeSecret } from './OneTimeSecret';
import { RotateKeysDialog, type KeyNotice } from './RotateKeysDialog';
import { StaffTable, type StaffAction } from './StaffTable';

/** Administrators: the center's accounts; add, edit name and role, reset a password, deactivate, reactivate. */
export function StaffPage() {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useApiQuery('staff.list', {});
  const [secret, setSecret] = useState<{ title: string; username: string; value: string } | null>(null);
  const [pending, setPending] = useState<{ member: StaffMember; action: StaffAction } | null>(null);
  const [keyNotice, setKeyNotice] = useState<KeyNotice | null>(null);
  const [isRotating, setRotating] = useState(false);
  const reset = useApiMutation('staff.resetPassword', {
    onSuccess: (result) => {
      if (pending) setSecret({ title: t('staff:reset.done'), username: pending.member.username, value: result.temporaryPassword });
      // Whoever knew the old password may hold a copy of the keyring it opens: offer a rotation.
      setKeyNotice({ kind: 'offerAfterReset' });
      setPending(null);
    },
  });
  const reactivate = useApiMutation('staff.reactivate', {
    onSuccess: (result) => {
      if (pending) setSecret({ title: t('staff:reactivate.done'), username: pending.member.username, value: result.temporaryPassword });
      setKeyNotice(null);
      setPending(null);
    },
  });
  const deactivate = useApiMutation('staff.deactivate', {
    onSuccess: (result) => {
      if (result) setKeyNotice({ kind: 'deactivated', name: result.displayName, keysRotated: result.keysRotated, notesKeyChangeDue: result.notesKeyChangeDue });
      setPending(null);
    },
  });

  function confirm() {
    if (!pending) return;
    if (pending.action === 'resetPassword') reset.mutate({ userId: pending.member.id });
    else if (pending.action === 'reactivate') reactivate.mutate({ userId: pending.member.id });
    else deactivate.mutate({ userId: pending.member.id });
  }

  return (
    <Stack maw={1000}>
      <Title order={2}>{t('staff:title')}</Title>
      {secret && <OneTimeSecret title={secret.title} username={secret.username} secret={secret.value} onClose={() => setSecret(null)} />}
      <ConfidentialKeyNotice />
      {keyNotice && <KeyNoticeAlert notice={keyNotice} onRotate={() => setRotating(true)} />}
      <Group>
        <Button variant="default" onClick={() => setRotating(true)}>
          {t('staff:rotate.action')}
        </Button>
      </Group>
      {isRotating && (
        <RotateKeysDialog
          onCancel={() => setRotating(false)}
          onDone={() => {
            setRotating(false);
            setKeyNotice({ kind: 'rotated' });
          }}
        />
      )}
      <AddStaffForm onAdded={(username, value) => setSecret({ title: t('staff:add.done'), username, value })} />
      <ErrorAlert error={staff.error ?? reset.error ?? deactivate.error ?? reactivate.error} />
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
      {pending?.action === 'edit' && (
        <EditStaffDialog member={pending.member} isSelf={pending.member.id === session.user?.id} onCancel={() => setPending(null)} onDone={() => setPending(null)} />
      )}
      {pending && (pending.action === 'resetPassword' || pending.action === 'deactivate' || pending.action === 'reactivate') && (
        <ConfirmDialog
          title={t(`staff:${confirmKey(pending.action)}.confirmTitle`)}
          message={t(`staff:${confirmKey(pending.action)}.confirmMessage`, { name: pending.member.displayName })}
          confirmLabel={t(`staff:${confirmKey(pending.action)}.action`)}
          isPending={reset.isPending || deactivate.isPending || reactivate.isPending}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        />
      )}
    </Stack>
  );
}

const confirmKey = (action: 'resetPassword' | 'deactivate' | 'reactivate'): 'reset' | 'deactivate' | 'reactivate' => (action === 'resetPassword' ? 'reset' : action);

function KeyNoticeAlert({ notice, onRotate }: { readonly notice: KeyNotice; readonly onRotate: () => void }) {
  const { t } = useTranslation();
  if (notice.kind === 'offerAfterReset') {
    return (
      <Alert color="yellow" role="status" title={t('staff:rotate.title')}>
        <Stack gap="xs">
          <Text size="sm">{t('staff:rotate.afterReset')}</Text>
          <Button variant="light" onClick={onRotate} style={{ alignSelf: 'flex-start' }}>
            {t('staff:rotate.submit')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const message =
    notice.kind === 'rotated'
      ? t('staff:rotate.done')
      : [t(notice.keysRotated ? 'staff:rotate.afterDeactivate' : 'staff:rotate.deferred', { name: notice.name }), ...(notice.notesKeyChangeDue ? [t('staff:rotate.notesKeyDue')] : [])].join(' ');
  return (
    <Alert color="teal" role="status">
      {message}
    </Alert>
  );
}
