import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CASE_CLOSE_REASONS, CLOSE_NOTE_MAX_CHARS, closeCaseInput } from '../../../core/cases/cases.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alertError, clientFieldError } from './client-form';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';

/** The core's schema with the optional note typed as text (empty: none). */
const closeFormSchema = closeCaseInput.extend({
  note: z
    .string()
    .trim()
    .max(CLOSE_NOTE_MAX_CHARS)
    .transform((value) => (value === '' ? undefined : value)),
});

/** Closes the case with a reason (and an optional note); in a drawer behind a button so it is not pressed by accident. */
export function CloseCaseForm({ caseId, onDone }: { readonly caseId: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(closeFormSchema, { defaultValues: { caseId, reason: '' as never, note: '' } });
  const close = useApiMutation('cases.close', {
    onSuccess: () => onDone(),
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => close.mutate(input))} noValidate aria-label={t('care:cases.closeTitle')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('care:cases.closeReason')}
          {...form.register('reason')}
          error={errors.reason ? t('care:cases.chooseOne') : undefined}
          data={[{ value: '', label: t('clients:field.choose') }, ...CASE_CLOSE_REASONS.map((reason) => ({ value: reason, label: t(`care:cases.reason.${reason}`) }))]}
        />
        <TextInput
          label={t('care:cases.closeNote')}
          {...form.register('note')}
          error={clientFieldError(t, errors.note, 'care')}
        />
        <ErrorAlert error={alertError(close.error, ['reason', 'note'])} />
        <Group>
          <Button type="submit" color="red" loading={close.isPending}>
            {t('care:cases.closeConfirm')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
