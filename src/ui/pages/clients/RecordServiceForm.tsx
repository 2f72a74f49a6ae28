import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordServiceInput } from '../../../core/services/services.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { todayLocal } from './client-format';
import { useServiceNames } from './service-names';

const blankAsUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/** Records one delivered service from the catalog, linked to the open case when there is one. */
export function RecordServiceForm({ clientId, caseId }: { readonly clientId: string; readonly caseId: string | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const services = useServiceNames();
  const defaults = { clientId, serviceCode: '', deliveredOn: todayLocal(), durationMinutes: undefined, note: undefined };
  const form = useZodForm(recordServiceInput, { defaultValues: defaults });
  const record = useApiMutation('services.record', {
    onSuccess: () => {
      form.reset(defaults);
      void queryClient.invalidateQueries({ queryKey: ['services.listForClient'] });
      void queryClient.invalidateQueries({ queryKey: ['clients.timeline'] });
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
        <TextInput type="date" label={t('care:services.deliveredOn')} max={todayLocal()} {...form.register('deliveredOn')} error={fieldError(t, errors.deliveredOn)} />
        <TextInput
          label={t('care:services.duration')}
          inputMode="numeric"
          {...form.register('durationMinutes', { setValueAs: (value: unknown) => (value === '' || value === undefined ? undefined : Number(value)) })}
          error={fieldError(t, errors.durationMinutes)}
          autoComplete="off"
        />
      </Group>
      <TextInput mt="xs" label={t('care:services.note')} {...form.register('note', { setValueAs: blankAsUndefined })} error={fieldError(t, errors.note)} autoComplete="off" />
      <ErrorAlert error={record.error} />
      <Button type="submit" mt="sm" loading={record.isPending}>
        {t('care:services.record')}
      </Button>
    </form>
  );
}
