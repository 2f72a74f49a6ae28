import { Alert, Button, Group, Input, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_MAX_FILE_BYTES, IMPORT_REFUSALS, type ImportMapping } from '../../../core/clients/clients-import.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fileToBase64, saveBase64File } from './import-file';
import { ImportMappingTable } from './ImportMappingTable';
import { ImportRefusalsTable, ImportSampleTable } from './ImportPreviewTables';
import { ImportRunPanel, type RunStage } from './ImportRunPanel';

interface ChosenFile {
  readonly fileName: string;
  readonly contentBase64: string;
}

/**
 * `/clients/import`: choose a register file, check how its columns map to the client's fields,
 * see what would be imported and what refused (and why), download the refusals, then import the
 * accepted rows in the background with a progress bar (ImportRunPanel).
 */
export function ClientImportPage() {
  const { t } = useTranslation('clientImport');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const preview = useApiMutation('clients.importPreview');
  const [stage, setStage] = useState<RunStage>('idle');
  // A new file or a new mapping starts a new run panel (the finished job stays with its file).
  const [runKey, setRunKey] = useState(0);
  const report = useApiMutation('clients.importReport', { onSuccess: saveBase64File });
  const mapping: ImportMapping | undefined = preview.data?.mapping;
  const isBusy = preview.isPending || stage === 'running';
  const onStageChange = useCallback((next: RunStage) => setStage(next), []);

  const choose = async (chosen: File | undefined) => {
    setRunKey((key) => key + 1);
    preview.reset();
    setFile(null);
    setTooBig(false);
    if (chosen === undefined) return;
    if (chosen.size > IMPORT_MAX_FILE_BYTES) {
      setTooBig(true);
      return;
    }
    const next = { fileName: chosen.name, contentBase64: await fileToBase64(chosen) };
    setFile(next);
    preview.mutate(next);
  };

  const remap = (next: ImportMapping) => {
    if (file === null) return;
    setRunKey((key) => key + 1);
    preview.mutate({ ...file, mapping: next });
  };

  const reasonTexts = () =>
    Object.fromEntries([
      ...IMPORT_REFUSALS.map((reason) => [reason, t(`reasons.${reason}`)]),
      ['column.row', t('row')],
      ['column.reason', t('reason')],
      ['column.field', t('fieldColumn')],
      ['column.duplicateOf', t('duplicateOf')],
      ['column.chainHead', t('chainHead')],
    ]);

  const summary = preview.data?.summary;
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      <Paper p="md" withBorder>
        <Input.Wrapper label={t('file')} id="client-import-file">
          <input
            id="client-import-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={isBusy}
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
        </Input.Wrapper>
        {tooBig && (
          <Alert color="red" role="alert" mt="sm">
            {t('fileTooBig', { mb: (IMPORT_MAX_FILE_BYTES / 1_000_000).toFixed(1) })}
          </Alert>
        )}
      </Paper>
      {preview.isPending && <Progress value={100} animated aria-label={t('reading')} />}
      <ErrorAlert error={preview.error} />
      {preview.data && mapping && file && summary && (
        <>
          <Title order={3}>{t('mapping')}</Title>
          <Text size="sm">{preview.data.isSavedMapping ? t('savedMapping') : t('mappingHint')}</Text>
          <ImportMappingTable headers={preview.data.headers} mapping={mapping} onChange={remap} disabled={isBusy} />
          <ImportSampleTable headers={preview.data.headers} rows={preview.data.sampleRows} />
          <Alert color={summary.accepted > 0 ? 'blue' : 'yellow'} role="status">
            {t('summary', { rows: summary.rows, accepted: summary.accepted, refused: summary.refused, duplicates: summary.duplicates, blank: summary.blankRows })}
          </Alert>
          {/* Right under the counts, where the eye is: not below a hundred refused rows. */}
          <ImportRunPanel key={runKey} file={file} mapping={mapping} accepted={summary.accepted} isDisabled={isBusy} reasonTexts={reasonTexts} onStageChange={onStageChange} />
          <ImportRefusalsTable refusals={preview.data.refusals} />
          <Group>
            {/* After a run, its own report (in the run panel) replaces this one, which would judge the imported rows as duplicates. */}
            {preview.data.refusals.length > 0 && stage !== 'done' && (
              <>
                <Button variant="default" loading={report.isPending && report.variables.format === 'csv'} onClick={() => report.mutate({ ...file, mapping, format: 'csv', reasonTexts: reasonTexts() })}>
                  {t('reportCsv')}
                </Button>
                <Button variant="default" loading={report.isPending && report.variables.format === 'xlsx'} onClick={() => report.mutate({ ...file, mapping, format: 'xlsx', reasonTexts: reasonTexts() })}>
                  {t('reportXlsx')}
                </Button>
              </>
            )}
          </Group>
          <ErrorAlert error={report.error} />
        </>
      )}
    </Stack>
  );
}
