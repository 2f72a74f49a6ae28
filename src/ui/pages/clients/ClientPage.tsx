import { Alert, Anchor, Badge, Group, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { CasePanel } from './CasePanel';
import { ClientIdentityCard } from './ClientIdentityCard';
import { ConsentsPanel } from './ConsentsPanel';
import { fullName } from './client-format';
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

  if (client.isPending) return <Loader aria-label={t('common:loading')} />;
  if (!client.data) return <ErrorAlert error={client.error} />;
  const record = client.data;
  return (
    <Stack maw={1000} key={record.id}>
      <Anchor component={Link} to="/clients" size="sm">
        {t('clients:page.backToSearch')}
      </Anchor>
      <Group gap="sm">
        <Title order={2}>{fullName(record)}</Title>
        {record.isYouth && <Badge variant="light">{t('clients:category.youth')}</Badge>}
      </Group>
      {record.status === 'merged' && record.mergedIntoId !== null && (
        <Alert color="yellow" title={t('clients:page.merged')}>
          <Anchor component={Link} to={`/clients/${encodeURIComponent(record.mergedIntoId)}`}>
            {t('clients:page.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      <ClientIdentityCard client={record} />
      <ConsentsPanel clientId={record.id} />
      {session.can('cases.read') && <CasePanel clientId={record.id} />}
      {session.can('cases.read') && <ServicesPanel clientId={record.id} />}
      {session.can('cases.read') && <ReferralsPanel clientId={record.id} />}
      <TimelinePanel clientId={record.id} />
    </Stack>
  );
}
