import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AppError } from '../../../core/api/errors';
import { SESSION_FORMS, SESSION_KINDS } from '../../../core/counseling/counseling.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { DateField } from '../../forms/DateField';
import { useZodForm } from '../../forms/zod-form';
import { localizeError } from '../../i18n/issues';
import { useSession } from '../../session/session';
import { todayLocal } from '../clients/client-format';
import { localInstant, parseTimeText } from './appointment-time';
import { ClientPicker, type PickedClient } from './ClientPicker';

const DURATIONS = [30, 45, 50, 60, 90, 120] as const;
/** Refusals that concern the chosen time: shown under the time field, which takes the focus. */
const TIME_REASONS = new Set(['appointmentOverlaps', 'appointmentInPast']);

const bookingFormSchema = z.object({
  clientId: z.string().min(1),
  psychologistId: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().refine((text) => parseTimeText(text) !== null),
  durationMinutes: z.string().regex(/^\d+$/),
  kind: z.enum(SESSION_KINDS),
  form: z.enum(SESSION_FORMS),
});

export interface BookingDefaults {
  readonly day: string;
  readonly time: string;
  readonly psychologistId: string | null;
}

/**
 * Books an appointment: the client (found by name, phone or PINFL), the psychologist (her own
 * calendar for a psychologist), the day (dd.mm.yyyy), the start (HH:MM), the length, the kind and
 * the form. No free-text purpose on purpose: it would be confidential.
 */
export function BookingForm({ defaults, onDone }: { readonly defaults: BookingDefaults; readonly onDone: (startsAt: string) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const isOwnCalendar = user?.role === 'psychologist';
  const counselors = useApiQuery('appointments.counselors', {}, { enabled: !isOwnCalendar });
  const [client, setClient] = useState<PickedClient | null>(null);
  const form = useZodForm(bookingFormSchema, {
    defaultValues: {
      clientId: '',
      psychologistId: isOwnCalendar ? (user?.id ?? '') : (defaults.psychologistId ?? ''),
      day: defaults.day,
      time: defaults.time,
      durationMinutes: '50',
      kind: 'individual',
      form: 'inPerson',
    },
  });
  const schedule = useApiMutation('appointments.schedule', {
    onSuccess: (booked) => {
      notifyDone(t('appointments:booked'), t('common:actions.close'));
      onDone(booked.startsAt);
    },
    onError: (error) => {
      const reason = error instanceof AppError ? error.details?.['reason'] : undefined;
      if (typeof reason === 'string' && TIME_REASONS.has(reason)) form.setError('time', { type: 'server', message: localizeError(t, error) }, { shouldFocus: true });
    },
  });
  const { errors } = form.formState;
  const reason = schedule.error instanceof AppError ? schedule.error.details?.['reason'] : undefined;
  const isTimeRefusal = typeof reason === 'string' && TIME_REASONS.has(reason);
  return (
    <form
      noValidate
      aria-label={t('appointments:book')}
      onSubmit={form.handleSubmit((values) => {
          schedule.mutate({
            clientId: values.clientId,
            psychologistId: values.psychologistId,
            startsAt: localInstant(values.day, parseTimeText(values.time) ?? values.time),
            durationMinutes: Number(values.durationMinutes),
            kind: values.kind,
            form: values.form,
          });
        })}
    >
      <Stack gap="sm">
        <Controller
          control={form.control}
          name="clientId"
          render={({ field }) => (
            <ClientPicker
              inputRef={field.ref}
              value={client}
              onChange={(picked) => {
                setClient(picked);
                field.onChange(picked?.id ?? '');
              }}
              error={errors.clientId ? t('appointments:chooseClient') : undefined}
            />
          )}
        />
        {!isOwnCalendar && (
          <NativeSelect
            label={t('appointments:psychologist')}
            withAsterisk
            {...form.register('psychologistId')}
            error={errors.psychologistId ? t('appointments:choosePsychologist') : undefined}
            data={[{ value: '', label: t('clients:field.choose') }, ...(counselors.data?.items ?? []).map((item) => ({ value: item.id, label: item.displayName }))]}
          />
        )}
        <Group grow align="flex-start">
          <DateField control={form.control} name="day" label={t('appointments:day')} withAsterisk minDate={todayLocal()} error={errors.day ? t('appointments:dayInvalid') : undefined} />
          <TextInput
            label={t('appointments:time')}
            withAsterisk
            placeholder="HH:MM"
            inputMode="numeric"
            autoComplete="off"
            {...form.register('time')}
            error={errors.time ? (errors.time.type === 'server' && typeof errors.time.message === 'string' ? errors.time.message : t('appointments:timeInvalid')) : undefined}
          />
        </Group>
        <Group grow align="flex-start">
          <NativeSelect label={t('appointments:duration')} {...form.register('durationMinutes')} data={DURATIONS.map((minutes) => ({ value: String(minutes), label: t('appointments:minutes', { n: minutes }) }))} />
          <NativeSelect label={t('appointments:kind')} {...form.register('kind')} data={SESSION_KINDS.map((kind) => ({ value: kind, label: t(`counseling:kind.${kind}`) }))} />
          <NativeSelect label={t('appointments:form')} {...form.register('form')} data={SESSION_FORMS.map((code) => ({ value: code, label: t(`counseling:form.${code}`) }))} />
        </Group>
        {!isTimeRefusal && <ErrorAlert error={schedule.error} />}
        <Button type="submit" loading={schedule.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('appointments:bookSubmit')}
        </Button>
      </Stack>
    </form>
  );
}
