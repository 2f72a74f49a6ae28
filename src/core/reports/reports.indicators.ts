import { sql } from 'kysely';
import { CASE_CLOSE_REASONS } from '../cases/cases.schema';
import { CONSENT_PURPOSES, CONSENT_STATES } from '../consents/consents.schema';
import { RISK_LEVELS, SESSION_KINDS } from '../counseling/counseling.schema';
import type { ReadDb } from '../db/handles';
import { trainingTargets } from '../training/training-home.service';
import { OUTCOME_CHECKPOINTS } from '../training/training.schema';
import { CATEGORY_KEYS, countsOf, factsOf, type Fact, type FactIndicatorId } from './reports.facts';
import { AGE_BANDS, SEXES, type Dimension, type IndicatorId, type IndicatorTable, type ReportFilters, type Unit } from './reports.schema';
import { countTable, type Margins } from './count-table';

/**
 * Every indicator, defined once as data: what it counts, its rows and columns, which margins it
 * publishes (only true sums), who may open the list of persons behind a cell, and which numbers
 * it shares with another indicator (so an export hides them together). Its words are in the
 * locale files (`reports:indicator.<id>.title` and `.definition`); its query is in reports.facts.ts,
 * except the program's training targets, which are the training domain's own computation.
 */

export interface IndicatorDefinition {
  readonly id: IndicatorId;
  readonly unit: Unit;
  readonly rowDimension: Dimension;
  readonly columnDimension: Dimension;
  /** Fixed row keys, or a function of the period (months), or null: the keys the data holds (districts, services). */
  readonly rows: readonly string[] | ((filters: ReportFilters) => readonly string[]) | null;
  readonly columns: readonly string[];
  readonly margins: Margins;
  /** Who may open the persons behind a cell; null: nobody (counseling is counts only, and events are not persons). */
  readonly listPermission: 'clients.read' | null;
  /** The program-to-date targets take no filter. */
  readonly isFiltered: boolean;
  /**
   * The same number published by another indicator of the export, by position (`r === rows` is
   * the totals row, `c === columns` the totals column).
   */
  readonly sharedKey?: (r: number, c: number, rows: readonly string[], columns: readonly string[]) => string | null;
}

/** The months of a period, `YYYY-MM`. */
export function monthsOf(filters: ReportFilters): string[] {
  const months: string[] = [];
  let year = Number(filters.from.slice(0, 4));
  let month = Number(filters.from.slice(5, 7));
  const last = filters.to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last || months.length > 240) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** Persons served by sex (the column margins) and in all (the grand total), shared by the age and district tables. */
const servedBySex = (r: number, c: number, rows: readonly string[], columns: readonly string[]) =>
  r === rows.length ? (c === columns.length ? 'peopleServed:all' : `peopleServed:${columns[c] ?? ''}`) : null;

const persons = { unit: 'persons', listPermission: 'clients.read', isFiltered: true } as const;

export const INDICATORS: readonly IndicatorDefinition[] = [
  { ...persons, id: 'peopleServed.byAgeSex', rowDimension: 'ageBand', columnDimension: 'sex', rows: AGE_BANDS, columns: SEXES, margins: 'both', sharedKey: servedBySex },
  { ...persons, id: 'peopleServed.byCategory', rowDimension: 'category', columnDimension: 'sex', rows: CATEGORY_KEYS, columns: SEXES, margins: 'rowTotals' },
  { ...persons, id: 'peopleServed.byDistrict', rowDimension: 'district', columnDimension: 'sex', rows: null, columns: SEXES, margins: 'both', sharedKey: servedBySex },
  { ...persons, id: 'peopleServed.byMonth', rowDimension: 'month', columnDimension: 'sex', rows: monthsOf, columns: SEXES, margins: 'rowTotals' },
  { id: 'services.byType', unit: 'deliveries', rowDimension: 'service', columnDimension: 'count', rows: null, columns: ['count'], margins: 'columnTotals', listPermission: null, isFiltered: true },
  {
    id: 'cases.openedClosed',
    unit: 'cases',
    rowDimension: 'caseFlow',
    columnDimension: 'count',
    rows: ['opened', 'closed', 'openAtEnd'],
    columns: ['count'],
    margins: 'none',
    listPermission: null,
    isFiltered: true,
    sharedKey: (r, c, rows) => (rows[r] === 'closed' && c === 0 ? 'cases:closed' : null),
  },
  {
    id: 'cases.closeReasons',
    unit: 'cases',
    rowDimension: 'closeReason',
    columnDimension: 'count',
    rows: CASE_CLOSE_REASONS,
    columns: ['count'],
    margins: 'columnTotals',
    listPermission: null,
    isFiltered: true,
    sharedKey: (r, c, rows) => (r === rows.length && c === 0 ? 'cases:closed' : null),
  },
  {
    id: 'counseling.sessionsByKindRisk',
    unit: 'sessions',
    rowDimension: 'sessionKind',
    columnDimension: 'riskLevel',
    rows: SESSION_KINDS,
    columns: [...RISK_LEVELS, 'none'],
    margins: 'both',
    listPermission: null,
    isFiltered: true,
  },
  { ...persons, id: 'training.outcomes', rowDimension: 'trainingStep', columnDimension: 'sex', rows: ['enrolled', 'completed', ...OUTCOME_CHECKPOINTS.map((months) => `employed${String(months)}`)], columns: SEXES, margins: 'rowTotals' },
  { id: 'training.disabilityTargets', unit: 'persons', rowDimension: 'disabilityTarget', columnDimension: 'sex', rows: ['trained', 'completed', 'employed'], columns: SEXES, margins: 'rowTotals', listPermission: null, isFiltered: false },
  { ...persons, id: 'rehabilitation.womenHelped', rowDimension: 'helpKind', columnDimension: 'count', rows: ['any', 'legal', 'medical', 'psychological', 'other'], columns: ['count'], margins: 'none' },
  {
    ...persons,
    id: 'consents.rates',
    rowDimension: 'consentPurpose',
    columnDimension: 'consentState',
    rows: CONSENT_PURPOSES,
    columns: [...CONSENT_STATES, 'notAsked'],
    margins: 'rowTotals',
    // Every purpose's row sums to the same clients.
    sharedKey: (_r, c, _rows, columns) => (c === columns.length ? 'consents:clients' : null),
  },
  { ...persons, id: 'dataQuality.records', rowDimension: 'dataQuality', columnDimension: 'count', rows: ['missingPinfl', 'duplicatesPending'], columns: ['count'], margins: 'none' },
];

