import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import type { Period } from './national-facts';
import { computeNationalIndicators, type NationalTable } from './national-indicators';
import { suppressNationalTables } from './national-suppression';
import type { RegistryDatabase } from './registry.tables';

/**
 * The national export (issue 13, item 4): every national indicator for a period, as a CSV or XLSX
 * file, with the same small-cell suppression as a center's export (national-suppression.ts: counts
 * from 1 to threshold − 1 shown as "<5", complementary cells "×" so that none can be worked out
 * from the published cells, margins and sums between tables), a footnote saying how many cells
 * are hidden, and one line in `national_exports` per file handed out (who, what, when,
 * suppression on).
 */

export const NATIONAL_THRESHOLD_DEFAULT = 5;
export const NATIONAL_FORMATS = ['csv', 'xlsx'] as const;
export type NationalFormat = (typeof NATIONAL_FORMATS)[number];

type Cell = string | number;

/** Row labels the export spells out (a center's name beside its id). */
export type RowLabels = ReadonlyMap<string, string>;

function shown(table: NationalTable, value: number | null, r: number, c: number, threshold: number): Cell {
  const mark = table.hidden?.[r]?.[c] ?? null;
  if (mark === 'small') return `<${String(threshold)}`;
  if (mark === 'complementary') return '×';
  return value ?? '';
}

/** One table as lines of cells: its header, its rows, its totals row; margins only where the table publishes them. */
export function nationalTableLines(table: NationalTable, threshold: number, labels: RowLabels = new Map()): Cell[][] {
  const lastRow = table.rows.length;
  const lastColumn = table.columns.length;
  const header: Cell[] = [table.rowDimension, ...table.columns, ...(table.rowTotals === null ? [] : ['total'])];
  const body = table.rows.map((row, r) => [
    labels.get(row) ?? row,
    ...table.columns.map((_, c) => shown(table, table.cells[r]?.[c] ?? null, r, c, threshold)),
    ...(table.rowTotals === null ? [] : [shown(table, table.rowTotals[r] ?? null, r, lastColumn, threshold)]),
  ]);
  const totals: Cell[][] =
    table.columnTotals === null
      ? []
      : [['total', ...table.columnTotals.map((value, c) => shown(table, value, lastRow, c, threshold)), ...(table.rowTotals === null ? [] : [shown(table, table.grandTotal, lastRow, lastColumn, threshold)])]];
  return [header, ...body, ...totals];
}

export interface NationalExport {
  readonly period: Period;
  readonly tables: readonly NationalTable[];
  readonly threshold: number;
  readonly hiddenCells: number;
  readonly generatedAt: string;
}

function headLines(result: NationalExport): string[] {
  return [
    'INSON national indicators',
    `Period: ${result.period.from} to ${result.period.to}`,
    `Generated: ${result.generatedAt}`,
    'People are counted once across centers (by the pseudonym of their PINFL).',
  ];
}

/** The footnote: how many cells are hidden, and why. */
export function nationalFootnote(result: Pick<NationalExport, 'threshold' | 'hiddenCells'>): string {
  return `Small-cell suppression: counts from 1 to ${String(result.threshold - 1)} are shown as "<${String(result.threshold)}"; cells shown as "×" are hidden so that those cannot be worked out from the totals. Cells hidden: ${String(result.hiddenCells)}.`;
}

export function renderNationalCsv(result: NationalExport, labels: RowLabels): Buffer {
  const lines: Cell[][] = headLines(result).map((line) => [line]);
  for (const table of result.tables) lines.push([], [table.title], ...nationalTableLines(table, result.threshold, labels));
  lines.push([], [nationalFootnote(result)]);
  // `;` and a byte-order mark, as the center's CSV: what Excel opens correctly in the region.
  return Buffer.from(`\uFEFF${Papa.unparse(lines, { delimiter: ';' })}\r\n`, 'utf8');
}

