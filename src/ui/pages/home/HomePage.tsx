import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AppointmentReminders } from '../appointments/AppointmentReminders';
import { useSession } from '../../session/session';
import { ClientSearchPage } from '../clients/ClientSearchPage';
import { OverduePlanItems } from '../clients/OverduePlanItems';
import { HomeWork } from './HomeWork';
import { BackupPanel } from '../backup/BackupPanel';

/** What this installation is (version) and the state of its database. */
function SystemInfo() {
  const { t } = useTranslation();
  const info = useApiQuery('system.info', {});
  return (
    <>
      {info.isPending && <Loader aria-label={t('common:loading')} />}
      <ErrorAlert error={info.error} />
      {info.data && (
        <Table withTableBorder variant="vertical" aria-label={t('common:home.systemTable')} maw={640}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('common:home.version')}</Table.Th>
              <Table.Td>{info.data.version}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('common:home.database')}</Table.Th>
              <Table.Td>{t(`common:databaseState.${info.data.database}`)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

/**
 * Each role's first screen shows its work: the receptionist searches (with today's visitors, her
 * open cases and overdue items); case workers see their cases and overdue items; managers and
 * administrators the center's counts and staff not ready yet; the trainer an honest placeholder.
 */
export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { user } = session;
  if (session.can('clients.write')) {
    return (
      <Stack maw={1200}>
        <ClientSearchPage />
        <HomeWork />
      </Stack>
    );
  }
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('common:home.title')}</Title>
      {user && <Text>{t('common:home.signedInAs', { name: user.displayName, role: t(`common:roles.${user.role}`) })}</Text>}
      {session.can('appointments.remind') && <AppointmentReminders />}
      <HomeWork />
      {session.can('cases.read') && user?.role !== 'manager' && <OverduePlanItems />}
      {session.can('backup.manage') && <BackupPanel />}
      <SystemInfo />
    </Stack>
  );
}
