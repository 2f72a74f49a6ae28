import { invalidInput } from '../api/errors';
import { readChainHeadDb } from '../audit/anchors';
import { defineCoreMethod, defineRead } from '../api/method';
import { clientsError } from './clients.errors';
import { localCalendarDate } from '../calendar/calendar';
import { IMPORT_MAX_FILE_BYTES, importPreviewInput, importProgressInput, importReportInput, importRunInput } from './clients-import.schema';
import { importJobProgress, startImportJob } from './clients.import-job';
import { readImportTable, type ImportTable } from './clients.import-read';
import { importReport } from './clients.import-report';
import { judgeImport, previewImport } from './clients.import';

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

/**
 * Starts importing the accepted rows in the background and answers `{ jobId }` at once; the
 * screen follows `clients.importProgress`. Nothing is half-imported (clients.import-job.ts).
 */
export const importStart = defineCoreMethod({
  name: 'clients.importStart',
  input: importRunInput,
  access: 'clients.import',
  handler: (ctx, input) => {
    // The file's size is checked now; reading it is the job's first step.
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length > IMPORT_MAX_FILE_BYTES) throw invalidInput(['contentBase64'], 'too_big', 'The file is larger than an import takes');
    return { jobId: startImportJob(ctx.core, ctx.session.userId, () => readImportTable(input.fileName, bytes), input.mapping) };
  },
});

/** Where the caller's own import is: rows checked, then clients written, then the result. */
export const importProgress = defineCoreMethod({
  name: 'clients.importProgress',
  input: importProgressInput,
  access: 'clients.import',
  handler: (ctx, input) => importJobProgress(ctx.core, ctx.session.userId, input.jobId),
});

/**
 * The refused rows of a file as CSV or XLSX: those of the caller's finished import (`jobId`), or
 * judged as a run now would judge them. (The wide context, for the job's result.)
 */
export const importReportFile = defineCoreMethod({
  name: 'clients.importReport',
  input: importReportInput,
  access: 'clients.import',
  handler: async (ctx, input) => {
    const db = ctx.core.store.require().db;
    const table = await tableOf(input);
    const finished = input.jobId === undefined ? null : importJobProgress(ctx.core, ctx.session.userId, input.jobId);
    if (finished?.state === 'running') throw clientsError('CONFLICT', 'importUnderWay');
    const refusals = finished?.result?.refusals ?? (await judgeImport(db, table, input.mapping, localCalendarDate(ctx.core.now()))).refusals;
    return importReport(table, refusals, input.format, input.reasonTexts, input.fileName, await readChainHeadDb(db));
  },
});
