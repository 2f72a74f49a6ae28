import { Alert, Button, NumberInput, Paper, Stack, Table, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { centerSettingsSchema, INACTIVITY_LOCK_MINUTES_MAX, INACTIVITY_LOCK_MINUTES_MIN } from '../../../core/center/center.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import type { OutputOf } from '../../../core/client';
import { currentLanguage } from '../../i18n/i18n';
import { notifyDone } from '../../components/notify';
import type { Language } from '../../i18n/languages';

type Regions = OutputOf<'geo.regions'>['regions'];

/** "District, Region" in the interface language, or the codes while the list loads. */
function placeName(regions: Regions, regionCode: string, districtCode: string, language: Language): string {
  const region = regions.find((candidate) => candidate.code === regionCode);
  const district = region?.districts.find((candidate) => candidate.code === districtCode);
  return region && district ? `${district.name[language]}, ${region.name[language]}` : `${districtCode}, ${regionCode}`;
}

/** The center's profile (read-only) and its settings: for now, the inactivity lock timeout. */
export function CenterSettingsPage() {
  const { t, i18n } = useTranslation();
  const center = useApiQuery('center.get', {});
  const geo = useApiQuery('geo.regions', {}, { staleTime: Infinity });
  const form = useZodForm(centerSettingsSchema, { defaultValues: { inactivityLockMinutes: 5 } });
  const save = useApiMutation('center.updateSettings', {
    onSuccess: () => notifyDone(t('common:done.settingsSaved')),
        onError: (error) => applyServerIssues(form, error),
  });
  const minutes = center.data?.settings.inactivityLockMinutes;
  useEffect(() => {
    if (minutes !== undefined) form.reset({ inactivityLockMinutes: minutes });
  }, [minutes, form]);
  const language = currentLanguage(i18n);

  return (
    <Stack maw={640}>
      <Title order={2}>{t('common:center.title')}</Title>
      <ErrorAlert error={center.error} />
      {center.data && (
        <Table withTableBorder variant="vertical" aria-label={t('common:center.profile')}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('setup:center.name')}</Table.Th>
              <Table.Td>{center.data.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('setup:center.type')}</Table.Th>
              <Table.Td>{t(`setup:centerTypes.${center.data.type}`)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('setup:center.district')}</Table.Th>
              <Table.Td>{placeName(geo.data?.regions ?? [], center.data.regionCode, center.data.districtCode, language)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      <Paper p="md" withBorder>
        <form onSubmit={form.handleSubmit((input) => save.mutate(input))} noValidate>
          <Stack>
            <Controller
              control={form.control}
              name="inactivityLockMinutes"
              render={({ field, fieldState }) => (
                <NumberInput
                  label={t('common:center.inactivityLockMinutes')}
                  description={t('common:center.inactivityLockHint', { min: INACTIVITY_LOCK_MINUTES_MIN, max: INACTIVITY_LOCK_MINUTES_MAX })}
                  min={INACTIVITY_LOCK_MINUTES_MIN}
                  max={INACTIVITY_LOCK_MINUTES_MAX}
                  allowDecimal={false}
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