const BY_ID = new Map(INDICATORS.map((definition) => [definition.id, definition]));

/** @example indicatorDefinition('peopleServed.byAgeSex').rowDimension === 'ageBand' */
export function indicatorDefinition(id: IndicatorId): IndicatorDefinition {
  const definition = BY_ID.get(id);
  if (definition === undefined) throw new Error(`unknown indicator ${id}`);
  return definition;
}

function tableOf(definition: IndicatorDefinition, rows: readonly string[], counts: ReadonlyMap<string, number>): IndicatorTable {
  return {
    indicatorId: definition.id,
    unit: definition.unit,
    rowDimension: definition.rowDimension,
    columnDimension: definition.columnDimension,
    ...countTable(rows, definition.columns, (row, column) => counts.get(`${row}\u0000${column}`) ?? 0, definition.margins),
  };
}

/** The program's targets, from the training domain's own count (persons with disabilities, program to date). */
async function disabilityTargets(db: ReadDb, definition: IndicatorDefinition): Promise<IndicatorTable> {
  const targets = await trainingTargets(db);
  const { trained, completed, employed } = targets.withDisability;
  const counts = new Map<string, number>();
  for (const [row, bySex] of [['trained', trained], ['completed', completed], ['employed', employed]] as const) {
    counts.set(`${row}\u0000female`, bySex.female);
    counts.set(`${row}\u0000male`, bySex.male);
  }
  return tableOf(definition, definition.rows as readonly string[], counts);
}

/**
 * One indicator's table for the filters.
 *
 * @example const table = await computeIndicator(db, 'peopleServed.byAgeSex', filters);
 */
export async function computeIndicator(db: ReadDb, id: IndicatorId, filters: ReportFilters): Promise<IndicatorTable> {
  const definition = indicatorDefinition(id);
  if (id === 'training.disabilityTargets') return disabilityTargets(db, definition);
  const counts = countsOf[id as FactIndicatorId];
  const aggregate = definition.unit === 'persons' ? sql`COUNT(DISTINCT f.subject)` : sql`SUM(f.n)`;
  const result = await (counts
    ? counts(filters)
    : sql<{ row_key: string; col_key: string; n: number }>`SELECT f.row_key, f.col_key, ${aggregate} AS n FROM (${factsOf[id as FactIndicatorId](filters)}) f GROUP BY f.row_key, f.col_key`
  ).execute(db);
  const byCell = new Map(result.rows.map((row) => [`${row.row_key}\u0000${row.col_key}`, Number(row.n)]));
  const fixed = typeof definition.rows === 'function' ? definition.rows(filters) : definition.rows;
  const rows = fixed ?? [...new Set(result.rows.map((row) => row.row_key))].sort();
  return tableOf(definition, rows, byCell);
}

/** The youth share toward the program's target, beside the targets table (the training domain's figures). */
export async function disabilityYouth(db: ReadDb): Promise<{ readonly trainedYouth: number; readonly youthSharePercent: number | null; readonly targets: { readonly trainedAndEmployedWithDisability: number; readonly youthShareMinPercent: number } }> {
  const targets = await trainingTargets(db);
  return { trainedYouth: targets.withDisability.trainedYouth, youthSharePercent: targets.withDisability.youthSharePercent, targets: targets.targets };
}

/**
 * The persons behind one cell (a null row or column: that margin), for roles that may see them.
 *
 * @example const ids = await cellSubjects(db, 'peopleServed.byAgeSex', filters, '15-24', 'female', 500);
 */
export async function cellSubjects(db: ReadDb, id: FactIndicatorId, filters: ReportFilters, row: string | null, column: string | null, limit: number): Promise<string[]> {
  const facts = factsOf[id](filters);
  const where = [row === null ? sql`1` : sql`f.row_key = ${row}`, column === null ? sql`1` : sql`f.col_key = ${column}`];
  const result = await sql<Pick<Fact, 'subject'>>`SELECT DISTINCT f.subject FROM (${facts}) f WHERE ${sql.join(where, sql` AND `)} LIMIT ${limit}`.execute(db);
  return result.rows.map((fact) => fact.subject);
}
