import { describe, expect, it } from 'vitest';
import { suppressTables, type CellMark, type SuppressionInput } from './suppression';

/**
 * The attacker: everything an export publishes (cells and margins of every table, the same
 * number under the same name wherever two tables share it), and the tables' sums. She first
 * subtracts (a line with one hidden number gives it away), then solves the whole system exactly
 * (fractions over BigInt, her own elimination, not the suppression's). The test fails if she
 * recovers any hidden number.
 */

interface Published {
  readonly equations: { readonly terms: ReadonlyMap<string, bigint>; readonly rhs: bigint }[];
  readonly hidden: ReadonlySet<string>;
  readonly truth: ReadonlyMap<string, number>;
}

function publish(inputs: readonly SuppressionInput[], marks: ReadonlyMap<string, readonly (readonly CellMark[])[]>): Published {
  const equations: { terms: Map<string, bigint>; rhs: bigint }[] = [];
  const hidden = new Set<string>();
  const truth = new Map<string, number>();
  for (const input of inputs) {
    const rows = input.cells.length;
    const columns = input.cells[0]?.length ?? 0;
    const tableMarks = marks.get(input.id) ?? [];
    const name = (r: number, c: number) => input.sharedKey?.(r, c) ?? `${input.id}#${String(r)}:${String(c)}`;
    const value = (r: number, c: number): number | undefined => {
      if (r < rows && c < columns) return input.cells[r]?.[c];
      if (r < rows) return input.rowTotals?.[r];
      if (c < columns) return input.columnTotals?.[c];
      return input.rowTotals && input.columnTotals ? (input.grandTotal ?? undefined) : undefined;
    };
    for (let r = 0; r <= rows; r += 1) {
      for (let c = 0; c <= columns; c += 1) {
        const v = value(r, c);
        if (v === undefined) continue;
        truth.set(name(r, c), v);
        if (tableMarks[r]?.[c] !== 'published') hidden.add(name(r, c));
      }
    }
    // Each line: the cells minus the margin make zero.
    const line = (cellsOf: readonly [number, number][], margin: [number, number]) => {
      if (value(...margin) === undefined) return;
      const terms = new Map<string, bigint>();
      for (const [r, c] of cellsOf) terms.set(name(r, c), (terms.get(name(r, c)) ?? 0n) + 1n);
      terms.set(name(...margin), (terms.get(name(...margin)) ?? 0n) - 1n);
      equations.push({ terms, rhs: 0n });
    };
    for (let r = 0; r <= rows; r += 1) line(Array.from({ length: columns }, (_, c) => [r, c] as [number, number]), [r, columns]);
    for (let c = 0; c <= columns; c += 1) line(Array.from({ length: rows }, (_, r) => [r, c] as [number, number]), [rows, c]);
  }
  // Published values go to the right-hand side.
  for (const equation of equations) {
    for (const [variable, coefficient] of [...equation.terms]) {
      if (hidden.has(variable)) continue;
      equation.rhs -= coefficient * BigInt(truth.get(variable) ?? 0);
      equation.terms.delete(variable);
    }
  }
  return { equations: equations.filter((equation) => equation.terms.size > 0), hidden, truth };
}

interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const frac = (n: bigint, d = 1n): Fraction => {
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
};
const sub = (a: Fraction, b: Fraction) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction) => frac(a.n * b.d, a.d * b.n);

/** What she recovers: by subtraction first, then by exact elimination. */
function attack(published: Published): Map<string, number> {
  const recovered = new Map<string, number>();
  // Subtraction: a line with one hidden number.
  let progress = true;
  const known = new Map<string, bigint>();
  while (progress) {
    progress = false;
    for (const equation of published.equations) {
      const open = [...equation.terms].filter(([variable]) => !known.has(variable));
      if (open.length !== 1) continue;
      const [variable, coefficient] = open[0] ?? ['', 1n];
      let rest = equation.rhs;
      for (const [other, k] of equation.terms) if (other !== variable) rest -= k * (known.get(other) ?? 0n);
      known.set(variable, rest / coefficient);
      progress = true;
    }
  }
  for (const [variable, value] of known) recovered.set(variable, Number(value));
  // Elimination over the rationals.
  const unknowns = [...published.hidden];
  const index = new Map(unknowns.map((name, i) => [name, i]));
  const matrix = published.equations.map((equation) => {
    const row = unknowns.map(() => frac(0n));
    for (const [variable, k] of equation.terms) row[index.get(variable) ?? 0] = frac(k);
    return { row, rhs: frac(equation.rhs) };
  });
  let pivotRow = 0;
  const pivotOf: number[] = [];
  for (let col = 0; col < unknowns.length && pivotRow < matrix.length; col += 1) {
    const found = matrix.findIndex((entry, r) => r >= pivotRow && entry.row[col]?.n !== 0n);
    if (found < 0) continue;
    const chosen = matrix[found];
    const current = matrix[pivotRow];
    if (chosen === undefined || current === undefined) continue;
    matrix[found] = current;
    matrix[pivotRow] = chosen;
    const p = chosen.row[col] ?? frac(1n);
    chosen.row = chosen.row.map((x) => div(x, p));
    chosen.rhs = div(chosen.rhs, p);
    for (const [r, other] of matrix.entries()) {
      const factor = other.row[col] ?? frac(0n);
      if (r === pivotRow || factor.n === 0n) continue;
      other.row = other.row.map((x, k) => sub(x, mul(factor, chosen.row[k] ?? frac(0n))));
      other.rhs = sub(other.rhs, mul(factor, chosen.rhs));
    }
    pivotOf.push(col);
    pivotRow += 1;
  }
  pivotOf.forEach((col, r) => {
    const entry = matrix[r];
    if (entry === undefined) return;
    if (entry.row.every((x, k) => k === col || x.n === 0n)) recovered.set(unknowns[col] ?? '', Number(entry.rhs.n / entry.rhs.d));
  });
  return recovered;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTable(id: string, next: () => number, rows: number, columns: number): SuppressionInput {
  // Mostly small counts and zeros, some large: the hard case for a suppression.
  const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, () => {
    const roll = next();
    return roll < 0.2 ? 0 : roll < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 40);
  }));
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) => cells.reduce((a, row) => a + (row[c] ?? 0), 0));
  return { id, cells, rowTotals, columnTotals, grandTotal: rowTotals.reduce((a, b) => a + b, 0) };
}

