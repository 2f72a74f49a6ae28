import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTER_TYPES } from '../core/center/center.schema';
import { RISK_LEVELS, SESSION_KINDS } from '../core/counseling/counseling.schema';
import { CATEGORY_KEYS } from '../core/reports/reports.facts';
import { AGE_BANDS, SEXES } from '../core/reports/reports.schema';
import { suppressTables, type CellMark, type SuppressionInput } from '../core/reports/suppression';
import { attack, publish } from '../core/reports/suppression-attack.test-support';
import { OUTCOME_CHECKPOINTS } from '../core/training/training.schema';
import { countPeopleRegistered, countPeopleServed } from './national';
import { exportNational, nationalFootnote } from './national-export';
import { suppressionInputsOf, suppressNationalTables } from './national-suppression';
import type { NationalIndicatorId } from './national-facts';
import { PERIOD, twoCentersUploaded, type NationalCenter } from './national-indicators.fixture';
import {
  computeNationalIndicator,
  computeNationalIndicators,
  NATIONAL_AGE_BANDS,
  NATIONAL_CENTER_TYPES,
  NATIONAL_CHECKPOINTS,
  NATIONAL_INDICATORS,
  NATIONAL_RISK_LEVELS,
  NATIONAL_SESSION_KINDS,
  NATIONAL_SEXES,
  type NationalTable,
} from './national-indicators';
import { NATIONAL_CATEGORY_KEYS } from './national-facts';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

/**
 * The national indicators against tables worked out by hand (national-indicators.fixture.ts lists
 * the people, their visits, sessions and courses), on what two real center cores uploaded through
 * the real protocol; then the national export: its suppression attacked by subtraction and exact
 * elimination (the center's attacker), its file, its log, through the operator endpoint and the CLI.
 */

const TOKEN = 'national-test-operator-token';
let registry: TestRegistry;
let m: { t: NationalCenter; centerId: string };
let r: { t: NationalCenter; centerId: string };

beforeAll(async () => {
  registry = await startTestRegistry({ operatorToken: TOKEN });
  ({ m, r } = await twoCentersUploaded(registry));
}, 300_000);
afterAll(async () => {
  await m.t.dispose();
  await r.t.dispose();
  await registry.close();
});

/** A table as `{ row: [cells…, row total?] }` plus its totals line, for comparing with the hand-written answer. */
function byRow(table: NationalTable): Record<string, (number | null)[]> {
  const lines: Record<string, (number | null)[]> = {};
  table.rows.forEach((row, index) => {
    lines[row] = [...(table.cells[index] ?? []), ...(table.rowTotals === null ? [] : [table.rowTotals[index] ?? null])];
  });
  if (table.columnTotals !== null) lines.total = [...table.columnTotals, ...(table.rowTotals === null ? [] : [table.grandTotal])];
  return lines;
}

const compute = (id: NationalIndicatorId) => computeNationalIndicator(registry.db, id, PERIOD);

