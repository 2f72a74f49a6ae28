/**
 * Small-cell suppression for the tables of one export that leaves the center.
 *
 * Primary suppression: every published count from 1 to threshold − 1 (margins included) is hidden
 * and shown as "<5". Zeros are published: a zero names nobody.
 *
 * Complementary suppression, our own heuristic in the spirit of sdcTable's SIMPLEHEURISTIC (which
 * we do not use: it is R and GPL): a table with its published margins is a set of linear
 * equations (each row's cells sum to the row total, each column's to the column total, the
 * margins to the grand total). Draw it as a graph: one node per row and per column (the totals
 * row and column included), one edge per published position (a cell joins its row and its
 * column; a row total joins the row to the totals column). Each node whose equation is published
 * says "the edges at me sum to zero" (margins with a minus sign); nodes without an equation (a
 * table whose rows overlap publishes no column totals) are merged into one free "ground" node.
 * Then the hidden positions that the published ones determine are exactly the *bridges* of the
 * graph of hidden edges: an edge on a cycle can be moved +k/−k around the cycle without changing
 * any published number, and a bridge cannot. So, until no table has a bridge:
 *   1. find the bridges among hidden edges (Tarjan);
 *   2. for each, hide the cheapest path that closes a cycle through it (Dijkstra: a hidden edge
 *      costs nothing, a published count costs its value, so small cells go first; zeros and
 *      positions shared with another table are last resorts);
 *   3. a position shared by several tables of the export (the persons-by-sex margin of the
 *      age and district tables, the closed cases of two case tables) is hidden in all of them
 *      as soon as it is hidden in one.
 * Finally the whole export is solved as one linear system (Gaussian elimination over every
 * table's equations, shared positions as one unknown): if any hidden position is still
 * determined (two tables' cycles that only exist together), the cheapest published neighbours of
 * that position are hidden too and the loop runs again; at worst every non-zero position of the
 * tables involved is hidden, which always stops.
 *
 * What this guarantees: no hidden cell follows from the published cells and margins by
 * subtraction or by any linear combination of the tables' equations (the test attacks generated
 * tables so). It does not promise more: someone who also uses that every hidden count is a whole
 * number from 0 up, and that "<5" means 1 to 4, may narrow a hidden cell to an interval.
 */

export interface SuppressionInput {
  readonly id: string;
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly number[])[];
  readonly rowTotals: readonly number[] | null;
  readonly columnTotals: readonly number[] | null;
  /** Published only with both margins. */
  readonly grandTotal: number | null;
  /**
   * A name shared with the same number in another table of the export (null: this table's own).
   * `r === rows` is the totals row, `c === columns` the totals column.
   */
  readonly sharedKey?: (r: number, c: number) => string | null;
}

export type CellMark = 'published' | 'small' | 'complementary';

export interface SuppressionOutcome {
  /** Per table, the marks of its positions in the augmented grid ((rows + 1) × (columns + 1)); unpublished positions are 'published' and ignored. */
  readonly marks: ReadonlyMap<string, readonly (readonly CellMark[])[]>;
  /** Hidden positions over the whole export (a shared position counted once per table that shows it). */
  readonly hiddenCount: number;
}

interface Position {
  readonly table: number;
  readonly r: number;
  readonly c: number;
  readonly value: number;
  readonly variable: string;
}

interface Grid {
  readonly input: SuppressionInput;
  readonly rows: number;
  readonly columns: number;
  readonly positions: Position[];
  /** Node equations that are published: row nodes 0..rows, column nodes 0..columns. */
  readonly rowHasEquation: boolean[];
  readonly columnHasEquation: boolean[];
}

function positionsOf(input: SuppressionInput, tableIndex: number): Grid {
  const rows = input.cells.length;
  const columns = input.cells[0]?.length ?? 0;
  const positions: Position[] = [];
  const variable = (r: number, c: number) => input.sharedKey?.(r, c) ?? `${input.id}#${String(r)}:${String(c)}`;
  const add = (r: number, c: number, value: number) => positions.push({ table: tableIndex, r, c, value, variable: variable(r, c) });
  input.cells.forEach((row, r) => row.forEach((value, c) => add(r, c, value)));
  input.rowTotals?.forEach((value, r) => add(r, columns, value));
  input.columnTotals?.forEach((value, c) => add(rows, c, value));
  if (input.grandTotal !== null && input.rowTotals !== null && input.columnTotals !== null) add(rows, columns, input.grandTotal);
  const hasRow = input.rowTotals !== null;
  const hasColumn = input.columnTotals !== null;
  const hasGrand = input.grandTotal !== null && hasRow && hasColumn;
  return {
    input,
    rows,
    columns,
    positions,
    rowHasEquation: [...Array.from({ length: rows }, () => hasRow), hasColumn && hasGrand],
    columnHasEquation: [...Array.from({ length: columns }, () => hasColumn), hasRow && hasGrand],
  };
}

