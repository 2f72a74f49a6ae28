import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { suppressTables, type SuppressionInput } from '../core/reports/suppression';
import type { Period } from './national-facts';
import { computeNationalIndicators, nationalIndicator, type NationalTable } from './national-indicators';
import type { RegistryDatabase } from './registry.tables';

/**
 * The national export (issue 13, item 4): every national indicator for a period, as a CSV or XLSX
 * file, with the same small-cell suppression as a center's export (src/core/reports/suppression.ts,
 * the one copy of the algorithm: counts from 1 to threshold − 1 shown as "<5", complementary
 * cells "×" so that none can be worked out from the published cells and margins, every table of
 * the file suppressed together), a footnote saying how many cells are hidden, and one line in
 * `national_exports` per file handed out (who, what, when, suppression on).
 */

export const NATIONAL_THRESHOLD_DEFAULT = 5;
export const NATIONAL_FORMATS = ['csv', 'xlsx'] as const;
export type NationalFormat = (typeof NATIONAL_FORMATS)[number];

/** Every position of a table has a name: the one it shares with another table, or its own. */
function positionName(table: NationalTable, r: number, c: number): string {
  return nationalIndicator(table.indicatorId).sharedKey?.(r, c, table.rows, table.columns) ?? `${table.indicatorId}@${String(r)}:${String(c)}`;
}

/** The suppression's view of a table: its numbers (hidden ones counted as what they are) and its positions' names. */
function suppressionInputOf(table: NationalTable): SuppressionInput {
  const value = (cell: number | null) => cell ?? 0;
  return {
    id: table.indicatorId,
    cells: table.cells.map((row) => row.map(value)),
    rowTotals: table.rowTotals?.map(value) ?? null,
    columnTotals: table.columnTotals?.map(value) ?? null,
    grandTotal: table.grandTotal,
    sharedKey: (r, c) => positionName(table, r, c),
  };
}

/**
 * The equations a nested table adds, as tables of their own that publish nothing new: for each
 * outer row (a region), its inner rows (its districts) as cells, their totals as row totals, and
 * the outer row as the column totals, every position named as in the published tables. Without
 * them a reader could subtract the published districts of a region from the region's row (or a
 * region's only district from the region). For centers within a type the sum holds when nobody
 * was served at two centers of the type; when somebody was, the equation is not true, which only
 * makes the suppression hide more.
 */
function nestingInputsOf(tables: readonly NationalTable[]): SuppressionInput[] {
  const nestings: SuppressionInput[] = [];
  for (const inner of tables) {
    const outerId = nationalIndicator(inner.indicatorId).nestedIn;
    const outer = tables.find((table) => table.indicatorId === outerId);
    if (outer === undefined || inner.rowTotals === null || outer.rowTotals === null || inner.columns.join() !== outer.columns.join()) continue;
    const width = inner.columns.length;
    outer.rows.forEach((outerRow, o) => {
      const members = inner.rows.flatMap((row, index) => (row.slice(0, row.indexOf('/')) === outerRow ? [index] : []));
      if (members.length === 0) return;
      const value = (cell: number | null | undefined) => cell ?? 0;
      nestings.push({
        id: `${inner.indicatorId}<${outerRow}`,
        cells: members.map((index) => (inner.cells[index] ?? []).map(value)),
        rowTotals: members.map((index) => value(inner.rowTotals?.[index])),
        columnTotals: (outer.cells[o] ?? []).map(value),
        grandTotal: value(outer.rowTotals?.[o]),
        sharedKey: (r, c) => (r < members.length ? positionName(inner, members[r] ?? 0, c) : positionName(outer, o, c === width ? outer.columns.length : c)),
      });
    });
  }
  return nestings;
}

/**
 * A row of people served (a category, a type of center, a center, a month) whose total is every
 * person served holds everybody: its cells are the published totals by sex (a reader who sees the
 * two totals equal knows it). Each such row is an equation of its own, as a nesting is.
 */
function wholeRowInputsOf(tables: readonly NationalTable[]): SuppressionInput[] {
  const all = tables.find((table) => table.indicatorId === 'peopleServed.byAgeSex');
  if (all === undefined || all.grandTotal === null || all.grandTotal === 0 || all.columnTotals === null) return [];
  const everybody = all.grandTotal;
  const width = all.columns.length;
  const value = (cell: number | null | undefined) => cell ?? 0;
  return tables.flatMap((table) => {
    if (nationalIndicator(table.indicatorId).rowsArePeopleServed !== true || table.rowTotals === null || table.columns.join() !== all.columns.join()) return [];
    return table.rows.flatMap((row, r) =>
      table.rowTotals?.[r] !== everybody
        ? []
        : [
            {
              id: `${table.indicatorId}=all<${row}`,
              cells: [(table.cells[r] ?? []).map(value)],
              rowTotals: [everybody],
              columnTotals: all.columnTotals?.map(value) ?? [],
              grandTotal: everybody,
              sharedKey: (i: number, c: number) => (i === 0 ? positionName(table, r, c) : positionName(all, all.rows.length, c === width ? all.columns.length : c)),
            },
          ],
    );
  });
}

/**
 * What the suppression works on: the export's tables, then the equations between them that are
 * not margins (nested rows, rows that hold everybody), as tables whose ids are not the tables'.
 *
 * @example const { tables, relations } = suppressionInputsOf(computed);
 */
export function suppressionInputsOf(tables: readonly NationalTable[]): { readonly tables: SuppressionInput[]; readonly relations: SuppressionInput[] } {
  return { tables: tables.map(suppressionInputOf), relations: [...nestingInputsOf(tables), ...wholeRowInputsOf(tables)] };
}

/**
 * The tables as they may be published: hidden positions null and marked.
 *
 * @example const { tables, hiddenCells } = suppressNationalTables(tables, 5);
 */
export function suppressNationalTables(tables: readonly NationalTable[], threshold: number): { readonly tables: NationalTable[]; readonly hiddenCells: number } {
  const inputs = suppressionInputsOf(tables);
  const { marks } = suppressTables([...inputs.tables, ...inputs.relations], threshold);
  let hiddenCells = 0;
  const published = tables.map((table): NationalTable => {
    const grid = marks.get(table.indicatorId) ?? [];
    const hidden = Array.from({ length: table.rows.length + 1 }, (_, r) =>
      Array.from({ length: table.columns.length + 1 }, (_, c) => {
        const mark = grid[r]?.[c];
        return mark === 'small' || mark === 'complementary' ? mark : null;
      }),
    );
    const keep = (value: number | null, r: number, c: number) => {
      if (hidden[r]?.[c] === null) return value;
      hiddenCells += 1;
      return null;
    };
    const lastRow = table.rows.length;
    const lastColumn = table.columns.length;
    return {
      ...table,
      cells: table.cells.map((row, r) => row.map((value, c) => keep(value, r, c))),
      rowTotals: table.rowTotals?.map((value, r) => keep(value, r, lastColumn)) ?? null,
      columnTotals: table.columnTotals?.map((value, c) => keep(value, lastRow, c)) ?? null,
      grandTotal: table.hasGrandTotal ? keep(table.grandTotal, lastRow, lastColumn) : null,
      hidden,
    };
  });
  return { tables: published, hiddenCells };
}

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
  if (!Number.isInteger(threshold) || threshold < 2 || threshold > 20) throw new Error('The threshold is a whole number from 2 to 20');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.period.from) || !/^\d{4}-\d{2}-\d{2}$/.test(request.period.to) || request.period.from > request.period.to) {
    throw new Error('The period is --from YYYY-MM-DD --to YYYY-MM-DD, the first day not after the last');
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
