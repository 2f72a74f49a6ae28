import { hideMarked } from '../core/reports/count-table';
import { suppressTables, type SuppressionInput } from '../core/reports/suppression';
import { nationalIndicator, type NationalTable } from './national-indicators';

/**
 * The national export's small-cell suppression: the center's algorithm (src/core/reports/
 * suppression.ts, the one copy of it) over every table of the file at once, told also of the sums
 * between tables that are not margins (a region is its districts, a row that holds everybody is
 * the totals, trainees with a disability may be all the trainees), so that a hidden cell cannot
 * be worked out from those either.
 */

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
 * Trainees with a disability are some of the trainees: when as many were trained (or completed)
 * as all trainees, they are all of them, and the two totals are one number. (Rehabilitation
 * centers for people with disabilities train only them.)
 */
const SAME_WHEN_EQUAL: readonly (readonly [NationalTable['indicatorId'], string, NationalTable['indicatorId'], string])[] = [
  ['training.disabilityByAge', 'trained', 'training.outcomes', 'enrolled'],
  ['training.disabilityByAge', 'completed', 'training.outcomes', 'completed'],
];

function sameTotalInputsOf(tables: readonly NationalTable[]): SuppressionInput[] {
  return SAME_WHEN_EQUAL.flatMap(([partId, partRow, wholeId, wholeRow]) => {
    const part = tables.find((table) => table.indicatorId === partId);
    const whole = tables.find((table) => table.indicatorId === wholeId);
    const p = part?.rows.indexOf(partRow) ?? -1;
    const w = whole?.rows.indexOf(wholeRow) ?? -1;
    if (part === undefined || whole === undefined || p < 0 || w < 0) return [];
    const total = part.rowTotals?.[p];
    if (total === undefined || total === null || total === 0 || total !== whole.rowTotals?.[w]) return [];
    return [{ id: `${partId}=${wholeId}<${partRow}`, cells: [[total]], rowTotals: [total], columnTotals: null, grandTotal: null, sharedKey: (_r: number, c: number) => (c === 0 ? positionName(part, p, part.columns.length) : positionName(whole, w, whole.columns.length)) }];
  });
}

/**
 * What the suppression works on: the export's tables, then the equations between them that are
 * not margins (nested rows, rows that hold everybody, totals of a part that is the whole), as
 * tables whose ids are not the tables'.
 *
 * @example const { tables, relations } = suppressionInputsOf(computed);
 */
export function suppressionInputsOf(tables: readonly NationalTable[]): { readonly tables: SuppressionInput[]; readonly relations: SuppressionInput[] } {
  return { tables: tables.map(suppressionInputOf), relations: [...nestingInputsOf(tables), ...wholeRowInputsOf(tables), ...sameTotalInputsOf(tables)] };
}

/**
 * The tables as they may be published: hidden positions null and marked.
 *
 * @example const { tables, hiddenCells } = suppressNationalTables(tables, 5);
 */
export function suppressNationalTables(tables: readonly NationalTable[], threshold: number): { readonly tables: NationalTable[]; readonly hiddenCells: number } {
  const inputs = suppressionInputsOf(tables);
  const { marks } = suppressTables([...inputs.tables, ...inputs.relations], threshold);
  const published = tables.map((table) => hideMarked(table, marks.get(table.indicatorId) ?? []));
  // Counted over the published tables only: the equations between them publish nothing.
  const hiddenCells = published.reduce((sum, table) => sum + (table.hidden ?? []).flat().filter((mark) => mark !== null).length, 0);
  return { tables: published, hiddenCells };
}
