import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../core/client';
import { EXPORT_FORMATS, INDICATOR_IDS, type ExportFormat, type ExportResult, type ReportFilters } from '../../../core/reports/reports.schema';
import { useApi, useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useGeoNames } from '../../components/geo-names';
import { currentLanguage } from '../../i18n/i18n';
import { exportTexts, MIME_TYPES, renderCsv, renderPdf, renderXlsx, saveBytes } from './report-files';
import type { CellLabels } from './report-labels';

type Status = OutputOf<'reports.exportStatus'>;

const POLL_MS = 300;

/** What the filters say in words, for the file's header line. */
function filterWords(filters: ReportFilters, labels: CellLabels, geo: ReturnType<typeof useGeoNames>): string {
  const { t } = labels;
  return [
    filters.regionCode === null ? null : geo.region(filters.regionCode),
    filters.districtCode === null ? null : geo.district(filters.districtCode),
    filters.sex === null ? null : t(`reports:dimension.sex.${filters.sex}`),
    filters.ageBand === null ? null : `${t('reports:filters.ageBand')} ${t(`reports:dimension.ageBand.${filters.ageBand}`)}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

async function renderFile(result: ExportResult, labels: CellLabels, words: string): Promise<Uint8Array> {
  const texts = exportTexts(result, labels, words);
  if (result.format === 'csv') return renderCsv(result, labels, texts);
  if (result.format === 'xlsx') return renderXlsx(result, labels, texts);
  return renderPdf(result, labels, texts);
}

/**
 * Starts an export in the core's background, shows its progress, lets it be cancelled, and saves
 * the file the window makes from the answer. Suppression is on unless the manager turns it off.
 */
export function ExportPanel({ filters, labels }: { readonly filters: ReportFilters; readonly labels: CellLabels }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const geo = useGeoNames();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [isSuppressed, setSuppressed] = useState(true);
  const [status, setStatus] = useState<Status | null>(null);
  const [message, setMessage] = useState<'done' | 'cancelled' | 'failed' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const settings = useApiQuery('reports.settings', {});
  const [threshold, setThreshold] = useState<number | string>('');
  const saveThreshold = useApiMutation('reports.setThreshold');
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const poll = (jobId: string) => {
    timer.current = setTimeout(() => {
      void (async () => {
        try {
          const next = await api.invoke('reports.exportStatus', { jobId });
          setStatus(next);
          if (next.state === 'running') return poll(jobId);
          if (next.state === 'done' && next.result !== null) {
            const bytes = await renderFile(next.result, labels, filterWords(filters, labels, geo));
            saveBytes(bytes, `inson-${next.result.filters.from}-${next.result.filters.to}.${next.result.format}`, MIME_TYPES[next.result.format]);
          }
          setMessage(next.state);
        } catch (failure) {
          setError(failure);
          setStatus(null);
        }
      })();
    }, POLL_MS);
  };

  const start = async () => {
    setMessage(null);
    setError(null);
    try {
      const { jobId } = await api.invoke('reports.startExport', { filters, indicatorIds: [...INDICATOR_IDS], format, isSuppressed, language: currentLanguage(i18n) });
      setStatus({ jobId, state: 'running', done: 0, total: INDICATOR_IDS.length + 1, result: null });
      poll(jobId);
    } catch (failure) {
      setError(failure);
    }
  };
  const cancel = async () => {
    if (status === null) return;
    try {
      await api.invoke('reports.cancelExport', { jobId: status.jobId });
    } catch (failure) {
      setError(failure);
    }
  };
  const isRunning = status?.state === 'running';
  const percent = status === null ? 0 : Math.round((status.done * 100) / Math.max(1, status.total));
  return (
    <Stack gap="xs" component="section" aria-labelledby="reports-export" maw={900}>
      <Title order={3} id="reports-export" size="h4">
        {t('reports:export.title')}
      </Title>
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('reports:export.format')}
          data={EXPORT_FORMATS.map((value) => ({ value, label: value.toUpperCase() }))}
          value={format}
          onChange={(event) => setFormat(EXPORT_FORMATS.find((candidate) => candidate === event.currentTarget.value) ?? 'xlsx')}
          w={120}
        />
        <Button onClick={() => void start()} disabled={isRunning || filters.from > filters.to}>
          {t('reports:export.start')}
        </Button>
        {isRunning && (
          <Button variant="default" color="red" onClick={() => void cancel()}>
            {t('reports:export.cancel')}
          </Button>
        )}
      </Group>
      <Checkbox label={t('reports:export.suppress')} checked={isSuppressed} onChange={(event) => setSuppressed(event.currentTarget.checked)} />
      {!isSuppressed && (
        <Alert color="yellow" variant="light">
          {t('reports:export.suppressOff')}
        </Alert>
      )}
      {status !== null && isRunning && (
        <Stack gap={2}>
          <Progress value={percent} aria-label={t('reports:export.progress')} animated />
          <Text size="sm" aria-live="polite">
            {t('reports:export.progressText', { done: status.done, total: status.total })}
          </Text>
        </Stack>
      )}
      {message !== null && (
        <Alert color={message === 'done' ? 'green' : message === 'cancelled' ? 'gray' : 'red'} variant="light" role="status">
          {t(`reports:export.${message}`)}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Group align="flex-end" gap="sm">
        <NumberInput
          label={t('reports:export.threshold')}
          description={t('reports:export.thresholdHelp')}
          min={2}
          max={20}
          value={threshold === '' ? (settings.data?.threshold ?? '') : threshold}
          onChange={setThreshold}
          w={320}
        />
        <Button variant="default" disabled={typeof threshold !== 'number'} loading={saveThreshold.isPending} onClick={() => typeof threshold === 'number' && saveThreshold.mutate({ threshold })}>
          {t('reports:export.saveThreshold')}
        </Button>
      </Group>
      <ErrorAlert error={saveThreshold.error} />
    </Stack>
  );
}