function expectNothingRecovered(inputs: readonly SuppressionInput[], threshold = 5): number {
  const outcome = suppressTables(inputs, threshold);
  const published = publish(inputs, outcome.marks);
  const recovered = attack(published);
  const leaks = [...recovered.keys()].filter((variable) => published.hidden.has(variable));
  expect(leaks).toEqual([]);
  // Every count from 1 to 4 is hidden.
  for (const [variable, value] of published.truth) if (value >= 1 && value < threshold) expect(published.hidden.has(variable)).toBe(true);
  return outcome.hiddenCount;
}

describe('small-cell suppression', () => {
  it('hides a lone small cell with three more, in a rectangle, so no line gives it away', () => {
    const table: SuppressionInput = { id: 't', cells: [[3, 10, 12], [8, 7, 9], [20, 30, 11]], rowTotals: [25, 24, 61], columnTotals: [31, 47, 32], grandTotal: 110 };
    const { marks, hiddenCount } = suppressTables([table], 5);
    expect(marks.get('t')?.[0]?.[0]).toBe('small');
    expect(hiddenCount).toBe(4);
    expectNothingRecovered([table]);
  });

  it('publishes zeros and counts from the threshold up', () => {
    const table: SuppressionInput = { id: 't', cells: [[0, 10], [5, 7]], rowTotals: [10, 12], columnTotals: [5, 17], grandTotal: 22 };
    expect(suppressTables([table], 5).hiddenCount).toBe(0);
    expect(suppressTables([table], 6).hiddenCount).toBeGreaterThanOrEqual(4);
  });

  it('the attacker in this test is not blind: without complementary suppression she recovers a lone small cell', () => {
    const table: SuppressionInput = { id: 't', cells: [[3, 10], [8, 7]], rowTotals: [13, 15], columnTotals: [11, 17], grandTotal: 28 };
    const onlyPrimary = new Map([['t', [['small', 'published', 'published'], ['published', 'published', 'published'], ['published', 'published', 'published']] as CellMark[][]]]);
    expect(attack(publish([table], onlyPrimary)).get('t#0:0')).toBe(3);
  });

  it('recovers nothing from 300 random two-way tables with margins', () => {
    const next = random(13);
    for (let i = 0; i < 300; i += 1) expectNothingRecovered([randomTable(`t${String(i)}`, next, 1 + Math.floor(next() * 6), 1 + Math.floor(next() * 5))]);
  });

  it('recovers nothing from exports of several tables sharing a margin (persons by sex in two tables, the grand total in all)', () => {
    const next = random(2026);
    for (let i = 0; i < 120; i += 1) {
      const tables = Array.from({ length: 2 + Math.floor(next() * 2) }, (_, k) => randomTable(`e${String(i)}-${String(k)}`, next, 2 + Math.floor(next() * 4), 2));
      // Make the column margins (and so the grand total) the same in every table: rescale later tables' columns onto the first's.
      const [first, ...rest] = tables;
      if (first === undefined) continue;
      const target = first.columnTotals ?? [];
      const aligned = rest.map((table) => {
        const cells = table.cells.map((row) => [...row]);
        for (let c = 0; c < 2; c += 1) {
          const have = cells.reduce((a, row) => a + (row[c] ?? 0), 0);
          const last = cells[cells.length - 1];
          if (last !== undefined) last[c] = Math.max(0, (last[c] ?? 0) + (target[c] ?? 0) - have);
          const fixed = cells.reduce((a, row) => a + (row[c] ?? 0), 0);
          if (fixed !== target[c]) {
            // Too little room in the last row: spread the difference from the first rows.
            let excess = fixed - (target[c] ?? 0);
            for (const row of cells) {
              const take = Math.min(excess, row[c] ?? 0);
              row[c] = (row[c] ?? 0) - take;
              excess -= take;
            }
          }
        }
        const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
        return { ...table, cells, rowTotals, columnTotals: [...target], grandTotal: rowTotals.reduce((a, b) => a + b, 0) };
      });
      // The column margins and the grand total are one number each, published by every table.
      const inputs = [first, ...aligned].map((table) => {
        const rows = table.cells.length;
        return { ...table, sharedKey: (r: number, c: number) => (r === rows ? `shared:${String(c)}` : null) };
      });
      for (const input of inputs) expect(input.columnTotals).toEqual(target);
      expectNothingRecovered(inputs);
    }
  });

  it('recovers nothing from tables with row totals only (overlapping rows, no column margins)', () => {
    const next = random(7);
    for (let i = 0; i < 100; i += 1) {
      const table = randomTable(`r${String(i)}`, next, 2 + Math.floor(next() * 5), 2);
      expectNothingRecovered([{ ...table, columnTotals: null, grandTotal: null }]);
    }
  });
});