export async function renderNationalXlsx(result: NationalExport, labels: RowLabels): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'INSON registry';
  workbook.created = new Date(result.generatedAt);
  const sheet = workbook.addWorksheet('National indicators');
  const [title, ...rest] = headLines(result);
  sheet.addRow([title ?? '']).font = { bold: true, size: 14 };
  for (const line of rest) sheet.addRow([line]);
  for (const table of result.tables) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true };
    const [header, ...body] = nationalTableLines(table, result.threshold, labels);
    sheet.addRow(header ?? []).font = { bold: true };
    for (const line of body) sheet.addRow(line);
  }
  sheet.addRow([]);
  sheet.addRow([nationalFootnote(result)]).font = { italic: true };
  sheet.getColumn(1).width = 44;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Each center's name and type (from its latest `center` record, or the name it was enrolled under), for the by-center rows. */
export async function centerLabels(db: Kysely<RegistryDatabase>): Promise<Map<string, string>> {
  const centers = await db.selectFrom('centers').select(['id', 'name']).execute();
  const profiles = await db
    .selectFrom('records')
    .select(['center_id', 'data'])
    .where('type', '=', 'center')
    .where('op', '=', 'upsert')
    .orderBy('center_id')
    .orderBy('occurred_at')
    .orderBy('version')
    .execute();
  const names = new Map(centers.map((center) => [center.id, center.name]));
  const types = new Map<string, string>();
  for (const profile of profiles) {
    const { name, type } = profile.data as { name?: unknown; type?: unknown };
    if (typeof name === 'string' && name !== '') names.set(profile.center_id, name);
    if (typeof type === 'string' && type !== '') types.set(profile.center_id, type);
  }
  // Keyed as the by-center rows are: `centerType/centerId`.
  return new Map([...names].map(([id, name]) => [`${types.get(id) ?? 'unknown'}/${id}`, `${name} (${types.get(id) ?? 'unknown'}, ${id})`]));
}

/** A request the export refuses (a period or threshold out of shape): the operator's mistake, answered 400 by the endpoint. */
export class NationalExportRequestError extends Error {}

export interface ExportRequest {
  readonly period: Period;
  readonly format: NationalFormat;
  /** Who asked: the operator's name as the CLI or the endpoint gives it. */
  readonly operator: string;
  readonly via: 'cli' | 'endpoint';
  readonly threshold?: number;
  readonly now: Date;
}

/**
 * Computes every national indicator for the period, suppresses small cells over the whole file,
 * renders it and logs it (in one go: a file that was not logged is not handed out).
 *
 * @example const { bytes } = await exportNational(db, { period, format: 'csv', operator: 'aziz', via: 'cli', now: new Date() });
 */
export async function exportNational(db: Kysely<RegistryDatabase>, request: ExportRequest): Promise<{ readonly bytes: Buffer; readonly exportId: string; readonly result: NationalExport }> {
  const threshold = request.threshold ?? NATIONAL_THRESHOLD_DEFAULT;
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > 20) throw new NationalExportRequestError('The threshold is a whole number from 2 to 20');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.period.from) || !/^\d{4}-\d{2}-\d{2}$/.test(request.period.to) || request.period.from > request.period.to) {
    throw new NationalExportRequestError('The period is --from YYYY-MM-DD --to YYYY-MM-DD, the first day not after the last');
  }
  const computed = await computeNationalIndicators(db, request.period);
  const { tables, hiddenCells } = suppressNationalTables(computed, threshold);
  const result: NationalExport = { period: request.period, tables, threshold, hiddenCells, generatedAt: request.now.toISOString() };
  const labels = await centerLabels(db);
  const bytes = request.format === 'csv' ? renderNationalCsv(result, labels) : await renderNationalXlsx(result, labels);
  const exportId = randomUUID();
  await db
    .insertInto('national_exports')
    .values({
      id: exportId,
      at: request.now.toISOString(),
      operator: request.operator.slice(0, 120),
      via: request.via,
      period_from: request.period.from,
      period_to: request.period.to,
      format: request.format,
      indicators: tables.map((table) => table.indicatorId).join(','),
      is_suppressed: true,
      threshold,
      hidden_cells: hiddenCells,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    .execute();
  return { bytes, exportId, result };
}
