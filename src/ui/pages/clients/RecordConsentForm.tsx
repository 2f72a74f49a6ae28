import { Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CONSENT_PURPOSES, CONSENT_STATES, recordConsentInput } from '../../../core/consents/consents.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { DateField } from '../../forms/DateField';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { todayLocal } from './client-format';

/** The core's schema, with the optional reference typed as text (empty: none), so a reset form is really empty. */
const consentFormSchema = recordConsentInput.extend({
  formReference: z
    .string()
    .trim()
    .max(100)
    .transform((value) => (value === '' ? undefined : value)),
});

/** Records one decision (given, refused, withdrawn) for one purpose, with the paper form's reference. */
export function RecordConsentForm({ clientId, onDone }: { readonly clientId: string; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const defaults = { clientId, purpose: 'services', state: 'given', decidedOn: todayLocal(), formReference: '' } as const;
  const form = useZodForm(consentFormSchema, { defaultValues: defaults });
  const record = useApiMutation('consents.record', {
    onSuccess: (_result, input) => {
      form.reset({ ...defaults, purpose: input.purpose });
      onDone?.();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => record.mutate(input))} noValidate aria-label={t('care:consents.record')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('care:consents.purposeLabel')}
          {...form.register('purpose')}
          error={clientFieldError(t, errors.purpose, 'care')}
          data={CONSENT_PURPOSES.map((purpose) => ({ value: purpose, label: t(`care:consents.purpose.${purpose}`) }))}
        />
        <NativeSelect
          label={t('care:consents.stateLabel')}
          {...form.register('state')}
          error={clientFieldError(t, errors.state, 'care')}
          data={CONSENT_STATES.map((state) => ({ value: state, label: t(`care:consents.state.${state}`) }))}
        />
        <DateField control={form.control} name="decidedOn" label={t('care:consents.decidedOn')} maxDate={todayLocal()} error={clientFieldError(t, errors.decidedOn, 'care')} />
        <TextInput
          label={t('care:consents.formReference')}
          {...form.register('formReference')}
          error={clientFieldError(t, errors.formReference, 'care')}
          autoComplete="off"
        />
        <ErrorAlert error={alertError(record.error, ['purpose', 'state', 'decidedOn', 'formReference'])} />
        <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('care:consents.record')}
        </Button>
      </Stack>
    </form>
  );
}
