import { Alert, Button, Checkbox, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MAX_DURATION_MINUTES, NOTE_MAX_CHARS, OVERRIDE_REASON_MAX_CHARS, recordServiceInput } from '../../../core/services/services.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
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
  overrideReason: z.string().trim().max(OVERRIDE_REASON_MAX_CHARS),
});

/**
 * Records one delivered service from the catalog, linked to the open case when there is one.
 * Without the client's consent to receive services the core refuses it; the form says so before
 * anyone tries and offers the emergency override, which needs a reason.
 */
export function RecordServiceForm({ clientId, caseId, onDone }: { readonly clientId: string; readonly caseId: string | undefined; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const consents = useApiQuery('consents.list', { clientId });
  const [isOverride, setOverride] = useState(false);
  const defaults = { clientId, serviceCode: '', deliveredOn: todayLocal(), durationMinutes: '', note: '', overrideReason: '' };
  const form = useZodForm(serviceFormSchema, { defaultValues: defaults });
  const record = useApiMutation('services.record', {
    onSuccess: () => {
      form.reset(defaults);
      setOverride(false);
      onDone?.();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  const lacksConsent = consents.isSuccess && consents.data.current.services?.state !== 'given';
  return (
    <form
      onSubmit={form.handleSubmit(({ overrideReason, ...input }) => {
        if (lacksConsent && isOverride && overrideReason === '') {
          form.setError('overrideReason', { type: 'required' }, { shouldFocus: true });
          return;
        }
        const withOverride = lacksConsent && isOverride ? { ...input, consentOverride: { reason: overrideReason } } : input;
        record.mutate(caseId === undefined ? withOverride : { ...withOverride, caseId });
      })}
      noValidate
      aria-label={t('care:services.record')}
    >
      {lacksConsent && (
        <Alert color="yellow" mb="xs" title={t('care:services.noConsentTitle')}>
          {t('care:services.noConsent')}
          <Checkbox mt="xs" label={t('care:services.override')} checked={isOverride} onChange={(event) => setOverride(event.currentTarget.checked)} />
          {isOverride && (
            <Textarea
              mt="xs"
              autosize
              minRows={2}
              label={t('care:services.overrideReason')}
              description={t('care:services.overrideReasonHelp')}
              {...form.register('overrideReason')}
              error={errors.overrideReason ? t('care:services.overrideReasonRequired') : undefined}
            />
          )}
        </Alert>
      )}
      <Stack gap="sm">
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
      <TextInput label={t('care:services.note')} {...form.register('note')} error={clientFieldError(t, errors.note, 'care')} autoComplete="off" />
      <ErrorAlert error={alertError(record.error, ['serviceCode', 'deliveredOn', 'durationMinutes', 'note', 'consentOverride'])} />
      <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('care:services.record')}
      </Button>
      </Stack>
    </form>
  );
}
