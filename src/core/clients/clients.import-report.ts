import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { EXPORT_COMMENT_PREFIX, type ImportCell, type ImportRefusal } from './clients-import.schema';
import type { ImportTable } from './clients.import-read';

/**
 * The report of refused rows a center downloads after judging a file: each refused row's number,
 * why (in the reader's language, from the sentences the screen passes), the field at fault, the
 * row or client it repeats, then the row's own cells under the file's headers, so the list can be
 * corrected and imported again. Like every export, it carries the audit chain head at the time
 * it was made (a last `#inson-audit-chain-head;seq;hash` line in CSV, which the import reader
 * skips; a second sheet in XLSX), so a printed or mailed copy says which state of the log it saw.
 */

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface ImportReportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly contentBase64: string;
}

function reportRows(table: ImportTable, refusals: readonly ImportRefusal[], reasonTexts: Readonly<Record<string, string>>): (string | number)[][] {
  const cellsByRow = new Map<number, readonly ImportCell[]>(table.rows.map((row) => [row.rowNumber, row.cells]));
  const header = [reasonTexts['column.row'] ?? 'Row', reasonTexts['column.reason'] ?? 'Reason', reasonTexts['column.field'] ?? 'Field', reasonTexts['column.duplicateOf'] ?? 'Duplicate of', ...table.headers];
  const rows = refusals.map((refusal) => {
    const reason = reasonTexts[refusal.reason] ?? refusal.reason;
    const detail = refusal.detail === null ? '' : ` (${refusal.detail})`;
    const duplicateOf = refusal.duplicateOfRow !== null ? String(refusal.duplicateOfRow) : (refusal.existingClientId ?? '');
    const cells = (cellsByRow.get(refusal.row) ?? []).map((cell) => cell ?? '');
    return [refusal.row, `${reason}${detail}`, refusal.field ?? '', duplicateOf, ...cells];
  });
  return [header, ...rows];
}

/**
 * @example const file = await importReport(table, refusals, 'xlsx', { pinflTaken: 'PINFL already registered' }, 'royxat.xlsx');
 */
export async function importReport(
  table: ImportTable,
  refusals: readonly ImportRefusal[],
  format: 'csv' | 'xlsx',
  reasonTexts: Readonly<Record<string, string>>,
  sourceFileName: string,
  chainHead: ChainHead,
): Promise<ImportReportFile> {
  const rows = reportRows(table, refusals, reasonTexts);
  const base = sourceFileName.replace(/\.[^.]*$/, '');
  if (format === 'csv') {
    // A byte-order mark, so Excel opens the Cyrillic as UTF-8.
    const text = `\uFEFF${Papa.unparse(rows, { delimiter: ';' })}\r\n${EXPORT_COMMENT_PREFIX}audit-chain-head;${String(chainHead.seq)};${chainHead.hash}\r\n`;
    return { fileName: `${base}-refused.csv`, mimeType: 'text/csv', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Refused');
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const audit = workbook.addWorksheet('Audit');
  audit.addRow([reasonTexts['column.chainHead'] ?? 'Audit chain head', chainHead.seq, chainHead.hash]);
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    fileName: `${base}-refused.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: Buffer.from(buffer).toString('base64'),
  };
}
