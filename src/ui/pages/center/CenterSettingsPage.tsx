import { Alert, Button, NumberInput, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  centerSettingsSchema,
  DEFAULT_EMERGENCY_ACCESS_HOURS,
  DEFAULT_OLDER_PERSON_AGE_YEARS,
  EMERGENCY_ACCESS_HOURS_MAX,
  EMERGENCY_ACCESS_HOURS_MIN,
  INACTIVITY_LOCK_MINUTES_MAX,
  INACTIVITY_LOCK_MINUTES_MIN,
  OLDER_PERSON_AGE_MAX,
  OLDER_PERSON_AGE_MIN,
  type CenterSettings,
} from '../../../core/center/center.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { CenterProfileForm } from './CenterProfileForm';

/** The settings this page edits. */
const SETTINGS_FORM_SCHEMA = centerSettingsSchema.pick({ inactivityLockMinutes: true, olderPersonAgeYears: true, emergencyAccessHours: true });
type SettingsForm = Pick<CenterSettings, 'inactivityLockMinutes' | 'olderPersonAgeYears' | 'emergencyAccessHours'>;

interface SettingFieldProps {
  readonly control: Control<SettingsForm>;
  readonly name: keyof SettingsForm;
  readonly label: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
}

/** One whole-number setting: an out-of-range number is refused with a message (the keyboard taken to it), never silently changed into another. */
function SettingField({ control, name, label, description, min, max }: SettingFieldProps) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          ref={field.ref}
          label={label}
          description={description}
          min={min}
          max={max}
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
  );
}

/**
 * The center's profile (name, type, place) and its settings: the inactivity lock timeout, the age
 * from which clients count as older persons, and how long a psychologist's emergency access to an
 * unassigned client's counseling record lasts.
 */
export function CenterSettingsPage() {
  const { t } = useTranslation();
  const center = useApiQuery('center.get', {});
  const form = useZodForm(SETTINGS_FORM_SCHEMA, {
    defaultValues: { inactivityLockMinutes: 5, olderPersonAgeYears: DEFAULT_OLDER_PERSON_AGE_YEARS, emergencyAccessHours: DEFAULT_EMERGENCY_ACCESS_HOURS },
  });
  const save = useApiMutation('center.updateSettings', {
    onError: (error) => applyServerIssues(form, error),
  });
  const settings = center.data?.settings;
  useEffect(() => {
    if (settings !== undefined) form.reset({ inactivityLockMinutes: settings.inactivityLockMinutes, olderPersonAgeYears: settings.olderPersonAgeYears, emergencyAccessHours: settings.emergencyAccessHours });
  }, [settings, form]);

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
            <SettingField
              control={form.control}
              name="inactivityLockMinutes"
              label={t('common:center.inactivityLockMinutes')}
              description={t('common:center.inactivityLockHint', { min: INACTIVITY_LOCK_MINUTES_MIN, max: INACTIVITY_LOCK_MINUTES_MAX })}
              min={INACTIVITY_LOCK_MINUTES_MIN}
              max={INACTIVITY_LOCK_MINUTES_MAX}
            />
            <SettingField
              control={form.control}
              name="olderPersonAgeYears"
              label={t('common:center.olderPersonAgeYears')}
              description={t('common:center.olderPersonAgeHint', { min: OLDER_PERSON_AGE_MIN, max: OLDER_PERSON_AGE_MAX })}
              min={OLDER_PERSON_AGE_MIN}
              max={OLDER_PERSON_AGE_MAX}
            />
            <SettingField
              control={form.control}
              name="emergencyAccessHours"
              label={t('common:center.emergencyAccessHours')}
              description={t('common:center.emergencyAccessHint', { min: EMERGENCY_ACCESS_HOURS_MIN, max: EMERGENCY_ACCESS_HOURS_MAX })}
              min={EMERGENCY_ACCESS_HOURS_MIN}
              max={EMERGENCY_ACCESS_HOURS_MAX}
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
