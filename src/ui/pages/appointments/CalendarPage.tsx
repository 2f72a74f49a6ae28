import { Button, Drawer, Group, Loader, NativeSelect, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Appointment } from '../../../core/appointments/appointments.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { todayLocal } from '../clients/client-format';
import { AppointmentCalendar, type CalendarView } from './AppointmentCalendar';
import { AppointmentDialog } from './AppointmentDialog';
import { localDayAndTime, nextHalfHour } from './appointment-time';
import { BookingForm, type BookingDefaults } from './BookingForm';

const NO_APPOINTMENTS: readonly Appointment[] = [];

/** How often the calendar refreshes on its own (a booking at the desk shows up in the room). */
const REFRESH_MS = 60_000;

/**
 * The appointments calendar, day and week. A psychologist sees her own; a supervisor and the
 * desk choose one psychologist or see everyone's. `?view=day|week&date=YYYY-MM-DD` opens a
 * given day (the reminders link here).
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const isOwnCalendar = session.user?.role === 'psychologist';
  const [psychologistId, setPsychologistId] = useState<string>('');
  const [range, setRange] = useState<{ readonly from: string; readonly to: string } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingDefaults | null>(null);
  // Where the calendar is (view and day): a remount (after booking, or in another language) reopens it there.
  const [position, setPosition] = useState({ date: params.get('date') ?? todayLocal(), view: (params.get('view') === 'day' ? 'timeGridDay' : 'timeGridWeek') as CalendarView });
  const [remounts, setRemounts] = useState(0);
  const language = currentLanguage(i18n);
  const counselors = useApiQuery('appointments.counselors', {}, { enabled: !isOwnCalendar });
  const list = useApiQuery(
    'appointments.list',
    { psychologistId: isOwnCalendar || psychologistId === '' ? null : psychologistId, from: range?.from ?? '', to: range?.to ?? '' },
    { enabled: range !== null, refetchInterval: REFRESH_MS, placeholderData: (previous) => previous },
  );
  const appointments = list.data?.items ?? NO_APPOINTMENTS;
  const opened = appointments.find((item) => item.id === openId) ?? null;
  const startBooking = (at: Date) => {
    const { day, time } = localDayAndTime(at);
    setBooking({ day, time, psychologistId: psychologistId === '' ? null : psychologistId });
  };
  return (
    <Stack maw={1200} gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('appointments:title')}</Title>
        <Group align="flex-end">
          {!isOwnCalendar && (
            <NativeSelect
              label={t('appointments:psychologist')}
              value={psychologistId}
              onChange={(event) => setPsychologistId(event.currentTarget.value)}
              data={[{ value: '', label: t('appointments:allPsychologists') }, ...(counselors.data?.items ?? []).map((item) => ({ value: item.id, label: item.displayName }))]}
            />
          )}
          {session.can('appointments.book') && <Button onClick={() => startBooking(nextHalfHour(new Date()))}>{t('appointments:book')}</Button>}
          {list.isFetching && <Loader size="sm" aria-label={t('common:loading')} />}
        </Group>
      </Group>
      <ErrorAlert error={list.error} />
      <section aria-label={t('appointments:calendarLabel')}>
        <AppointmentCalendar
          key={`${String(remounts)}-${language}`}
          appointments={appointments}
          language={language}
          initialView={position.view}
          initialDate={position.date}
          onRangeChange={({ from, to, view, date }) => {
            setRange((current) => (current?.from === from && current.to === to ? current : { from, to }));
            setPosition((current) => (current.view === view && current.date === date ? current : { view, date }));
          }}
          onOpen={setOpenId}
          onSlotClick={session.can('appointments.book') ? startBooking : undefined}
        />
      </section>
      {opened && <AppointmentDialog appointment={opened} now={new Date()} onClose={() => setOpenId(null)} />}
      <Drawer opened={booking !== null} onClose={() => setBooking(null)} title={t('appointments:book')} position="right" size="lg" closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        {booking && (
          <BookingForm
            defaults={booking}
            onDone={(startsAt) => {
              setBooking(null);
              // Show the day of the new appointment, in the view the user had.
              setPosition((current) => ({ ...current, date: localDayAndTime(new Date(startsAt)).day }));
              setRemounts((count) => count + 1);
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}
