import { indicatorDefinition } from './reports.indicators';
import type { HiddenMark, IndicatorTable } from './reports.schema';
import { suppressTables, type SuppressionInput } from './suppression';

/**
 * An export's tables as they may leave the center: every table of the export suppressed together
 * (so a number two tables share is hidden in both), hidden cells set to null and marked.
 *
 * @example const { tables, hiddenCells } = suppressExport(tables, 5);
 */
export function suppressExport(tables: readonly IndicatorTable[], threshold: number): { readonly tables: IndicatorTable[]; readonly hiddenCells: number } {
  const inputs: SuppressionInput[] = tables.map((table) => {
    const definition = indicatorDefinition(table.indicatorId);
    return {
      id: table.indicatorId,
      cells: table.cells.map((row) => row.map((value) => value ?? 0)),
      rowTotals: table.rowTotals?.map((value) => value ?? 0) ?? null,
      columnTotals: table.columnTotals?.map((value) => value ?? 0) ?? null,
      grandTotal: table.grandTotal,
      sharedKey: (r, c) => definition.sharedKey?.(r, c, table.rows, table.columns) ?? null,
    };
  });
  const outcome = suppressTables(inputs, threshold);
  const suppressed = tables.map((table) => {
    const marks = outcome.marks.get(table.indicatorId) ?? [];
    const mark = (r: number, c: number): HiddenMark => {
      const value = marks[r]?.[c];
      return value === 'small' || value === 'complementary' ? value : null;
    };
    const rows = table.rows.length;
    const columns = table.columns.length;
    const hidden = Array.from({ length: rows + 1 }, (_, r) => Array.from({ length: columns + 1 }, (_, c) => mark(r, c)));
    const show = (value: number | null, r: number, c: number) => (mark(r, c) === null ? value : null);
    return {
      ...table,
      cells: table.cells.map((row, r) => row.map((value, c) => show(value, r, c))),
      rowTotals: table.rowTotals?.map((value, r) => show(value, r, columns)) ?? null,
      columnTotals: table.columnTotals?.map((value, c) => show(value, rows, c)) ?? null,
      grandTotal: table.hasGrandTotal ? show(table.grandTotal, rows, columns) : null,
      hidden,
    };
  });
  return { tables: suppressed, hiddenCells: outcome.hiddenCount };
}
