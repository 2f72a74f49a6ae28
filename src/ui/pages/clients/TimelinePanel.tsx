import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppTimelineEvent as TimelineEvent } from '../../../core/app';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay } from './client-format';
import { useServiceNames } from './service-names';
import type { TimelineRenderers, TimelineWording } from '../../areas/area';
import { useTimelineRenderers } from '../../areas/timeline-context';

/** One line per event, worded by the area that owns its kind: the core decides what an event holds. */
function describe(renderers: TimelineRenderers, event: TimelineEvent, wording: TimelineWording): string {
  const render = renderers[event.kind] as ((event: TimelineEvent, wording: TimelineWording) => string) | undefined;
  return render ? render(event, wording) : event.kind;
}

/** Everything that happened to the client that this role may see, newest first. */
export function TimelinePanel({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const renderers = useTimelineRenderers();
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
              <Timeline.Item key={event.key} role="listitem" title={<Text size="sm" style={{ overflowWrap: 'anywhere' }}>{describe(renderers, event, { t, serviceName: services.name, formatDay })}</Text>}>
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