describe('national indicators, by hand', () => {
  it('keeps the registry’s own lists equal to the center’s', () => {
    expect(NATIONAL_SEXES).toEqual(SEXES);
    expect(NATIONAL_AGE_BANDS).toEqual(AGE_BANDS);
    expect(NATIONAL_CENTER_TYPES).toEqual(CENTER_TYPES);
    expect(NATIONAL_SESSION_KINDS).toEqual(SESSION_KINDS);
    expect(NATIONAL_RISK_LEVELS).toEqual(RISK_LEVELS);
    expect(NATIONAL_CHECKPOINTS).toEqual(OUTCOME_CHECKPOINTS);
    expect(NATIONAL_CATEGORY_KEYS).toEqual(CATEGORY_KEYS);
  });

  it('counts people served once across centers: X, served at both, is one woman (7 people, not 8)', async () => {
    const table = await compute('peopleServed.byAgeSex');
    expect(table.columns).toEqual(['female', 'male']);
    // Columns: female, male, total.
    expect(byRow(table)).toEqual({
      '0-14': [1, 0, 1], // M1
      '15-24': [0, 1, 1], // M3
      '25-59': [4, 0, 4], // X, M5, M6 (one person under two records, merged), R2
      '60+': [0, 1, 1], // M4
      total: [5, 2, 7],
    });
    // The registry's simple counts agree (all of 2026: M4's April visit is his second).
    expect(await countPeopleServed(registry.db, { fromDay: PERIOD.from, centers: [m.centerId, r.centerId] })).toBe(7);
    // Registered: the 7 served and nobody else (M6's second record is M6).
    expect(await countPeopleRegistered(registry.db, { centers: [m.centerId, r.centerId] })).toBe(7);
  });

  it('by category (rows overlap: row totals only)', async () => {
    expect(byRow(await compute('peopleServed.byCategory'))).toEqual({
      olderPerson: [0, 1, 1], // M4
      disabilityI: [0, 0, 0],
      disabilityII: [0, 1, 1], // M3
      disabilityIII: [0, 0, 0],
      disabilityChild: [0, 0, 0],
      child: [1, 0, 1], // M1
      survivorOfViolence: [2, 0, 2], // X (once), R2
      lowIncome: [0, 0, 0],
    });
  });

  it('by region and district of residence, from each person’s latest record (X lives in Andijan now)', async () => {
    expect(byRow(await compute('peopleServed.byRegion'))).toEqual({
      '1703': [2, 0, 2], // X, R2
      '1726': [3, 2, 5], // M1, M5, M6; M3, M4
      total: [5, 2, 7],
    });
    expect(byRow(await compute('peopleServed.byDistrict'))).toEqual({
      '1703/1703202': [2, 0, 2],
      '1726/1726262': [3, 1, 4], // M1, M5, M6; M4
      '1726/1726264': [0, 1, 1], // M3
      total: [5, 2, 7],
    });
  });

  it('by center type and by center: X is in both rows, so the rows sum to 8 and no column totals are published', async () => {
    const byType = await compute('peopleServed.byCenterType');
    expect(byRow(byType)).toEqual({ mahalla: [4, 2, 6], rehabilitation: [2, 0, 2], inclusiveVocational: [0, 0, 0] });
    expect(byType.columnTotals).toBeNull();
    const byCenter = byRow(await compute('peopleServed.byCenter'));
    expect(byCenter).toEqual({ [`mahalla/${m.centerId}`]: [4, 2, 6], [`rehabilitation/${r.centerId}`]: [2, 0, 2] });
  });

  it('by month: a person once a month however many visits (M1 twice in two months, X at two centers in February)', async () => {
    expect(byRow(await compute('peopleServed.byMonth'))).toEqual({
      '2026-01': [3, 0, 3], // M1, M5, M6
      '2026-02': [2, 0, 2], // M1, X
      '2026-03': [2, 2, 4], // X, R2; M3, M4
    });
  });

  it('services delivered by service and center type (visits, not people; April’s left out)', async () => {
    // Columns: mahalla, rehabilitation, inclusiveVocational, total.
    expect(byRow(await compute('services.byTypeAndCenterType'))).toEqual({
      'legal.consultation': [1, 1, 0, 2],
      'medical.examination': [1, 1, 0, 2],
      'psychological.individualCounseling': [0, 2, 0, 2],
      'social.consultation': [6, 0, 0, 6], // M1 twice, M4 (20 March), M5, M6 twice (once under her merged record)
      total: [8, 4, 0, 12],
    });
  });

  it('counseling sessions by kind and risk: signed ones in the period, the voided one not counted', async () => {
    // Columns: low, medium, high, severe, none, total.
    expect(byRow(await compute('counseling.sessionsByKindRisk'))).toEqual({
      individual: [1, 0, 1, 0, 0, 2],
      family: [0, 0, 0, 0, 0, 0],
      group: [0, 0, 0, 0, 0, 0],
      crisis: [0, 0, 0, 1, 0, 1],
      total: [1, 0, 1, 1, 0, 3],
    });
  });

  it('training: enrolled, completed, employed at 3 months; persons with disabilities by age', async () => {
    expect(byRow(await compute('training.outcomes'))).toEqual({
      enrolled: [1, 1, 2], // M5; M3
      completed: [0, 1, 1],
      employed3: [0, 1, 1],
      employed6: [0, 0, 0],
      employed12: [0, 0, 0],
    });
    // Columns: 15-24, other ages, total. M3 was 22 when he enrolled.
    expect(byRow(await compute('training.disabilityByAge'))).toEqual({ trained: [1, 0, 1], completed: [1, 0, 1], employed: [1, 0, 1] });
  });

  it('women at rehabilitation centers by kind of help (X’s legal help at the mahalla center is not counted here)', async () => {
    expect(byRow(await compute('rehabilitation.womenHelped'))).toEqual({ any: [2], legal: [1], medical: [1], psychological: [2], other: [0] });
  });

  it('a period with nothing in it gives zeros', async () => {
    const table = await computeNationalIndicator(registry.db, 'peopleServed.byAgeSex', { from: '2025-01-01', to: '2025-12-31' });
    expect(table.grandTotal).toBe(0);
  });
});

