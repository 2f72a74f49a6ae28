import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppTimelineEvent as TimelineEvent } from '../../../core/app';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay } from './client-format';
import { useServiceNames } from './service-names';

/** One line per event: the core decides what an event holds, this only words it. */
function describe(t: TFunction, event: TimelineEvent, serviceName: (code: string) => string): string {
  switch (event.kind) {
    case 'registered':
      return t('care:timeline.registered');
    case 'consent':
      return t('care:timeline.consent', { purpose: t(`care:consents.purpose.${event.purpose}`), state: t(`care:consents.state.${event.state}`) });
    case 'caseOpened':
      return t('care:timeline.caseOpened', { priority: t(`care:cases.priorityLevel.${event.priority}`) });
    case 'caseClosed':
      return t('care:timeline.caseClosed', { reason: t(`care:cases.reason.${event.reason}`) });
    case 'planItemAdded':
      return t('care:timeline.planItemAdded', { service: serviceName(event.serviceCode), goal: event.goal, due: formatDay(event.dueDate) });
    case 'planItemFinished':
      return t('care:timeline.planItemFinished', { service: serviceName(event.serviceCode), status: t(`care:plan.statusLabel.${event.status}`) });
    case 'serviceDelivered':
      return t('care:timeline.serviceDelivered', { service: serviceName(event.serviceCode) });
    case 'referral':
      return t('care:timeline.referral', { direction: t(`care:referrals.direction.${event.direction}`), agency: event.agency });
  }
}

/** Everything that happened to the client that this role may see, newest first. */
export function TimelinePanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const timeline = useApiQuery('timeline.forClient', { clientId });
  const events = [...(timeline.data?.events ?? [])].reverse();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="timeline-title">
          {t('care:timeline.title')}
        </Title>
        <ErrorAlert error={timeline.error} />
        {timeline.isSuccess && events.length === 0 && <Text c="dimmed">{t('care:timeline.empty')}</Text>}
        {events.length > 0 && (
          <Timeline bulletSize={12} lineWidth={2} aria-label={t('care:timeline.title')} role="list">
            {events.map((event) => (
              <Timeline.Item key={event.key} role="listitem" title={<Text size="sm" style={{ overflowWrap: 'anywhere' }}>{describe(t, event, services.name)}</Text>}>
                <Text size="xs" c="dimmed">
                  {formatDay(event.date)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}
