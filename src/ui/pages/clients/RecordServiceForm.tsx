import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MAX_DURATION_MINUTES, NOTE_MAX_CHARS, recordServiceInput } from '../../../core/services/services.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { DateField } from '../../forms/DateField';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { todayLocal } from './client-format';
import { useServiceNames } from './service-names';

/** The core's schema with the optional fields typed as text (empty: not given), so a reset form is really empty. */
const serviceFormSchema = recordServiceInput.extend({
  durationMinutes: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : Number(value)))
    .pipe(z.number().int().min(1).max(MAX_DURATION_MINUTES).optional()),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_CHARS)
    .transform((value) => (value === '' ? undefined : value)),
});

/** Records one delivered service from the catalog, linked to the open case when there is one. */
export function RecordServiceForm({ clientId, caseId }: { readonly clientId: string; readonly caseId: string | undefined }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const defaults = { clientId, serviceCode: '', deliveredOn: todayLocal(), durationMinutes: '', note: '' };
  const form = useZodForm(serviceFormSchema, { defaultValues: defaults });
  const record = useApiMutation('services.record', {
    onSuccess: () => {
      form.reset(defaults);
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form
      onSubmit={form.handleSubmit((input) => record.mutate(caseId === undefined ? input : { ...input, caseId }))}
      noValidate
      aria-label={t('care:services.record')}
    >
      <Group align="flex-start" grow>
        <NativeSelect
          label={t('care:services.service')}
          {...form.register('serviceCode')}
          error={errors.serviceCode ? t('care:cases.chooseOne') : undefined}
          data={[{ value: '', label: t('clients:field.choose') }, ...services.active.map((entry) => ({ value: entry.code, label: entry.names[services.language] }))]}
        />
        <DateField control={form.control} name="deliveredOn" label={t('care:services.deliveredOn')} maxDate={todayLocal()} error={clientFieldError(t, errors.deliveredOn, 'care')} />
        <TextInput
          label={t('care:services.duration')}
          inputMode="numeric"
          {...form.register('durationMinutes')}
          error={clientFieldError(t, errors.durationMinutes, 'care')}
          autoComplete="off"
        />
      </Group>
      <TextInput mt="xs" label={t('care:services.note')} {...form.register('note')} error={clientFieldError(t, errors.note, 'care')} autoComplete="off" />
      <ErrorAlert error={alertError(record.error, ['serviceCode', 'deliveredOn', 'durationMinutes', 'note'])} />
      <Button type="submit" mt="sm" loading={record.isPending}>
        {t('care:services.record')}
      </Button>
    </form>
  );
}
