import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../core/appointments/appointments.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../clients/client-format';
import { localDayAndTime } from './appointment-time';
import { useReaderNames } from '../../components/reader-names';

/** How far ahead the home page lists, and how often reminders are asked for again. */
export const REMINDER_WINDOW_MINUTES = 60;
export const REMINDER_REFRESH_MS = 30_000;

function dayLink(item: Appointment): string {
  return `/calendar?view=day&date=${localDayAndTime(new Date(item.startsAt)).day}`;
}

function Rows({ items, extra }: { readonly items: readonly Appointment[]; readonly extra: (item: Appointment) => string }) {
  const names = useReaderNames();
  return (
    <Table>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>{`${formatTime(item.startsAt)}–${formatTime(item.endsAt)}`}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={dayLink(item)}>
                {names.name(item.clientName)}
              </Anchor>
            </Table.Td>
            <Table.Td>{extra(item)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The psychologist's home: her appointments in the next hour (with the minutes left) and those
 * already started that still wait for "came" or "did not come". Refreshes on its own.
 */
export function AppointmentReminders() {
  const { t } = useTranslation();
  const reminders = useApiQuery('appointments.reminders', { withinMinutes: REMINDER_WINDOW_MINUTES }, { refetchInterval: REMINDER_REFRESH_MS });
  const upcoming = reminders.data?.upcoming ?? [];
  const awaiting = reminders.data?.awaitingOutcome ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="home-appointments">
      <Stack gap="sm">
        <Title order={3} size="h4" id="home-appointments">
          {t('appointments:reminders.title')}
        </Title>
        <ErrorAlert error={reminders.error} />
        {reminders.isSuccess && upcoming.length === 0 && <Text c="dimmed">{t('appointments:reminders.none')}</Text>}
        {upcoming.length > 0 && <Rows items={upcoming} extra={(item) => t('appointments:reminders.startsIn', { n: upcoming.find((one) => one.id === item.id)?.minutesUntilStart ?? 0 })} />}
        {awaiting.length > 0 && (
          <>
            <Title order={4} size="h5">
              {t('appointments:reminders.awaitingTitle')}
            </Title>
            <Rows items={awaiting} extra={(item) => t(`appointments:status.${item.status}`)} />
          </>
        )}
        <Anchor component={Link} to="/calendar">
          {t('appointments:reminders.openCalendar')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

/**
 * In the header, for psychologists and supervisors: how many of their appointments start within
 * the next hour or wait for an outcome; a link to the calendar. Nothing personal, just the count.
 */
export function ReminderBadge() {
  const { t } = useTranslation();
  const reminders = useApiQuery('appointments.reminders', { withinMinutes: REMINDER_WINDOW_MINUTES }, { refetchInterval: REMINDER_REFRESH_MS });
  const count = (reminders.data?.upcoming.length ?? 0) + (reminders.data?.awaitingOutcome.length ?? 0);
  if (count === 0) return null;
  const label = t('appointments:reminders.badge', { n: count });
  return (
    <Anchor component={Link} to="/calendar?view=day" aria-label={label} underline="never">
      <Badge color="orange" variant="filled" size="lg" style={{ cursor: 'pointer' }}>
        {label}
      </Badge>
    </Anchor>
  );
}
