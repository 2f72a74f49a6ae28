import { Button, Checkbox, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES, NEED_CODES, openCaseInput, REFERRAL_SOURCES } from '../../../core/cases/cases.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { useSession } from '../../session/session';
import { useCaseWorkers, type CaseWorkerOption } from './case-workers';

/**
 * Opens a case with the intake assessment and a case worker chosen from the colleagues the core
 * lists (`cases.caseWorkers`); the signed-in user is preselected when they may be case worker.
 */
export function OpenCaseForm({ clientId, onDone }: { readonly clientId: string; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const workers = useCaseWorkers();
  if (workers.query.isPending) return <Loader size="sm" aria-label={t('common:loading')} />;
  if (!workers.query.isSuccess) return <ErrorAlert error={workers.query.error} />;
  const self = session.user?.id ?? '';
  return <OpenCaseFields clientId={clientId} workers={workers.options} defaultWorkerId={workers.has(self) ? self : ''} onDone={onDone} />;
}

interface OpenCaseFieldsProps {
  readonly clientId: string;
  readonly workers: readonly CaseWorkerOption[];
  readonly defaultWorkerId: string;
  readonly onDone?: (() => void) | undefined;
}

function OpenCaseFields({ clientId, workers, defaultWorkerId, onDone }: OpenCaseFieldsProps) {
  const { t } = useTranslation();
  const form = useZodForm(openCaseInput, {
    defaultValues: {
      clientId,
      caseWorkerId: defaultWorkerId,
      intake: { needs: [], referralSource: '' as never, priority: 'medium', householdSituation: '' },
    },
  });
  const openCase = useApiMutation('cases.open', {
    onSuccess: () => onDone?.(),
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => openCase.mutate(input))} noValidate aria-label={t('care:cases.openTitle')}>
      <Stack gap="sm">
        <Stack gap={4} role="group" aria-labelledby="needs-label">
          <Text size="sm" fw={500} id="needs-label">
            {t('care:cases.needs')}
          </Text>
          <SimpleGrid cols={2} spacing="xs">
            {NEED_CODES.map((need) => (
              <Checkbox key={need} value={need} label={t(`care:cases.need.${need}`)} {...form.register('intake.needs')} />
            ))}
          </SimpleGrid>
          {errors.intake?.needs && (
            <Text size="sm" c="red" role="alert">
              {t('care:cases.needsRequired')}
            </Text>
          )}
        </Stack>
        <Group grow align="flex-start">
          <NativeSelect
            label={t('care:cases.referralSource')}
            {...form.register('intake.referralSource')}
            error={errors.intake?.referralSource ? t('care:cases.chooseOne') : undefined}
            data={[{ value: '', label: t('clients:field.choose') }, ...REFERRAL_SOURCES.map((source) => ({ value: source, label: t(`care:cases.source.${source}`) }))]}
          />
          <NativeSelect
            label={t('care:cases.priority')}
            {...form.register('intake.priority')}
            error={clientFieldError(t, errors.intake?.priority, 'care')}
            data={CASE_PRIORITIES.map((priority) => ({ value: priority, label: t(`care:cases.priorityLevel.${priority}`) }))}
          />
        </Group>
        <Textarea label={t('care:cases.household')} autosize minRows={2} {...form.register('intake.householdSituation')} error={clientFieldError(t, errors.intake?.householdSituation, 'care')} />
        <NativeSelect
          label={t('care:cases.caseWorker')}
          {...form.register('caseWorkerId')}
          error={errors.caseWorkerId ? t('care:cases.chooseOne') : undefined}
          data={[...(defaultWorkerId === '' ? [{ value: '', label: t('clients:field.choose') }] : []), ...workers]}
          style={{ alignSelf: 'flex-start' }}
        />
        <ErrorAlert error={alertError(openCase.error, ['intake', 'caseWorkerId'])} />
        <Button type="submit" loading={openCase.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('care:cases.open')}
        </Button>
      </Stack>
    </form>
  );
}
