import type { CellMark, SuppressionInput } from './suppression';

/**
 * The attacker: everything an export publishes (cells and margins of every table, the same
 * number under the same name wherever two tables share it), and the tables' sums. She first
 * subtracts (a line with one hidden number gives it away), then solves the whole system exactly
 * (fractions over BigInt, her own elimination, not the suppression's). The test fails if she
 * recovers any hidden number. Shared by the center's suppression test and the registry's national
 * export test (src/registry), which attack the same way.
 */

export interface Published {
  readonly equations: { readonly terms: ReadonlyMap<string, bigint>; readonly rhs: bigint }[];
  readonly hidden: ReadonlySet<string>;
  readonly truth: ReadonlyMap<string, number>;
}

export function publish(inputs: readonly SuppressionInput[], marks: ReadonlyMap<string, readonly (readonly CellMark[])[]>): Published {
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
export function attack(published: Published): Map<string, number> {
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
