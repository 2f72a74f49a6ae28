import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { invalidInput } from '../api/errors';
import { EXPORT_COMMENT_PREFIX, isBlankImportRow, type ImportCell } from './clients-import.schema';

/**
 * Reads a register file into a header row and data rows of plain cells. XLSX through exceljs
 * (dates formatted as dates arrive as dates, other cells as the numbers or text they hold; rich
 * text and formulas as their text and results), CSV through papaparse (its delimiter guessed:
 * Excel in a Russian or Uzbek locale writes `;`), decoded as UTF-8, or as Windows-1251 when the
 * bytes are not UTF-8 (what Excel's "CSV" gives on a Cyrillic Windows).
 */

export interface ImportTable {
  readonly headers: readonly string[];
  /** Rows after the header, each with its number in the file (1-based, as a spreadsheet shows it). */
  readonly rows: readonly { readonly rowNumber: number; readonly cells: readonly ImportCell[] }[];
}

function fromExcelValue(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined;
    return result === undefined || typeof result === 'object' ? (result instanceof Date ? result.toISOString().slice(0, 10) : null) : fromExcelValue(result);
  }
  if ('text' in value) return String(value.text);
  return null;
}

async function readXlsx(bytes: Buffer): Promise<ImportCell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalidInput(['contentBase64'], 'unreadable_file', 'The file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (sheet === undefined) return [];
  const rows: ImportCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: ImportCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = fromExcelValue(cell.value);
    });
    rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? null);
  });
  return Array.from(rows, (row) => row ?? []);
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

function readCsv(bytes: Buffer): ImportCell[][] {
  const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false, comments: EXPORT_COMMENT_PREFIX, delimitersToGuess: [';', ',', '\t', '|'] });
  return parsed.data.map((row) => row.map((cell) => (cell.trim() === '' ? null : cell)));
}

/**
 * The table in a file, told apart by its name's extension (`.xlsx` or `.csv`). The header row is
 * the first row with two or more filled cells (a title line above it is skipped); blank rows after it are kept (the import counts them).
 *
 * @example const table = await readImportTable('royxat.xlsx', bytes);
 */
export async function readImportTable(fileName: string, bytes: Buffer): Promise<ImportTable> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  let grid: ImportCell[][];
  if (extension === 'xlsx') grid = await readXlsx(bytes);
  else if (extension === 'csv' || extension === 'txt') grid = readCsv(bytes);
  else throw invalidInput(['fileName'], 'unsupported_format', 'Only XLSX and CSV files can be imported');
  // A title line above the table ("Mijozlar roʻyxati, 2026") fills one cell; a header fills several.
  const headerIndex = grid.findIndex((row) => row.filter((cell) => cell !== null && String(cell).trim() !== '').length >= 2);
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = (grid[headerIndex] ?? []).map((cell) => (cell === null ? '' : String(cell).trim()));
  const rows = grid.slice(headerIndex + 1).map((cells, offset) => ({ rowNumber: headerIndex + 2 + offset, cells }));
  // Trailing blank rows are the sheet's formatting, not the list's.
  let end = rows.length;
  while (end > 0 && isBlankImportRow(rows[end - 1]?.cells ?? [])) end -= 1;
  return { headers, rows: rows.slice(0, end) };
}
