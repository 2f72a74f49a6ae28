import fontkit from '@pdf-lib/fontkit';
import Papa from 'papaparse';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ExportResult, IndicatorTable } from '../../../core/reports/reports.schema';
import { loadFonts } from '../training/certificate-download';
import { formatIsoDay } from './report-filters';
import type { CellLabels } from './report-labels';

/**
 * An export's file, made in the window from what the core answered (already suppressed when it
 * leaves the center): every table with its localized headers, the period and filters, and the
 * footnote saying how many cells are hidden. XLSX (exceljs, loaded only when asked), CSV
 * (papaparse, `;` and a byte-order mark for Excel) and a PDF summary (pdf-lib with the Noto Sans
 * the certificates use).
 */

type Cell = string | number;

export interface ExportTexts {
  readonly title: string;
  readonly lines: readonly string[];
  readonly footnote: string;
}

function shown(table: IndicatorTable, value: number | null, r: number, c: number, threshold: number): Cell {
  const mark = table.hidden?.[r]?.[c] ?? null;
  if (mark === 'small') return `<${String(threshold)}`;
  if (mark === 'complementary') return '×';
  return value ?? '';
}

/** One table as rows of cells: a header, its rows, its totals row; margins only where the indicator publishes them. */
export function tableRows(table: IndicatorTable, labels: CellLabels, threshold: number): Cell[][] {
  const { t } = labels;
  const rows = table.rows.length;
  const columns = table.columns.length;
  const header: Cell[] = [t(`reports:dimensionName.${table.rowDimension}`), ...table.columns.map((column) => labels.key(table.columnDimension, column))];
  if (table.rowTotals !== null) header.push(t('reports:table.total'));
  const body = table.rows.map((row, r) => {
    const line: Cell[] = [labels.key(table.rowDimension, row), ...table.columns.map((_, c) => shown(table, table.cells[r]?.[c] ?? null, r, c, threshold))];
    if (table.rowTotals !== null) line.push(shown(table, table.rowTotals[r] ?? null, r, columns, threshold));
    return line;
  });
  if (table.columnTotals !== null) {
    const totals: Cell[] = [t('reports:table.total'), ...table.columnTotals.map((value, c) => shown(table, value, rows, c, threshold))];
    if (table.rowTotals !== null) totals.push(shown(table, table.grandTotal, rows, columns, threshold));
    body.push(totals);
  }
  return [header, ...body];
}

/** The texts above and below the tables, in the export's language. */
export function exportTexts(result: ExportResult, labels: CellLabels, filterWords: string): ExportTexts {
  const { t } = labels;
  const lines = [
    t('reports:export.periodLine', { from: formatIsoDay(result.filters.from), to: formatIsoDay(result.filters.to) }),
    ...(filterWords === '' ? [] : [t('reports:export.filtersLine', { filters: filterWords })]),
    t('reports:export.generated', { at: `${formatIsoDay(result.generatedAt.slice(0, 10))} ${result.generatedAt.slice(11, 16)} UTC` }),
  ];
  const footnote = result.isSuppressed
    ? t('reports:export.footnote', { threshold: result.threshold, below: result.threshold - 1, count: result.hiddenCells })
    : t('reports:export.notSuppressed');
  return { title: t('reports:export.file'), lines, footnote };
}

export function renderCsv(result: ExportResult, labels: CellLabels, texts: ExportTexts): Uint8Array {
  const blocks: Cell[][] = [[texts.title], ...texts.lines.map((line) => [line]), []];
  for (const table of result.tables) blocks.push([labels.indicatorTitle(table.indicatorId)], ...tableRows(table, labels, result.threshold), []);
  blocks.push([texts.footnote]);
  return new TextEncoder().encode(`\uFEFF${Papa.unparse(blocks, { delimiter: ';' })}\r\n`);
}

export async function renderXlsx(result: ExportResult, labels: CellLabels, texts: ExportTexts): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'INSON Center';
  const sheet = workbook.addWorksheet(texts.title.slice(0, 31));
  sheet.addRow([texts.title]).font = { bold: true, size: 14 };
  for (const line of texts.lines) sheet.addRow([line]);
  for (const table of result.tables) {
    sheet.addRow([]);
    sheet.addRow([labels.indicatorTitle(table.indicatorId)]).font = { bold: true };
    const [header, ...body] = tableRows(table, labels, result.threshold);
    sheet.addRow(header ?? []).font = { bold: true };
    for (const row of body) sheet.addRow(row);
  }
  sheet.addRow([]);
  sheet.addRow([texts.footnote]).font = { italic: true };
  sheet.getColumn(1).width = 42;
  for (let column = 2; column <= 8; column += 1) sheet.getColumn(column).width = 16;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 48;
const INK = rgb(0.11, 0.16, 0.27);

export async function renderPdf(result: ExportResult, labels: CellLabels, texts: ExportTexts): Promise<Uint8Array> {
  const fonts = await loadFonts();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(texts.title);
  pdf.setCreator('INSON Center');
  pdf.setProducer('INSON Center');
  const made = new Date(result.generatedAt);
  pdf.setCreationDate(made);
  pdf.setModificationDate(made);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const need = (height: number) => {
    if (y - height < MARGIN) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
  };
  const fit = (text: string, font: PDFFont, size: number, width: number) => {
    let value = text;
    while (value.length > 1 && font.widthOfTextAtSize(value, size) > width) value = `${value.slice(0, -2)}…`;
    return value;
  };
  const write = (text: string, font: PDFFont, size: number, x = MARGIN, width = A4.width - 2 * MARGIN) => {
    page.drawText(fit(text, font, size, width), { x, y, size, font, color: INK });
  };
  need(24);
  write(texts.title, bold, 16);
  y -= 22;
  for (const line of texts.lines) {
    write(line, regular, 10);
    y -= 14;
  }
  for (const table of result.tables) {
    const rows = tableRows(table, labels, result.threshold);
    need(40 + rows.length * 14);
    y -= 10;
    write(labels.indicatorTitle(table.indicatorId), bold, 11);
    y -= 16;
    const columnCount = rows[0]?.length ?? 1;
    const firstWidth = columnCount > 4 ? 150 : 210;
    const otherWidth = (A4.width - 2 * MARGIN - firstWidth) / Math.max(1, columnCount - 1);
    for (const [index, row] of rows.entries()) {
      need(14);
      row.forEach((cell, c) => {
        const x = c === 0 ? MARGIN : MARGIN + firstWidth + (c - 1) * otherWidth;
        write(String(cell), index === 0 ? bold : regular, 8.5, x, (c === 0 ? firstWidth : otherWidth) - 4);
      });
      y -= 13;
    }
  }
  need(40);
  y -= 10;
  const words = texts.footnote.split(' ');
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (regular.widthOfTextAtSize(next, 9) > A4.width - 2 * MARGIN) {
      need(12);
      write(line, regular, 9);
      y -= 12;
      line = word;
    } else line = next;
  }
  if (line !== '') {
    need(12);
    write(line, regular, 9);
  }
  return pdf.save();
}

/** Hands the bytes to the browser as a download (nothing is kept in the window's storage). */
export function saveBytes(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const MIME_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
