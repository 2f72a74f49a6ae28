import { invalidInput } from '../api/errors';
import { readChainHeadDb } from '../audit/anchors';
import { defineRead, defineWrite } from '../api/method';
import { localCalendarDate } from '../calendar/calendar';
import { IMPORT_MAX_FILE_BYTES, importPreviewInput, importReportInput, importRunInput } from './clients-import.schema';
import { readImportTable, type ImportTable } from './clients.import-read';
import { importReport } from './clients.import-report';
import { judgeImport, previewImport, runImport } from './clients.import';

/** The file's table; a file past the cap is refused whole (the CLI reads larger files from a path). */
function tableOf(input: { readonly fileName: string; readonly contentBase64: string }): Promise<ImportTable> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length > IMPORT_MAX_FILE_BYTES) throw invalidInput(['contentBase64'], 'too_big', 'The file is larger than an import takes');
  return readImportTable(input.fileName, bytes);
}

export const importPreview = defineRead({
  name: 'clients.importPreview',
  input: importPreviewInput,
  access: 'clients.import',
  handler: async (ctx, input) => previewImport(ctx.db, await tableOf(input), input.mapping, ctx.now),
});

export const importRun = defineWrite({
  name: 'clients.importRun',
  input: importRunInput,
  access: 'clients.import',
  invalidates: ['timeline.*'],
  handler: async (w, input) => runImport(w, await tableOf(input), input.mapping),
});

/** The refused rows of a file as CSV or XLSX, judged as a run now would judge them. */
export const importReportFile = defineRead({
  name: 'clients.importReport',
  input: importReportInput,
  access: 'clients.import',
  handler: async (ctx, input) => {
    const table = await tableOf(input);
    const judgement = await judgeImport(ctx.db, table, input.mapping, localCalendarDate(ctx.now));
    return importReport(table, judgement.refusals, input.format, input.reasonTexts, input.fileName, await readChainHeadDb(ctx.db));
  },
});