/** Graph node ids: rows 0..rows, then columns; nodes without an equation collapse into GROUND. */
const GROUND = -1;
function nodeIds(grid: Grid, p: Position): readonly [number, number] {
  const rowNode = grid.rowHasEquation[p.r] === true ? p.r : GROUND;
  const columnNode = grid.columnHasEquation[p.c] === true ? grid.rows + 1 + p.c : GROUND;
  return [rowNode, columnNode];
}

/** Edge indices (into `grid.positions`) among `hidden` that are bridges of the hidden subgraph. */
function bridges(grid: Grid, hidden: ReadonlySet<number>): number[] {
  const adjacency = new Map<number, { to: number; edge: number }[]>();
  const link = (a: number, b: number, edge: number) => {
    const list = adjacency.get(a) ?? [];
    list.push({ to: b, edge });
    adjacency.set(a, list);
  };
  for (const edge of hidden) {
    const position = grid.positions[edge];
    if (position === undefined) continue;
    const [a, b] = nodeIds(grid, position);
    link(a, b, edge);
    if (a !== b) link(b, a, edge);
  }
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const found: number[] = [];
  let counter = 0;
  const visit = (node: number, viaEdge: number) => {
    order.set(node, counter);
    low.set(node, counter);
    counter += 1;
    for (const { to, edge } of adjacency.get(node) ?? []) {
      if (edge === viaEdge) continue;
      if (!order.has(to)) {
        visit(to, edge);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
        if ((low.get(to) ?? 0) > (order.get(node) ?? 0)) found.push(edge);
      } else {
        low.set(node, Math.min(low.get(node) ?? 0, order.get(to) ?? 0));
      }
    }
  };
  for (const node of adjacency.keys()) if (!order.has(node)) visit(node, -1);
  return found;
}

const SHARED_COST = 1_000_000;
const ZERO_COST = 1_000_000_000;

/** The cheapest path of other edges from one end of `bridge` to the other; the edges to hide (empty if none exists). */
function cheapestCycle(grid: Grid, bridge: number, hidden: ReadonlySet<number>, sharedCount: ReadonlyMap<string, number>): number[] {
  const position = grid.positions[bridge];
  if (position === undefined) return [];
  const [start, goal] = nodeIds(grid, position);
  const edges = grid.positions.map((p, index) => {
    const [a, b] = nodeIds(grid, p);
    const cost = hidden.has(index) ? 0 : (p.value === 0 ? ZERO_COST : p.value) + ((sharedCount.get(p.variable) ?? 1) > 1 ? SHARED_COST : 0);
    return { a, b, cost, index };
  });
  const distance = new Map<number, number>([[start, 0]]);
  const via = new Map<number, { from: number; edge: number }>();
  const done = new Set<number>();
  for (;;) {
    let node: number | null = null;
    for (const [candidate, d] of distance) if (!done.has(candidate) && (node === null || d < (distance.get(node) ?? Infinity))) node = candidate;
    if (node === null || node === goal) break;
    done.add(node);
    for (const edge of edges) {
      if (edge.index === bridge || (edge.a !== node && edge.b !== node)) continue;
      const other = edge.a === node ? edge.b : edge.a;
      const next = (distance.get(node) ?? 0) + edge.cost;
      if (next < (distance.get(other) ?? Infinity)) {
        distance.set(other, next);
        via.set(other, { from: node, edge: edge.index });
      }
    }
  }
  if (!distance.has(goal)) return [];
  const path: number[] = [];
  for (let node = goal; node !== start; ) {
    const step = via.get(node);
    if (step === undefined) return [];
    path.push(step.edge);
    node = step.from;
  }
  return path;
}

