import { Alert, Button, NumberInput, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { centerSettingsSchema, INACTIVITY_LOCK_MINUTES_MAX, INACTIVITY_LOCK_MINUTES_MIN } from '../../../core/center/center.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { CenterProfileForm } from './CenterProfileForm';

/** The center's profile (name, type, place) and its settings: for now, the inactivity lock timeout. */
export function CenterSettingsPage() {
  const { t } = useTranslation();
  const center = useApiQuery('center.get', {});
  // The emergency-access hours (counseling) get their field with the counseling screens; the core keeps them as they are.
  const form = useZodForm(centerSettingsSchema.pick({ inactivityLockMinutes: true }), { defaultValues: { inactivityLockMinutes: 5 } });
  const save = useApiMutation('center.updateSettings', {
    onError: (error) => applyServerIssues(form, error),
  });
  const minutes = center.data?.settings.inactivityLockMinutes;
  useEffect(() => {
    if (minutes !== undefined) form.reset({ inactivityLockMinutes: minutes });
  }, [minutes, form]);

  return (
    <Stack maw={640}>
      <Title order={2}>{t('common:center.title')}</Title>
      <ErrorAlert error={center.error} />
      {center.data && <CenterProfileForm center={center.data} />}
      <Paper p="md" withBorder>
        <form onSubmit={form.handleSubmit((input) => save.mutate(input))} noValidate aria-labelledby="center-settings-title">
          <Stack>
            <Title order={3} id="center-settings-title">
              {t('common:center.settings')}
            </Title>
            <Controller
              control={form.control}
              name="inactivityLockMinutes"
              render={({ field, fieldState }) => (
                <NumberInput
                  label={t('common:center.inactivityLockMinutes')}
                  description={t('common:center.inactivityLockHint', { min: INACTIVITY_LOCK_MINUTES_MIN, max: INACTIVITY_LOCK_MINUTES_MAX })}
                  min={INACTIVITY_LOCK_MINUTES_MIN}
                  max={INACTIVITY_LOCK_MINUTES_MAX}
                  // An out-of-range number is refused with a message, never silently changed into another.
                  clampBehavior="none"
                  allowDecimal={false}
                  allowNegative={false}
                  value={field.value}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : Number.NaN)}
                  onBlur={field.onBlur}
                  error={fieldError(t, fieldState.error)}
                />
              )}
            />
            {save.isSuccess && (
              <Alert color="teal" role="status">
                {t('common:center.saved')}
              </Alert>
            )}
            <ErrorAlert error={save.error} />
            <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('common:actions.save')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
