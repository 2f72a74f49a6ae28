import { Button, Group, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignCaseInput } from '../../../core/cases/cases.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import type { CaseWorkerOption } from './case-workers';
import { alertError } from './client-form';

interface ReassignCaseFormProps {
  readonly caseId: string;
  readonly caseWorkerId: string;
  readonly options: readonly CaseWorkerOption[];
}

/**
 * Hands the open case to another colleague (`cases.assign`); behind a button like closing. The
 * overdue lists follow: the new case worker sees the case's late items, the old one no longer does.
 */
export function ReassignCaseForm({ caseId, caseWorkerId, options }: ReassignCaseFormProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  // A case worker since deactivated is not in the list: then nothing is preselected.
  const current = options.some((option) => option.value === caseWorkerId) ? caseWorkerId : '';
  const form = useZodForm(assignCaseInput, { defaultValues: { caseId, caseWorkerId: current } });
  const assign = useApiMutation('cases.assign', {
    onSuccess: () => {
      setOpen(false);
    },
    onError: (error) => applyServerIssues(form, error),
  });
  if (!isOpen) {
    return (
      <Button
        variant="subtle"
        onClick={() => {
          form.reset({ caseId, caseWorkerId: current });
          setOpen(true);
        }}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('care:cases.reassign')}
      </Button>
    );
  }
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => assign.mutate(input))} noValidate aria-label={t('care:cases.reassignTitle')}>
      <Group align="flex-end">
        <NativeSelect
          label={t('care:cases.reassignTo')}
          {...form.register('caseWorkerId')}
          error={errors.caseWorkerId ? t('care:cases.chooseOne') : undefined}
          data={[...(current === '' ? [{ value: '', label: t('clients:field.choose') }] : []), ...options]}
        />
        <Button type="submit" loading={assign.isPending}>
          {t('care:cases.reassignConfirm')}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('common:actions.cancel')}
        </Button>
      </Group>
      <ErrorAlert error={alertError(assign.error, ['caseWorkerId'])} />
    </form>
  );
}