/** Which hidden variables the published numbers determine, over all tables at once (Gaussian elimination). */
function determinedVariables(grids: readonly Grid[], hiddenVariables: ReadonlySet<string>): Set<string> {
  const unknowns = [...hiddenVariables];
  const column = new Map(unknowns.map((name, index) => [name, index]));
  const rows: number[][] = [];
  for (const grid of grids) {
    const equations: { r?: number; c?: number }[] = [
      ...grid.rowHasEquation.flatMap((has, r) => (has ? [{ r }] : [])),
      ...grid.columnHasEquation.flatMap((has, c) => (has ? [{ c }] : [])),
    ];
    for (const equation of equations) {
      const coefficients = new Array<number>(unknowns.length).fill(0);
      let touches = false;
      for (const p of grid.positions) {
        const onLine = equation.r !== undefined ? p.r === equation.r : p.c === equation.c;
        if (!onLine) continue;
        const index = column.get(p.variable);
        if (index === undefined) continue;
        // The margin position of the line carries the minus sign.
        const isMargin = equation.r !== undefined ? p.c === grid.columns : p.r === grid.rows;
        coefficients[index] = (coefficients[index] ?? 0) + (isMargin ? -1 : 1);
        touches = true;
      }
      if (touches) rows.push(coefficients);
    }
  }
  // Reduced row echelon form; a variable is determined when its pivot row has no other non-zero.
  const epsilon = 1e-9;
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && pivotRow < rows.length; col += 1) {
    let best = -1;
    for (let r = pivotRow; r < rows.length; r += 1) if (Math.abs(rows[r]?.[col] ?? 0) > epsilon && (best < 0 || Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[best]?.[col] ?? 0))) best = r;
    if (best < 0) continue;
    const swap = rows[best] ?? [];
    rows[best] = rows[pivotRow] ?? [];
    rows[pivotRow] = swap;
    const pivot = swap[col] ?? 1;
    for (let k = 0; k < swap.length; k += 1) swap[k] = (swap[k] ?? 0) / pivot;
    for (let r = 0; r < rows.length; r += 1) {
      const row = rows[r];
      if (r === pivotRow || row === undefined) continue;
      const factor = row[col] ?? 0;
      if (Math.abs(factor) <= epsilon) continue;
      for (let k = 0; k < row.length; k += 1) row[k] = (row[k] ?? 0) - factor * (swap[k] ?? 0);
    }
    pivots.push(col);
    pivotRow += 1;
  }
  const determined = new Set<string>();
  pivots.forEach((col, r) => {
    const row = rows[r] ?? [];
    if (row.every((value, k) => k === col || Math.abs(value) <= epsilon)) determined.add(unknowns[col] ?? '');
  });
  return determined;
}

const MAX_ROUNDS = 200;

/**
 * Hides small counts and enough other positions that none of them can be worked out.
 *
 * @example const { marks, hiddenCount } = suppressTables([{ id: 't', cells: [[3, 10], [8, 7]], rowTotals: [13, 15], columnTotals: [11, 17], grandTotal: 28 }], 5);
 */
export function suppressTables(inputs: readonly SuppressionInput[], threshold: number): SuppressionOutcome {
  const grids = inputs.map((input, index) => positionsOf(input, index));
  const sharedCount = new Map<string, number>();
  for (const grid of grids) for (const p of grid.positions) sharedCount.set(p.variable, (sharedCount.get(p.variable) ?? 0) + 1);
  const hiddenVariables = new Set<string>();
  const primary = new Set<string>();
  for (const grid of grids) {
    for (const p of grid.positions) {
      if (p.value >= 1 && p.value < threshold) {
        hiddenVariables.add(p.variable);
        primary.add(p.variable);
      }
    }
  }
  const hiddenIn = (grid: Grid) => new Set(grid.positions.flatMap((p, index) => (hiddenVariables.has(p.variable) ? [index] : [])));
  const hideAll = (grid: Grid) => grid.positions.forEach((p) => p.value !== 0 && hiddenVariables.add(p.variable));
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let changed = false;
    for (const grid of grids) {
      for (;;) {
        const hidden = hiddenIn(grid);
        const [bridge] = bridges(grid, hidden);
        if (bridge === undefined) break;
        const path = cheapestCycle(grid, bridge, hidden, sharedCount);
        if (path.length === 0) {
          hideAll(grid);
          changed = true;
          break;
        }
        for (const edge of path) {
          const p = grid.positions[edge];
          if (p !== undefined && !hiddenVariables.has(p.variable)) {
            hiddenVariables.add(p.variable);
            changed = true;
          }
        }
      }
    }
    const determined = determinedVariables(grids, hiddenVariables);
    if (determined.size === 0 && !changed) break;
    if (determined.size === 0) continue;
    // Cycles that only close across tables: widen around each determined position, and at the last round hide the tables whole.
    for (const grid of grids) {
      const involved = grid.positions.filter((p) => determined.has(p.variable));
      if (involved.length === 0) continue;
      if (round >= MAX_ROUNDS - 2) {
        hideAll(grid);
        continue;
      }
      for (const p of involved) {
        const neighbours = grid.positions
          .filter((other) => !hiddenVariables.has(other.variable) && other.value !== 0 && (other.r === p.r || other.c === p.c))
          .sort((a, b) => a.value - b.value);
        const [cheapest] = neighbours;
        if (cheapest !== undefined) hiddenVariables.add(cheapest.variable);
        else hideAll(grid);
      }
    }
  }
  const marks = new Map<string, CellMark[][]>();
  let hiddenCount = 0;
  for (const grid of grids) {
    const table = Array.from({ length: grid.rows + 1 }, () => new Array<CellMark>(grid.columns + 1).fill('published'));
    for (const p of grid.positions) {
      if (!hiddenVariables.has(p.variable)) continue;
      const row = table[p.r];
      if (row !== undefined) row[p.c] = primary.has(p.variable) ? 'small' : 'complementary';
      hiddenCount += 1;
    }
    marks.set(grid.input.id, table);
  }
  return { marks, hiddenCount };
}
