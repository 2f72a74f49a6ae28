import { describe, expect, it } from 'vitest';
import { suppressTables, type CellMark, type SuppressionInput } from './suppression';
import { attack, publish } from './suppression-attack.test-support';

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
