import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';

/**
 * Psychologists and supervisors: colleagues who still lack the key to counseling notes, and the
 * button that gives it from one's own session (it works at their next sign-in). Someone who does
 * not hold the key yet is told so plainly, and who can give it to them.
 */
export function ConfidentialAccessPage() {
  const { t } = useTranslation();
  const session = useSession();
  const awaiting = useApiQuery('staff.listAwaitingConfidential', {});
  const selfId = session.user?.id;
  const isSelfAwaiting = awaiting.data?.some((member) => member.id === selfId) ?? false;
  const others = awaiting.data?.filter((member) => member.id !== selfId);
  const grant = useApiMutation('staff.grantConfidential', {
      });
  return (
    <Stack maw={800}>
      <Title order={2}>{t('staff:confidential.title')}</Title>
      <Text>{t('staff:confidential.intro')}</Text>
      {isSelfAwaiting && (
        <Alert color="yellow" title={t('staff:confidential.selfWithoutKeyTitle')}>
          <Text>{t('staff:confidential.selfWithoutKey')}</Text>
          <Text mt="xs">{t('staff:confidential.nobodyHoldsKey')}</Text>
        </Alert>
      )}
      {grant.isSuccess && (
        <Alert color="teal" role="status">
          {t('staff:confidential.granted')}
        </Alert>
      )}
      <ErrorAlert error={awaiting.error ?? grant.error} />
      {awaiting.isPending && <Loader aria-label={t('common:loading')} />}
      {others?.length === 0 && <Text c="dimmed">{t('staff:confidential.none')}</Text>}
      {others && others.length > 0 && (
        <Table withTableBorder aria-label={t('staff:confidential.title')}>
          <Table.Tbody>
            {others.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Th scope="row">{member.displayName}</Table.Th>
                <Table.Td>{t(`common:roles.${member.role}`)}</Table.Td>
                <Table.Td>
                  <Button size="xs" loading={grant.isPending && grant.variables.userId === member.id} onClick={() => grant.mutate({ userId: member.id })}>
                    {t('staff:confidential.grant')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
