import { Button, Group, NativeSelect, Stack } from '@mantine/core';
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
  readonly onDone: () => void;
}

/**
 * Hands the open case to another colleague (`cases.assign`), in a drawer opened on demand. The
 * overdue lists follow: the new case worker sees the case's late items, the old one no longer does.
 */
export function ReassignCaseForm({ caseId, caseWorkerId, options, onDone }: ReassignCaseFormProps) {
  const { t } = useTranslation();
  // A case worker since deactivated is not in the list: then nothing is preselected.
  const current = options.some((option) => option.value === caseWorkerId) ? caseWorkerId : '';
  const form = useZodForm(assignCaseInput, { defaultValues: { caseId, caseWorkerId: current } });
  const assign = useApiMutation('cases.assign', {
    onSuccess: () => onDone(),
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => assign.mutate(input))} noValidate aria-label={t('care:cases.reassignTitle')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('care:cases.reassignTo')}
          {...form.register('caseWorkerId')}
          error={errors.caseWorkerId ? t('care:cases.chooseOne') : undefined}
          data={[...(current === '' ? [{ value: '', label: t('clients:field.choose') }] : []), ...options]}
        />
        <ErrorAlert error={alertError(assign.error, ['caseWorkerId'])} />
        <Group>
          <Button type="submit" loading={assign.isPending}>
            {t('care:cases.reassignConfirm')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
