import { Alert, Anchor, Group, Loader, SimpleGrid, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WrappingBadge } from '../../components/WrappingBadge';
import { useSession } from '../../session/session';
import { CounselingTab } from '../counseling/CounselingTab';
import { CasePanel } from './CasePanel';
import { ClientIdentityCard } from './ClientIdentityCard';
import { ConsentsPanel } from './ConsentsPanel';
import { EditClientForm } from './EditClientForm';
import { FormDrawer } from './FormDrawer';
import { MergeDoneAlert, MergePanel } from './MergePanel';
import { isFullClientRecord, type ClientView } from '../../../core/clients/clients.policy';
import { ReferralsPanel } from './ReferralsPanel';
import { ServicesPanel } from './ServicesPanel';
import { TimelinePanel } from './TimelinePanel';
import { useReaderNames } from '../../components/reader-names';

const TABS = ['identity', 'consents', 'case', 'services', 'counseling', 'timeline'] as const;
type ClientTab = (typeof TABS)[number];

/** The client's derived and ticked categories as badges beside the name (what the view holds). */
function CategoryBadges({ record }: { readonly record: ClientView }) {
  const { t } = useTranslation();
  const labels = [...(record.isYouth === true ? [t('clients:category.youth')] : []), ...(record.categories ?? []).map((category) => t(`clients:category.${category}`))];
  return (
    <>
      {labels.map((label) => (
        <WrappingBadge key={label} variant="light">
          {label}
        </WrappingBadge>
      ))}
    </>
  );
}

/**
 * One client, in sections a 1366×768 screen shows without a long scroll: identity, consents, case
 * and plan, services and referrals, timeline, as tabs (the chosen one is in the address, `?tab=`).
 * Forms open on demand in drawers. On a wide screen each section puts two columns side by side.
 * Each section shows only what the role may read and offers only what it may write (the core
 * enforces both anyway).
 */
export function ClientPage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const names = useReaderNames();
  const client = useApiQuery('clients.get', { id: clientId });
  // The merge just done here, for its undo; another client's page does not show it.
  const [merge, setMerge] = useState<{ readonly clientId: string; readonly mergeId: string } | null>(null);

  if (client.isPending) return <Loader aria-label={t('common:loading')} />;
  if (!client.data) return <ErrorAlert error={client.error} />;
  const record = client.data;
  const available: readonly ClientTab[] = TABS.filter(
    (tab) =>
      (tab !== 'consents' || session.can('consents.read')) &&
      ((tab !== 'case' && tab !== 'services') || session.can('cases.read')) &&
      (tab !== 'counseling' || session.can('counseling.listOccurrences')),
  );
  const asked = params.get('tab');
  const tab: ClientTab = available.find((candidate) => candidate === asked) ?? 'identity';
  const showTab = (next: string | null) => {
    const chosen = available.find((candidate) => candidate === next);
    if (chosen === undefined) return;
    setParams(chosen === 'identity' ? {} : { tab: chosen }, { replace: true });
  };
  const canEdit = session.can('clients.write') && isFullClientRecord(record) && record.status === 'active';
  return (
    <Stack key={record.id} gap="sm">
      <Anchor component={Link} to="/clients" size="sm">
        {t('clients:page.backToSearch')}
      </Anchor>
      <Group gap="sm" justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={2}>{names.fullName(record)}</Title>
          <CategoryBadges record={record} />
        </Group>
        <Group gap="xs">
          {canEdit && (
            <FormDrawer label={t('clients:edit.open')} title={t('clients:edit.title')} size="xl">
              {(close, cancel) => <EditClientForm client={record} onDone={close} onCancel={cancel} />}
            </FormDrawer>
          )}
          {session.can('clients.merge') && record.status === 'active' && (
            <FormDrawer label={t('clients:merge.open')} title={t('clients:merge.title')} buttonProps={{ variant: 'subtle' }}>
              {(close) => (
                <MergePanel
                  client={record}
                  onMerged={(id) => {
                    setMerge({ clientId: record.id, mergeId: id });
                    close();
                  }}
                />
              )}
            </FormDrawer>
          )}
        </Group>
      </Group>
      {record.status === 'merged' && record.mergedIntoId !== null && (
        <Alert color="yellow" title={t('clients:page.merged')}>
          <Anchor component={Link} to={`/clients/${encodeURIComponent(record.mergedIntoId)}`}>
            {t('clients:page.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      {merge !== null && merge.clientId === record.id && <MergeDoneAlert mergeId={merge.mergeId} onUndone={() => setMerge(null)} />}
      <Tabs value={tab} onChange={showTab} keepMounted={false}>
        <Tabs.List aria-label={t('clients:page.sections')} mb="sm">
          {available.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate}>
              {t(`clients:page.tab.${candidate}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="identity">
          <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
            <ClientIdentityCard client={record} />
            <TimelinePanel clientId={record.id} latest={{ count: 5, onShowAll: () => showTab('timeline') }} />
          </SimpleGrid>
        </Tabs.Panel>
        {available.includes('consents') && (
          <Tabs.Panel value="consents">
            <ConsentsPanel clientId={record.id} />
          </Tabs.Panel>
        )}
        {available.includes('case') && (
          <Tabs.Panel value="case">
            <CasePanel clientId={record.id} />
          </Tabs.Panel>
        )}
        {available.includes('services') && (
          <Tabs.Panel value="services">
            <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
              <ServicesPanel clientId={record.id} />
              <ReferralsPanel clientId={record.id} />
            </SimpleGrid>
          </Tabs.Panel>
        )}
        {available.includes('counseling') && (
          <Tabs.Panel value="counseling">
            <CounselingTab clientId={record.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="timeline">
          <TimelinePanel clientId={record.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