/** The marks of a published table, as the attacker reads them. */
function marksOf(tables: readonly NationalTable[]): Map<string, CellMark[][]> {
  return new Map(tables.map((table) => [table.indicatorId, (table.hidden ?? []).map((row) => row.map((mark): CellMark => mark ?? 'published'))]));
}

const gridOf = (input: SuppressionInput, mark: (r: number, c: number) => CellMark): CellMark[][] =>
  Array.from({ length: input.cells.length + 1 }, (_, r) => Array.from({ length: (input.cells[0]?.length ?? 0) + 1 }, (_, c) => mark(r, c)));

/**
 * What the attacker works with: every published table, and the sums she knows hold between them
 * (a region is its districts, a center type its centers when nobody was served at two of them, as
 * in this data set), each position hidden there when it is hidden where it is published.
 */
function attackerView(inputs: ReturnType<typeof suppressionInputsOf>, marks: ReadonlyMap<string, readonly (readonly CellMark[])[]>) {
  const hiddenNames = new Set<string>();
  for (const input of inputs.tables) {
    (marks.get(input.id) ?? []).forEach((row, r) => row.forEach((mark, c) => mark !== 'published' && hiddenNames.add(input.sharedKey?.(r, c) ?? '')));
  }
  const nestingMarks = inputs.relations.map((input) => [input.id, gridOf(input, (r, c) => (hiddenNames.has(input.sharedKey?.(r, c) ?? '') ? 'complementary' : 'published'))] as const);
  return publish([...inputs.tables, ...inputs.relations], new Map([...marks, ...nestingMarks]));
}

