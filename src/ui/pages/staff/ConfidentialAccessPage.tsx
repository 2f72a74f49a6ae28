import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { InPersonGrantDialog, type GrantRecipient } from './InPersonGrantDialog';
import { RotateConfidentialKeyDialog } from './RotateConfidentialKeyDialog';
import { ClinicalRecoverySection, ConfidentialKeyNotice } from './ClinicalRecoverySection';

type Holder = { readonly id: string; readonly displayName: string; readonly role: string };

/**
 * Who can give the key, said plainly: to a psychologist or supervisor without it, the colleagues
 * who hold it; to a holder, what she does here. When nobody holds it, `ConfidentialKeyNotice`
 * says how the first key is given (or that it cannot be any more).
 */
function KeyCustodyExplanation({ holders }: { readonly holders: readonly Holder[] }) {
  const { t } = useTranslation();
  const session = useSession();
  if (holders.length === 0) return null;
  const names = holders.map((holder) => `${holder.displayName} (${t(`common:roles.${holder.role}`)})`).join(', ');
  if (session.user?.holdsConfidential !== true) {
    return (
      <Alert color="blue" title={t('staff:confidential.youLackTitle')}>
        <Text size="sm">{t('staff:confidential.youLack', { names })}</Text>
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('staff:confidential.holders', { names })}
    </Text>
  );
}

/**
 * Psychologists and supervisors: who holds the key to counseling notes and who can give it, the
 * colleagues who still lack it, and the button that gives it from one's own session while the
 * colleague, at this screen, types her password.
 */
export function ConfidentialAccessPage() {
  const { t } = useTranslation();
  const awaiting = useApiQuery('staff.listAwaitingConfidential', {});
  const holders = useApiQuery('staff.listConfidentialHolders', {});
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
      <ErrorAlert error={holders.error} />
      {holders.data && <KeyCustodyExplanation holders={holders.data} />}
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
      {holdsKey && awaiting.data?.length === 0 && <Text c="dimmed">{t('staff:confidential.none')}</Text>}
      {holdsKey && awaiting.data && awaiting.data.length > 0 && (
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
