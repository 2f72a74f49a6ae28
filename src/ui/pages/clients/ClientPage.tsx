import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { CasePanel } from './CasePanel';
import { ClientIdentityCard } from './ClientIdentityCard';
import { ConsentsPanel } from './ConsentsPanel';
import { EditClientForm } from './EditClientForm';
import { MergePanel } from './MergePanel';
import { fullName } from './client-format';
import { isFullClientRecord } from '../../../core/clients/clients.policy';
import { ReferralsPanel } from './ReferralsPanel';
import { ServicesPanel } from './ServicesPanel';
import { TimelinePanel } from './TimelinePanel';

/**
 * One client: identity, consents, case and care plan, services, referrals and the timeline of
 * everything that happened. Each panel shows only what the role may read and offers only what it
 * may write (the core enforces both anyway).
 */
export function ClientPage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const session = useSession();
  const client = useApiQuery('clients.get', { id: clientId });
  const [isEditing, setEditing] = useState(false);

  if (client.isPending) return <Loader aria-label={t('common:loading')} />;
  if (!client.data) return <ErrorAlert error={client.error} />;
  const record = client.data;
  return (
    <Stack maw={1000} key={record.id}>
      <Anchor component={Link} to="/clients" size="sm">
        {t('clients:page.backToSearch')}
      </Anchor>
      <Group gap="sm" justify="space-between">
        <Group gap="sm">
          <Title order={2}>{fullName(record)}</Title>
          {record.isYouth && <Badge variant="light">{t('clients:category.youth')}</Badge>}
        </Group>
        {session.can('clients.write') && isFullClientRecord(record) && record.status === 'active' && !isEditing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t('clients:edit.open')}
          </Button>
        )}
      </Group>
      {record.status === 'merged' && record.mergedIntoId !== null && (
        <Alert color="yellow" title={t('clients:page.merged')}>
          <Anchor component={Link} to={`/clients/${encodeURIComponent(record.mergedIntoId)}`}>
            {t('clients:page.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      {isEditing && isFullClientRecord(record) ? <EditClientForm client={record} onDone={() => setEditing(false)} /> : <ClientIdentityCard client={record} />}
      {session.can('consents.read') && <ConsentsPanel clientId={record.id} />}
      {session.can('cases.read') && <CasePanel clientId={record.id} />}
      {session.can('cases.read') && <ServicesPanel clientId={record.id} />}
      {session.can('cases.read') && <ReferralsPanel clientId={record.id} />}
      <TimelinePanel clientId={record.id} />
      {session.can('clients.merge') && record.status === 'active' && <MergePanel client={record} />}
    </Stack>
  );
}