describe('the national export', () => {
  it.each([5, 3, 2])('hides every count below %i and no hidden cell can be worked out from the published cells, margins and nested rows', async (threshold) => {
    const truth = await computeNationalIndicators(registry.db, PERIOD);
    const { tables, hiddenCells } = suppressNationalTables(truth, threshold);
    const inputs = suppressionInputsOf(truth);
    // Each type of center is one center here, Andijan one district (their rows are the same numbers), and the one who completed a course, M3, has a disability.
    expect(inputs.relations.map((input) => input.id).sort()).toEqual([
      'peopleServed.byCenter<mahalla',
      'peopleServed.byCenter<rehabilitation',
      'peopleServed.byDistrict<1703',
      'peopleServed.byDistrict<1726',
      'training.disabilityByAge=training.outcomes<completed',
    ]);
    const published = attackerView(inputs, marksOf(tables));
    const recovered = attack(published);
    expect([...recovered.keys()].filter((name) => published.hidden.has(name))).toEqual([]);
    for (const [name, value] of published.truth) if (value >= 1 && value < threshold) expect(published.hidden.has(name), name).toBe(true);
    expect(hiddenCells).toBe(tables.reduce((sum, table) => sum + (table.hidden ?? []).flat().filter((mark) => mark !== null).length, 0));
    expect(hiddenCells).toBeGreaterThan(0);
    // Zeros name nobody: published.
    const services = tables.find((table) => table.indicatorId === 'services.byTypeAndCenterType');
    expect(services?.cells[0]?.[2]).toBe(0);
  });

  it('the attacker is not blind: she recovers small cells hidden alone', async () => {
    const inputs = suppressionInputsOf(await computeNationalIndicators(registry.db, PERIOD));
    const onlySmall = new Map(
      inputs.tables.map((input) => {
        const value = (r: number, c: number) => (r < input.cells.length ? (c < (input.cells[0]?.length ?? 0) ? input.cells[r]?.[c] : input.rowTotals?.[r]) : c < (input.cells[0]?.length ?? 0) ? input.columnTotals?.[c] : input.grandTotal) ?? 0;
        return [input.id, gridOf(input, (r, c) => (value(r, c) === 1 ? 'small' : 'published'))] as const;
      }),
    );
    const published = publish(inputs.tables, onlySmall);
    expect([...attack(published).keys()].filter((name) => published.hidden.has(name)).length).toBeGreaterThan(0);
  });

  /** Seeded numbers, mostly small counts and zeros: the hard case for a suppression. */
  const counts = (seed: number) => {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    return { next, count: () => (next() < 0.25 ? 0 : next() < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 30)) };
  };
  /** A table of people by sex as the export computes it; margins as the indicator publishes them. */
  const table = (id: NationalIndicatorId, rows: string[], cells: number[][]): NationalTable => {
    const indicator = NATIONAL_INDICATORS.find((candidate) => candidate.id === id);
    const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
    const hasColumnTotals = indicator?.margins === 'both';
    const columnTotals = hasColumnTotals ? [0, 1].map((c) => cells.reduce((a, row) => a + (row[c] ?? 0), 0)) : null;
    return { indicatorId: id, title: id, unit: 'persons', rowDimension: 'r', columnDimension: 'sex', rows, columns: ['female', 'male'], cells, rowTotals, columnTotals, grandTotal: columnTotals === null ? null : rowTotals.reduce((a, b) => a + b, 0), hasGrandTotal: hasColumnTotals };
  };

  it('over random exports where one type of center served everybody: table by table she reads that row off the totals; as one export she cannot', () => {
    const { next, count } = counts(424242);
    let tableByTableLeaks = 0;
    for (let round = 0; round < 150; round += 1) {
      const ages = NATIONAL_AGE_BANDS.map(() => [count(), count()]);
      const everybody = [0, 1].map((c) => ages.reduce((a, row) => a + (row[c] ?? 0), 0));
      const some = everybody.map((n) => Math.floor(next() * (n + 1)));
      const tables = [table('peopleServed.byAgeSex', [...NATIONAL_AGE_BANDS], ages), table('peopleServed.byCenterType', [...NATIONAL_CENTER_TYPES], [everybody, some, [0, 0]])];
      const inputs = suppressionInputsOf(tables);
      if ((everybody[0] ?? 0) + (everybody[1] ?? 0) > 0) expect(inputs.relations.map((input) => input.id)).toContain('peopleServed.byCenterType=all<mahalla');
      const alone = attackerView(inputs, suppressTables(inputs.tables, 5).marks);
      tableByTableLeaks += [...attack(alone).keys()].filter((name) => alone.hidden.has(name)).length;
      const exported = attackerView(inputs, marksOf(suppressNationalTables(tables, 5).tables));
      expect([...attack(exported).keys()].filter((name) => exported.hidden.has(name))).toEqual([]);
    }
    expect(tableByTableLeaks).toBeGreaterThan(0);
  });

  it('over random regions and districts: suppressed table by table she subtracts districts from their region; suppressed as one export she cannot', () => {
    const { next, count } = counts(20261204);
    let tableByTableLeaks = 0;
    for (let round = 0; round < 150; round += 1) {
      const districts: { region: string; key: string; cells: number[] }[] = [];
      for (let region = 0; region < 1 + Math.floor(next() * 3); region += 1) {
        for (let district = 0; district < 1 + Math.floor(next() * 3); district += 1) districts.push({ region: `r${String(region)}`, key: `r${String(region)}/d${String(district)}`, cells: [count(), count()] });
      }
      const regions = [...new Set(districts.map((district) => district.region))];
      const tables = [
        table('peopleServed.byRegion', regions, regions.map((region) => [0, 1].map((c) => districts.filter((d) => d.region === region).reduce((a, d) => a + (d.cells[c] ?? 0), 0)))),
        table('peopleServed.byDistrict', districts.map((district) => district.key), districts.map((district) => district.cells)),
      ];
      const inputs = suppressionInputsOf(tables);
      const alone = attackerView(inputs, suppressTables(inputs.tables, 5).marks);
      tableByTableLeaks += [...attack(alone).keys()].filter((name) => alone.hidden.has(name)).length;
      const exported = attackerView(inputs, marksOf(suppressNationalTables(tables, 5).tables));
      expect([...attack(exported).keys()].filter((name) => exported.hidden.has(name))).toEqual([]);
    }
    expect(tableByTableLeaks).toBeGreaterThan(0);
  });

  it('serves the XLSX through the operator endpoint, with the footnote, and logs who asked for what, when', async () => {
    const query = new URLSearchParams({ from: PERIOD.from, to: PERIOD.to, format: 'xlsx', by: 'Aziza (operator)', threshold: '3' });
    expect((await fetch(`${registry.url}/operator/national?${query.toString()}`)).status).toBe(403);
    const response = await fetch(`${registry.url}/operator/national?${query.toString()}`, { headers: { 'x-operator-token': TOKEN } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    // Sheet values are sparse (1-based rows and cells): holes read as empty.
    const lines = Array.from(workbook.worksheets[0]?.getSheetValues() ?? [], (row) => (Array.isArray(row) ? Array.from(row.slice(1), (cell) => (cell === null || cell === undefined ? '' : String(cell))) : []));
    const at = lines.findIndex((line) => line[0] === 'People served, by age band and sex');
    expect(lines[at + 1]).toEqual(['ageBand', 'female', 'male', 'total']);
    // The hand-computed table (1, 0, 1 / 0, 1, 1 / 4, 0, 4 / 0, 1, 1 / 5, 2, 7) as published at threshold 3: ones hidden, zeros shown, the rest shown or hidden with them.
    const truth = [['0-14', 1, 0, 1], ['15-24', 0, 1, 1], ['25-59', 4, 0, 4], ['60+', 0, 1, 1], ['total', 5, 2, 7]] as const;
    truth.forEach(([label, ...values], index) => {
      const line = lines[at + 2 + index] ?? [];
      expect(line[0]).toBe(label);
      values.forEach((value, c) => expect(line[c + 1]).toBe(value === 0 ? '0' : value < 3 ? '<3' : line[c + 1] === '×' ? '×' : String(value)));
    });
    const footnote = lines.at(-1)?.[0] ?? '';
    expect(footnote).toMatch(/^Small-cell suppression: counts from 1 to 2 are shown as "<3".*Cells hidden: \d+\.$/);
    const logged = await registry.db.selectFrom('national_exports').selectAll().where('operator', '=', 'Aziza (operator)').execute();
    expect(logged).toEqual([expect.objectContaining({ via: 'endpoint', format: 'xlsx', period_from: PERIOD.from, period_to: PERIOD.to, is_suppressed: true, threshold: 3 })]);
    expect(footnote).toContain(`Cells hidden: ${String(logged[0]?.hidden_cells)}.`);
    expect(logged[0]?.indicators.split(',')).toEqual(NATIONAL_INDICATORS.map((indicator) => indicator.id));
    expect((await fetch(`${registry.url}/operator/national?from=2026-04-01&to=2026-01-01&by=x`, { headers: { 'x-operator-token': TOKEN } })).status).toBe(400);
    expect((await fetch(`${registry.url}/operator/national?from=2026-01-01&to=2026-03-31`, { headers: { 'x-operator-token': TOKEN } })).status).toBe(400);
  });

  it('writes a CSV whose hidden cells show as "<5" or "×", names the centers, and says how many cells are hidden', async () => {
    const { bytes, result } = await exportNational(registry.db, { period: PERIOD, format: 'csv', operator: 'test', via: 'cli', now: new Date('2026-06-02T09:00:00.000Z') });
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = Papa.parse<string[]>(text.slice(1).trimEnd(), { delimiter: ';' }).data;
    expect(lines.slice(0, 2)).toEqual([['INSON national indicators'], ['Period: 2026-01-01 to 2026-03-31']]);
    expect(lines).toContainEqual(['social.consultation', '6', '0', '0', '6']);
    expect(lines.some((line) => line[0] === `Chilonzor mahalla markazi (mahalla, ${m.centerId})`)).toBe(true);
    expect(lines.at(-1)).toEqual([nationalFootnote(result)]);
    expect(nationalFootnote(result)).toBe(`Small-cell suppression: counts from 1 to 4 are shown as "<5"; cells shown as "×" are hidden so that those cannot be worked out from the totals. Cells hidden: ${String(result.hiddenCells)}.`);
    // No count from 1 to 4 in any table line (the lines with more than one cell).
    const cells = lines.filter((line) => line.length > 1).flatMap((line) => line.slice(1));
    expect(cells.filter((cell) => ['1', '2', '3', '4'].includes(cell))).toEqual([]);
    expect(cells).toContain('<5');
    expect(cells).toContain('×');
  });
});

describe('npm run registry -- national', () => {
  it('writes the file and logs the export as asked for by --by', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-national-cli-'));
    try {
      const out = join(dir, 'national.csv');
      const env = { ...process.env };
      delete env.DATABASE_URL;
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/registry/main.ts', 'national', '--data', join(dir, 'data'), '--from', '2026-01-01', '--to', '2026-03-31', '--out', out, '--by', 'cli-tester'], { env });
      expect(JSON.parse(stdout)).toMatchObject({ out, format: 'csv' });
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('People served, by age band and sex');
      expect(text).toContain('Cells hidden: 0.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
