import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../core/api/errors';
import { BACKUP_INTERVAL_HOURS_MAX, BACKUP_INTERVAL_HOURS_MIN, DEFAULT_BACKUP_INTERVAL_HOURS } from '../../../core/backup/backup.schema';
import { z } from 'zod';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { localizeError } from '../../i18n/issues';
import { formatBackupTime } from './backup-format';

/** The form keeps the folder as typed text ('' for none); the core stores null for none. */
const settingsFormSchema = z.object({
  folder: z.string().trim().max(1000),
  intervalHours: z.number().int().min(BACKUP_INTERVAL_HOURS_MIN).max(BACKUP_INTERVAL_HOURS_MAX),
});

/** The backup folder and interval, as the administrator sets them. */
function BackupSettingsForm({ folder, intervalHours }: { readonly folder: string | null; readonly intervalHours: number }) {
  const { t } = useTranslation();
  const form = useZodForm(settingsFormSchema, { defaultValues: { folder: folder ?? '', intervalHours } });
  const save = useApiMutation('backup.updateSettings', { onError: (error) => applyServerIssues(form, error) });
  useEffect(() => form.reset({ folder: folder ?? '', intervalHours }), [folder, intervalHours, form]);
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => save.mutate({ folder: input.folder === '' ? null : input.folder, intervalHours: input.intervalHours }))} noValidate>
      <Stack gap="sm">
        <TextInput label={t('backup:folder')} description={t('backup:folderHint')} {...form.register('folder')} error={fieldError(t, errors.folder)} spellCheck={false} />
        <Controller
          control={form.control}
          name="intervalHours"
          render={({ field, fieldState }) => (
            <NumberInput
              ref={field.ref}
              label={t('backup:interval')}
              description={t('backup:intervalHint', { min: BACKUP_INTERVAL_HOURS_MIN, max: BACKUP_INTERVAL_HOURS_MAX })}
              min={BACKUP_INTERVAL_HOURS_MIN}
              max={BACKUP_INTERVAL_HOURS_MAX}
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
            {t('backup:saved')}
          </Alert>
        )}
        <ErrorAlert error={save.error} />
        <Button type="submit" variant="default" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('backup:save')}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * The administrator's home: the last good backup and its age, a warning when it is older than the
 * interval (or there is none), "back up now", and the folder and interval.
 */
export function BackupPanel() {
  const { t } = useTranslation();
  const status = useApiQuery('backup.status', {});
  const run = useApiMutation('backup.runNow');
  const data = status.data;
  const failure = data?.lastFailure;
  return (
    <Paper p="md" withBorder maw={720} aria-labelledby="backup-panel-title" component="section">
      <Stack gap="sm">
        <Title order={3} id="backup-panel-title">
          {t('backup:title')}
        </Title>
        <ErrorAlert error={status.error} />
        {data && (
          <>
            {data.last ? (
              <Text>
                {t('backup:lastGood', { date: formatBackupTime(data.last.createdAt) })} · {t('backup:age', { hours: Math.floor(data.last.ageHours) })} ·{' '}
                {t('backup:clients', { count: data.last.clientCount })}
              </Text>
            ) : (
              <Text>{t('backup:none')}</Text>
            )}
            {data.settings.folder === null ? (
              <Alert color="yellow" role="status">
                {t('backup:noFolder')}
              </Alert>
            ) : (
              data.isOverdue && (
                <Alert color="orange" role="status">
                  {t('backup:overdue', { hours: data.settings.intervalHours })}
                </Alert>
              )
            )}
            {data.databaseCheck?.isOk === false && (
              <Alert color="red" role="alert">
                {t('backup:fullCheckFailed')}
              </Alert>
            )}
            {failure && !run.isPending && !run.isSuccess && (
              <Alert color="red" role="status">
                {t('backup:failed', { reason: localizeError(t, new AppError(failure.code, failure.reason ? { reason: failure.reason } : undefined)) })}
              </Alert>
            )}
            <Group>
              <Button onClick={() => run.mutate({})} loading={run.isPending || data.isRunning} disabled={data.settings.folder === null}>
                {t('backup:backUpNow')}
              </Button>
            </Group>
            {run.isSuccess && (
              <Alert color="teal" role="status">
                {t('backup:done', { file: run.data.fileName })}
              </Alert>
            )}
            <ErrorAlert error={run.error} />
            <BackupSettingsForm folder={data.settings.folder} intervalHours={data.settings.intervalHours ?? DEFAULT_BACKUP_INTERVAL_HOURS} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
