import type { DatesSetArg, EventClickArg, EventContentArg, EventInput, LocaleInput } from '@fullcalendar/core';
import ruLocale from '@fullcalendar/core/locales/ru';
import uzLocale from '@fullcalendar/core/locales/uz';
import uzCyrlLocale from '@fullcalendar/core/locales/uz-cy';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../core/appointments/appointments.schema';
import { DAYJS_LOCALE } from '../../forms/day-text';
import type { Language } from '../../i18n/languages';
import { localDayAndTime } from './appointment-time';
import './calendar.css';
import { useReaderNames } from '../../components/reader-names';

/** FullCalendar's own locale for each interface language (English is its built-in default). */
const CALENDAR_LOCALES: Readonly<Record<Language, LocaleInput | 'en'>> = { 'uz-Latn': uzLocale, 'uz-Cyrl': uzCyrlLocale, ru: ruLocale, en: 'en' };

/** A day FullCalendar hands a formatter (its fields are the calendar's local day). */
function dayOf(marker: { readonly year: number; readonly month: number; readonly day: number }, locale: string) {
  return dayjs(new Date(marker.year, marker.month, marker.day)).locale(locale);
}

export type CalendarView = 'timeGridDay' | 'timeGridWeek';

const HOUR_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
// Options as constants: FullCalendar re-applies options whose identity changes, and re-announces its dates.
const PLUGINS = [timeGridPlugin, interactionPlugin];
const LOCALES = [uzLocale, uzCyrlLocale, ruLocale];
const TOOLBAR = { left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek' };

/**
 * The calendar itself: FullCalendar's time grid (day and week), in the interface's language,
 * Monday first, 24-hour times, the working day in view. Each appointment is a focusable event
 * (Enter opens it); its text carries the status, so colour is never the only sign.
 */
export function AppointmentCalendar({
  appointments,
  language,
  initialView,
  initialDate,
  onRangeChange,
  onOpen,
  onSlotClick,
}: {
  readonly appointments: readonly Appointment[];
  readonly language: Language;
  readonly initialView: CalendarView;
  readonly initialDate: string;
  readonly onRangeChange: (range: { readonly from: string; readonly to: string; readonly view: CalendarView; readonly date: string }) => void;
  readonly onOpen: (id: string) => void;
  readonly onSlotClick?: (date: Date) => void;
}) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const dayjsLocale = DAYJS_LOCALE[language];
  const events: EventInput[] = useMemo(
    () =>
      appointments.map((item) => ({
        id: item.id,
        title: names.name(item.clientName),
        start: item.startsAt,
        end: item.endsAt,
        classNames: [`appointment-${item.status}`],
        extendedProps: { status: item.status },
      })),
    [appointments, names],
  );
  // Words on the toolbar and their accessible names are ours: FullCalendar's Uzbek misspells some and
  // has no hints; text instead of its icon font, which the renderer's CSP (font-src 'self') refuses as a data: URL.
  const words = useMemo(
    () => ({ prev: t('appointments:calendar.prev'), next: t('appointments:calendar.next'), today: t('appointments:calendar.today'), day: t('appointments:calendar.day'), week: t('appointments:calendar.week') }),
    [t],
  );
  return (
    <FullCalendar
      plugins={PLUGINS}
      initialView={initialView}
      initialDate={initialDate}
      headerToolbar={TOOLBAR}
      locales={LOCALES}
      locale={CALENDAR_LOCALES[language]}
      buttonText={words}
      buttonHints={words}
      buttonIcons={false}
      firstDay={1}
      allDaySlot={false}
      // The whole day (crisis sessions and home visits happen late too), opened at the working morning.
      scrollTime="08:00:00"
      slotLabelFormat={HOUR_FORMAT}
      eventTimeFormat={HOUR_FORMAT}
      height={540}
      nowIndicator
      eventInteractive
      events={events}
      datesSet={(arg: DatesSetArg) =>
        onRangeChange({ from: arg.startStr, to: arg.endStr, view: arg.view.type === 'timeGridDay' ? 'timeGridDay' : 'timeGridWeek', date: localDayAndTime(arg.view.currentStart).day })
      }
      // Dates as the rest of the app writes them (dd.mm.yyyy, dayjs's weekday names): the browser's
      // Intl may lack Uzbek data, and FullCalendar's own formats would then read "2026 M11 30".
      titleFormat={(arg) => {
        const start = dayOf(arg.start, dayjsLocale);
        const end = arg.end ? dayOf(arg.end, dayjsLocale) : start;
        return start.isSame(end, 'day') ? start.format('dddd, DD.MM.YYYY') : `${start.format('DD.MM.YYYY')} – ${end.format('DD.MM.YYYY')}`;
      }}
      dayHeaderContent={(arg) => dayjs(arg.date).locale(dayjsLocale).format('dd, DD.MM')}
      dayHeaderDidMount={(arg) => arg.el.setAttribute('aria-label', dayjs(arg.date).locale(dayjsLocale).format('dddd, DD.MM.YYYY'))}
      eventClick={(arg: EventClickArg) => onOpen(arg.event.id)}
      dateClick={onSlotClick ? (arg: DateClickArg) => onSlotClick(arg.date) : undefined}
      eventContent={(arg: EventContentArg) => {
        const status = String(arg.event.extendedProps['status'] ?? 'scheduled');
        return (
          <div className="appointment-event">
            <b>{arg.timeText}</b> {arg.event.title}
            {status !== 'scheduled' && <span className="appointment-status"> · {t(`appointments:status.${status}`)}</span>}
          </div>
        );
      }}
    />
  );
}
