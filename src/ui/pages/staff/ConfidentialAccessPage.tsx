import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { notifyDone } from '../../components/notify';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Psychologists and supervisors: colleagues who still lack the key to counseling notes, and the
 * button that gives it from one's own session (it works at their next sign-in).
 */
export function ConfidentialAccessPage() {
  const { t } = useTranslation();
  const awaiting = useApiQuery('staff.listAwaitingConfidential', {});
  const grant = useApiMutation('staff.grantConfidential', {
    onSuccess: () => notifyDone(t('common:done.granted')),
      });
  return (
    <Stack maw={800}>
      <Title order={2}>{t('staff:confidential.title')}</Title>
      <Text>{t('staff:confidential.intro')}</Text>
      {grant.isSuccess && (
        <Alert color="teal" role="status">
          {t('staff:confidential.granted')}
        </Alert>
      )}
      <ErrorAlert error={awaiting.error ?? grant.error} />
      {awaiting.isPending && <Loader aria-label={t('common:loading')} />}
      {awaiting.data?.length === 0 && <Text c="dimmed">{t('staff:confidential.none')}</Text>}
      {awaiting.data && awaiting.data.length > 0 && (
        <Table withTableBorder aria-label={t('staff:confidential.title')}>
          <Table.Tbody>
            {awaiting.data.map((member) => (
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
