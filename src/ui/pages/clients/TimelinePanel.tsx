import { Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppTimelineEvent as TimelineEvent } from '../../../core/app';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay, formatTime } from './client-format';
import { useServiceNames } from './service-names';
import type { TimelineRenderers, TimelineWording } from '../../areas/area';
import { useTimelineRenderers } from '../../areas/timeline-context';

/** One line per event, worded by the area that owns its kind: the core decides what an event holds. */
function describe(renderers: TimelineRenderers, event: TimelineEvent, wording: TimelineWording): string {
  const render = renderers[event.kind] as ((event: TimelineEvent, wording: TimelineWording) => string) | undefined;
  return render ? render(event, wording) : event.kind;
}

interface TimelinePanelProps {
  readonly clientId: string;
  /** Only the newest events (the identity tab's "latest"), with a way to all of them. */
  readonly latest?: { readonly count: number; readonly onShowAll: () => void };
}

const TIMELINE_PAGE = 20;

/** Everything that happened to the client that this role may see, newest first: what, when (day and time) and who. */
export function TimelinePanel({ clientId, latest }: TimelinePanelProps) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const renderers = useTimelineRenderers();
  const timeline = useApiQuery('timeline.forClient', { clientId });
  // A long history comes a page at a time, so the section stays one screen or two.
  const [shown, setShown] = useState(TIMELINE_PAGE);
  const all = [...(timeline.data?.events ?? [])].reverse();
  const events = all.slice(0, latest === undefined ? shown : latest.count);
  const staffNames = timeline.data?.staffNames ?? {};
  const staffName = (id: string | null) => (id === null ? '' : (staffNames[id] ?? t('care:timeline.unknownStaff')));
  const titleKey = latest === undefined ? 'care:timeline.title' : 'care:timeline.latest';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={latest === undefined ? 'timeline-title' : 'timeline-latest-title'}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={latest === undefined ? 'timeline-title' : 'timeline-latest-title'}>
            {t(titleKey)}
          </Title>
          {latest !== undefined && all.length > events.length && (
            <Button variant="subtle" size="sm" onClick={latest.onShowAll}>
              {t('care:timeline.showAll', { count: all.length })}
            </Button>
          )}
        </Group>
        <ErrorAlert error={timeline.error} />
        {timeline.isSuccess && events.length === 0 && <Text c="dimmed">{t('care:timeline.empty')}</Text>}
        {events.length > 0 && (
          <Timeline bulletSize={12} lineWidth={2} aria-label={t(titleKey)} role="list" styles={{ item: { marginTop: 'var(--mantine-spacing-xs)' } }}>
            {events.map((event) => {
              const author = staffName(event.byId);
              return (
                <Timeline.Item
                  key={event.key}
                  role="listitem"
                  title={<Text size="sm" style={{ overflowWrap: 'anywhere' }}>{describe(renderers, event, { t, serviceName: services.name, formatDay, staffName })}</Text>}
                >
                  <Text size="xs" c="dimmed">
                    {/* The day it happened; the time and author of when it was recorded. */}
                    {[formatDay(event.date), t('care:timeline.recorded', { time: formatTime(event.at) }), author].filter((part) => part !== '').join(' · ')}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        {latest === undefined && all.length > events.length && (
          <Button variant="light" size="sm" onClick={() => setShown((count) => count + TIMELINE_PAGE)} style={{ alignSelf: 'flex-start' }}>
            {t('care:timeline.showMore', { shown: events.length, count: all.length })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
