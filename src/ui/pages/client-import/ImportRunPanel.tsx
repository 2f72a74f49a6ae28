import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMapping, ImportProgress } from '../../../core/clients/clients-import.schema';
import { refreshChanged, useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { appErrorFromJson } from '../../../core/api/errors';
import { saveBase64File } from './import-file';

/** How often the screen asks the core where the import is. */
const POLL_MS = 200;

export type RunStage = 'idle' | 'running' | 'done';

interface ChosenFile {
  readonly fileName: string;
  readonly contentBase64: string;
}

/** The bar's share done: reading counts as nothing yet, checking as the first tenth, writing as the rest. */
function percentOf(progress: ImportProgress | undefined): number {
  if (progress === undefined || progress.phase === 'reading') return 0;
  if (progress.state === 'done') return 100;
  const share = progress.total === 0 ? 1 : progress.done / progress.total;
  return Math.floor(progress.phase === 'checking' ? share * 10 : 10 + share * 90);
}

/** The counts under the bar, in words, for the phase under way. */
function ProgressWords({ progress }: { readonly progress: ImportProgress | undefined }) {
  const { t } = useTranslation('clientImport');
  const phase = progress?.phase ?? 'reading';
  const values = { done: String(progress?.done ?? 0), total: String(progress?.total ?? 0) };
  return <Text size="sm">{t(`phase.${phase}`, values)}</Text>;
}

/**
 * Imports the accepted rows in the background (`clients.importStart`) and follows the job
 * (`clients.importProgress`) with a bar that advances while the clients are written; afterwards
 * the report of this run's refused rows downloads from here.
 */
export function ImportRunPanel({
  file,
  mapping,
  accepted,
  isDisabled,
  reasonTexts,
  onStageChange,
}: {
  readonly file: ChosenFile;
  readonly mapping: ImportMapping;
  readonly accepted: number;
  readonly isDisabled: boolean;
  readonly reasonTexts: () => Record<string, string>;
  /** Where the run is: the page locks the file and mapping while it runs and drops its preview report after. */
  readonly onStageChange: (stage: RunStage) => void;
}) {
  const { t } = useTranslation('clientImport');
  const queryClient = useQueryClient();
  const start = useApiMutation('clients.importStart');
  const jobId = start.data?.jobId ?? '';
  const progress = useApiQuery(
    'clients.importProgress',
    { jobId },
    { enabled: jobId !== '', retry: false, refetchInterval: (query) => (query.state.data?.state === 'running' || query.state.data === undefined ? POLL_MS : false) },
  );
  const report = useApiMutation('clients.importReport', { onSuccess: saveBase64File });
  const state = progress.data?.state;
  // A locked screen's refusal is not the job's end: the import goes on in the core, and the bar comes back after unlocking.
  const askError = progress.error !== null && progress.error.code !== 'LOCKED' ? progress.error : null;
  const isRunning = start.isPending || (jobId !== '' && askError === null && (state === undefined || state === 'running'));

  const stage: RunStage = isRunning ? 'running' : state === 'done' ? 'done' : 'idle';
  useEffect(() => onStageChange(stage), [stage, onStageChange]);
  useEffect(() => {
    if (state === 'done') refreshChanged(queryClient, ['clients.search', 'clients.get', 'home.*', 'timeline.*']);
  }, [state, queryClient]);

  const result = progress.data?.result ?? null;
  const failedWith = progress.data?.error ?? null;
  // One error object per failure (not per render), so the alert takes the focus once.
  const jobError = useMemo(() => (failedWith === null ? null : appErrorFromJson(failedWith)), [failedWith]);
  const failure = jobError ?? askError;
  return (
    <Stack gap="xs">
      {jobId === '' && (
        <Group>
          <Button disabled={accepted === 0 || isDisabled} loading={start.isPending} onClick={() => start.mutate({ ...file, mapping })}>
            {accepted === 0 ? t('nothingToImport') : t('run', { count: accepted })}
          </Button>
        </Group>
      )}
      <ErrorAlert error={start.error} />
      {isRunning && (
        <Stack gap={4}>
          <Progress value={percentOf(progress.data)} aria-label={t('progressLabel')} size="lg" />
          <ProgressWords progress={progress.data} />
          <Text size="sm" c="dimmed">
            {t('running')}
          </Text>
        </Stack>
      )}
      {failure !== null && (
        <Stack gap="xs">
          <ErrorAlert error={failure} title={t('failed')} />
          <Group>
            <Button variant="default" onClick={() => start.reset()}>
              {t('startAgain')}
            </Button>
          </Group>
        </Stack>
      )}
      {result !== null && (
        <Stack gap="xs">
          <Progress value={100} aria-label={t('progressLabel')} size="lg" color="teal" />
          <Alert color="green" role="status">
            {t('done', { count: result.imported })} {t('doneRefused', { refused: result.summary.refused })}
          </Alert>
          {result.refusals.length > 0 && (
            <Group>
              {(['csv', 'xlsx'] as const).map((format) => (
                <Button key={format} variant="default" loading={report.isPending && report.variables.format === format} onClick={() => report.mutate({ ...file, mapping, format, reasonTexts: reasonTexts(), jobId })}>
                  {t(format === 'csv' ? 'reportAfterCsv' : 'reportAfterXlsx')}
                </Button>
              ))}
            </Group>
          )}
          <ErrorAlert error={report.error} />
        </Stack>
      )}
    </Stack>
  );
}
