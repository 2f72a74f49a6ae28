import { Alert, Paper, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { NamesScriptPreference } from './NamesScriptPreference';

/** One's own account: who one is signed in as, how client names are shown, and a password change. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [isChanged, setChanged] = useState(false);
  if (!user) return null;
  return (
    <Stack maw={560}>
      <Title order={2}>{t('auth:account.title')}</Title>
      <Table withTableBorder variant="vertical" aria-label={t('auth:account.title')}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('staff:displayName')}</Table.Th>
            <Table.Td>{user.displayName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('auth:username')}</Table.Th>
            <Table.Td>{user.username}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('staff:role')}</Table.Th>
            <Table.Td>{t(`common:roles.${user.role}`)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <NamesScriptPreference />
      <Paper p="md" withBorder>
        <Stack>
          <Title order={3} size="h4">
            {t('auth:changePassword.title')}
          </Title>
          {isChanged && (
            <Alert color="teal" role="status">
              {t('auth:changePassword.done')}
            </Alert>
          )}
          <ChangePasswordForm currentLabel={t('auth:currentPassword')} onChanged={() => setChanged(true)} />
        </Stack>
      </Paper>
    </Stack>
  );
}
