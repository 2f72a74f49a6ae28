import { Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addPlanItemInput } from '../../../core/cases/cases.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { DateField } from '../../forms/DateField';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { useServiceNames } from './service-names';

/** Adds a planned service with its goal and due date to the open case's plan. */
export function AddPlanItemForm({ caseId, onDone }: { readonly caseId: string; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const services = useServiceNames();
  const defaults = { caseId, serviceCode: '', goal: '', dueDate: '' };
  const form = useZodForm(addPlanItemInput, { defaultValues: defaults });
  const add = useApiMutation('cases.addPlanItem', {
    onSuccess: () => {
      form.reset(defaults);
      onDone?.();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => add.mutate(input))} noValidate aria-label={t('care:plan.add')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('care:plan.service')}
          {...form.register('serviceCode')}
          error={errors.serviceCode ? t('care:cases.chooseOne') : undefined}
          data={[{ value: '', label: t('clients:field.choose') }, ...services.active.map((entry) => ({ value: entry.code, label: entry.names[services.language] }))]}
        />
        <TextInput label={t('care:plan.goal')} {...form.register('goal')} error={clientFieldError(t, errors.goal, 'care')} autoComplete="off" />
        <DateField control={form.control} name="dueDate" label={t('care:plan.dueDate')} error={errors.dueDate ? t('care:plan.dueDateRequired') : undefined} />
        <ErrorAlert error={alertError(add.error, ['serviceCode', 'goal', 'dueDate'])} />
        <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('care:plan.add')}
        </Button>
      </Stack>
    </form>
  );
}
