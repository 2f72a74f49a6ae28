import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { InPersonGrantDialog, type GrantRecipient } from './InPersonGrantDialog';
import { RotateConfidentialKeyDialog } from './RotateConfidentialKeyDialog';

/**
 * What this page can do for the signed-in psychologist or supervisor, said plainly: nobody holds
 * the key yet (then only an administrator with the recovery code can give the first one), she does
 * not hold it herself (then these colleagues can give it to her), or she holds it (then she gives it here).
 */
function KeyCustodyExplanation({ holders }: { readonly holders: readonly { readonly id: string; readonly displayName: string; readonly role: string }[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const names = holders.map((holder) => `${holder.displayName} (${t(`common:roles.${holder.role}`)})`).join(', ');
  if (holders.length === 0) {
    return (
      <Alert color="yellow" title={t('staff:confidential.nobodyTitle')}>
        <Text size="sm">{t('staff:confidential.nobody')}</Text>
      </Alert>
    );
  }
  if (session.user?.holdsConfidential !== true) {
    return (
      <Alert color="blue" title={t('staff:confidential.youLackTitle')}>
        <Text size="sm">{t('staff:confidential.youLack', { names })}</Text>
      </Alert>
    );
  }
  return (
    <>
      <Text>{t('staff:confidential.intro')}</Text>
      <Text size="sm" c="dimmed">
        {t('staff:confidential.holders', { names })}
      </Text>
    </>
  );
}

/**
 * Psychologists and supervisors: who holds the key to counseling notes and who can give it, the
 * colleagues who still lack it, and the button that gives it from one's own session while the
 * colleague, at this screen, types her password.
 */
export function ConfidentialAccessPage() {
  const { t } = useTranslation();
  const session = useSession();
  const awaiting = useApiQuery('staff.listAwaitingConfidential', {});
  const holders = useApiQuery('staff.listConfidentialHolders', {});
  // Only a holder can give (or change) the key here; everyone else reads who can.
  const canGrant = session.user?.holdsConfidential === true;
  const [recipient, setRecipient] = useState<GrantRecipient | null>(null);
  const [grantedTo, setGrantedTo] = useState<string | null>(null);
  const [isRotating, setRotating] = useState(false);
  const [regrants, setRegrants] = useState<number | null>(null);
  return (
    <Stack maw={800}>
      <Title order={2}>{t('staff:confidential.title')}</Title>
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
      {canGrant && awaiting.data?.length === 0 && <Text c="dimmed">{t('staff:confidential.none')}</Text>}
      {canGrant && awaiting.data && awaiting.data.length > 0 && (
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
      {canGrant && (
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
