import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { InPersonGrantDialog, type GrantRecipient } from './InPersonGrantDialog';
import { RotateConfidentialKeyDialog } from './RotateConfidentialKeyDialog';
import { ClinicalRecoverySection, ConfidentialKeyNotice } from './ClinicalRecoverySection';

/**
 * Psychologists and supervisors: colleagues who still lack the key to counseling notes, and the
 * button that gives it from one's own session while the colleague, at this screen, types her password.
 */
export function ConfidentialAccessPage() {
  const { t } = useTranslation();
  const awaiting = useApiQuery('staff.listAwaitingConfidential', {});
  const [recipient, setRecipient] = useState<GrantRecipient | null>(null);
  const [grantedTo, setGrantedTo] = useState<string | null>(null);
  const [isRotating, setRotating] = useState(false);
  const [regrants, setRegrants] = useState<number | null>(null);
  const user = useSession().user;
  const holdsKey = user?.holdsConfidential === true;
  return (
    <Stack maw={800}>
      <Title order={2}>{t('staff:confidential.title')}</Title>
      <Text>{t('staff:confidential.intro')}</Text>
      <ConfidentialKeyNotice />
      {grantedTo && (
        <Alert color="teal" role="status">
          {t('staff:confidential.granted', { name: grantedTo })}
        </Alert>
      )}
      {recipient && (
        <InPersonGrantDialog
          member={recipient}
          onCancel={() => setRecipient(null)}
          onDone={() => {
            setGrantedTo(recipient.displayName);
            setRecipient(null);
          }}
        />
      )}
      <ErrorAlert error={awaiting.error} />
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
                  <Button size="xs" onClick={() => setRecipient(member)} aria-label={t('staff:confidential.grantFor', { name: member.displayName })}>
                    {t('staff:confidential.grant')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {holdsKey && (
        <Stack gap="xs" mt="lg">
          <Title order={3} size="h4">
            {t('staff:confidential.rotate.title')}
          </Title>
          <Text size="sm">{t('staff:confidential.rotate.intro')}</Text>
          {regrants !== null && (
            <Alert color="teal" role="status">
              {t('staff:confidential.rotate.done', { count: regrants })}
            </Alert>
          )}
          <Button variant="default" onClick={() => setRotating(true)} style={{ alignSelf: 'flex-start' }}>
            {t('staff:confidential.rotate.action')}
          </Button>
        </Stack>
      )}
      <ClinicalRecoverySection isSupervisorHolder={holdsKey && user?.role === 'supervisor'} />
      {isRotating && (
        <RotateConfidentialKeyDialog
          onCancel={() => setRotating(false)}
          onDone={(count) => {
            setRotating(false);
            setRegrants(count);
          }}
        />
      )}
    </Stack>
  );
}
