import { indicatorDefinition } from './reports.indicators';
import type { IndicatorTable } from './reports.schema';
import { hideMarked } from './count-table';
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
  const suppressed = tables.map((table) => hideMarked(table, outcome.marks.get(table.indicatorId) ?? []));
  return { tables: suppressed, hiddenCells: outcome.hiddenCount };
}
