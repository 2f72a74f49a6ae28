import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { breakGlassInput } from '../../../core/counseling/counseling.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { alertError } from '../clients/client-form';
import { sessionFieldError } from './session-field-error';

/**
 * Emergency access ("break the glass"): the psychologist types why she must open a client who is
 * not assigned to her. The access lasts the center's hours, is audited, and supervisors see it
 * on their list until one of them reviews it; the form says all of that before she confirms.
 */
export function BreakGlassForm({ clientId, onDone }: { readonly clientId: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const center = useApiQuery('center.get', {});
  const hours = center.data?.settings.emergencyAccessHours ?? 4;
  const form = useZodForm(breakGlassInput, { defaultValues: { clientId, reason: '' } });
  const open = useApiMutation('counseling.breakGlass', { onSuccess: onDone, onError: (error) => applyServerIssues(form, error) });
  return (
    <form onSubmit={form.handleSubmit((input) => open.mutate(input))} noValidate aria-label={t('counselingSessions:breakGlass.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('counselingSessions:breakGlass.explanation', { count: hours })}</Text>
        <Textarea
          label={t('counselingSessions:breakGlass.reason')}
          description={t('counselingSessions:breakGlass.reasonHelp')}
          autosize
          minRows={3}
          withAsterisk
          {...form.register('reason')}
          error={sessionFieldError(t, form.formState.errors.reason)}
        />
        <ErrorAlert error={alertError(open.error, ['reason'])} />
        <Button type="submit" color="red" loading={open.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('counselingSessions:breakGlass.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
