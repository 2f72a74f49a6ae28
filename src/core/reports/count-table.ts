import type { CellMark } from './suppression';

/**
 * A table of counts with the margins it publishes, shared by a center's indicators and the
 * registry's national ones (pure: like suppression.ts, the registry may import it, rule
 * 'suppression-stands-alone'): how its margins are summed, and how it looks once an export's
 * suppression has marked it.
 */

/** Which margins a table publishes (only true sums: a table whose rows overlap publishes row totals only). */
export type Margins = 'both' | 'rowTotals' | 'columnTotals' | 'none';

/** Why a position of a published table is hidden: 'small' (shown "<5"), 'complementary' (shown "×"), or null. */
export type HiddenMark = 'small' | 'complementary' | null;

/** A table of counts with the margins it publishes, as a center's and the registry's indicators answer it. */
export interface CountTable {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** `cells[row][column]`; null only in an export, for a hidden cell. */
  readonly cells: readonly (readonly (number | null)[])[];
  /** Sum of each row; present when the table publishes them. */
  readonly rowTotals: readonly (number | null)[] | null;
  /** Sum of each column. */
  readonly columnTotals: readonly (number | null)[] | null;
  /** Present when both margins are. */
  readonly grandTotal: number | null;
  readonly hasGrandTotal: boolean;
  /**
   * In an export with suppression: why each hidden position is hidden, over the grid with its
   * totals row and column ((rows + 1) × (columns + 1)); null for a published one.
   */
  readonly hidden?: readonly (readonly HiddenMark[])[];
}

/**
 * The counts of a table and the margins it publishes.
 *
 * @example countTable(['a', 'b'], ['f', 'm'], (row, column) => counts.get(`${row}:${column}`) ?? 0, 'both')
 */
export function countTable(rows: readonly string[], columns: readonly string[], count: (row: string, column: string) => number, margins: Margins): CountTable {
  const cells = rows.map((row) => columns.map((column) => count(row, column)));
  const hasRowTotals = margins === 'both' || margins === 'rowTotals';
  const hasColumnTotals = margins === 'both' || margins === 'columnTotals';
  const rowTotals = hasRowTotals ? cells.map((line) => line.reduce((sum, value) => sum + value, 0)) : null;
  const columnTotals = hasColumnTotals ? columns.map((_, c) => cells.reduce((sum, line) => sum + (line[c] ?? 0), 0)) : null;
  const hasGrandTotal = rowTotals !== null && columnTotals !== null;
  return { rows, columns, cells, rowTotals, columnTotals, grandTotal: hasGrandTotal ? rowTotals.reduce((sum, value) => sum + value, 0) : null, hasGrandTotal };
}

/**
 * A table as it may be published: the positions its marks hide set to null and marked.
 *
 * @example const published = hideMarked(table, outcome.marks.get(table.id) ?? []);
 */
export function hideMarked<T extends CountTable>(table: T, marks: readonly (readonly CellMark[])[]): T {
  const hidden = Array.from({ length: table.rows.length + 1 }, (_, r) =>
    Array.from({ length: table.columns.length + 1 }, (_, c): HiddenMark => {
      const mark = marks[r]?.[c];
      return mark === 'small' || mark === 'complementary' ? mark : null;
    }),
  );
  const show = (value: number | null, r: number, c: number) => (hidden[r]?.[c] === null ? value : null);
  const rows = table.rows.length;
  const columns = table.columns.length;
  return {
    ...table,
    cells: table.cells.map((row, r) => row.map((value, c) => show(value, r, c))),
    rowTotals: table.rowTotals?.map((value, r) => show(value, r, columns)) ?? null,
    columnTotals: table.columnTotals?.map((value, c) => show(value, rows, c)) ?? null,
    grandTotal: table.hasGrandTotal ? show(table.grandTotal, rows, columns) : null,
    hidden,
  };
}
