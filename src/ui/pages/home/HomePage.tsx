import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';

/** The first screen: what this installation is (version) and the state of its database. */
export function HomePage() {
  const { t } = useTranslation();
  const info = useApiQuery('system.info', {});
  const { user } = useSession();
  return (
    <Stack maw={640}>
      <Title order={2}>{t('common:home.title')}</Title>
      <Text>{t('common:home.intro')}</Text>
      {user && <Text>{t('common:home.signedInAs', { name: user.displayName, role: t(`common:roles.${user.role}`) })}</Text>}
      {info.isPending && <Loader aria-label={t('common:loading')} />}
      <ErrorAlert error={info.error} />
      {info.data && (
        <Table withTableBorder variant="vertical" aria-label={t('common:home.systemTable')}>
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
    </Stack>
  );
}
