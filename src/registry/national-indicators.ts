import { sql, type Kysely } from 'kysely';
import { countTable, type CountTable, type Margins } from '../core/reports/count-table';
import { NATIONAL_CATEGORY_KEYS, nationalFacts, type NationalIndicatorId, type Period } from './national-facts';
import type { RegistryDatabase } from './registry.tables';

/**
 * The national indicators (issue 13, item 4): the center's indicators across centers, by region
 * and center type, from what the batches delivered, a person served at two centers counted once.
 * Each is defined once, as data (its rows, columns, published margins, the numbers it shares with
 * another table of the export) plus its query in national-facts.ts. Margins are published only
 * where they are true sums: a table whose rows overlap (categories, centers, months) publishes
 * row totals only.
 *
 * The registry cannot import the center's schemas (rule 'registry-takes-only-the-protocol'), so
 * the fixed lists below are its own; national-indicators.test.ts checks them against the center's.
 */

export const NATIONAL_SEXES = ['female', 'male'] as const;
export const NATIONAL_AGE_BANDS = ['0-14', '15-24', '25-59', '60+'] as const;
export const NATIONAL_CENTER_TYPES = ['mahalla', 'rehabilitation', 'inclusiveVocational'] as const;
export const NATIONAL_SESSION_KINDS = ['individual', 'family', 'group', 'crisis'] as const;
export const NATIONAL_RISK_LEVELS = ['low', 'medium', 'high', 'severe'] as const;
export const NATIONAL_CHECKPOINTS = [3, 6, 12] as const;

export type NationalUnit = 'persons' | 'deliveries' | 'sessions';

export interface NationalIndicator {
  readonly id: NationalIndicatorId;
  /** In the export's heading (the registry's operators read English). */
  readonly title: string;
  readonly unit: NationalUnit;
  readonly rowDimension: string;
  readonly columnDimension: string;
  /** Rows always shown (zeros included), or a function of the period; keys the data holds beyond them are added, sorted. */
  readonly rows: readonly string[] | ((period: Period) => readonly string[]);
  readonly columns: readonly string[];
  readonly margins: Margins;
  /** The same number in another table of the export, by position (`r === rows` is the totals row, `c === columns` the totals column). */
  readonly sharedKey?: (r: number, c: number, rows: readonly string[], columns: readonly string[]) => string | null;
  /**
   * Each row (keyed `outer/inner`) is part of the row `outer` of that indicator, with the same
   * columns: a district of its region, a center of its type. The export's suppression knows that
   * the rows of one outer row sum to it (national-export.ts), so a reader cannot subtract them.
   */
  readonly nestedIn?: NationalIndicatorId;
  /** Each row is a set of the people served, by sex: a row whose total is everybody is the totals by sex (national-export.ts). */
  readonly rowsArePeopleServed?: boolean;
}

export interface NationalTable extends CountTable {
  readonly indicatorId: NationalIndicatorId;
  readonly title: string;
  readonly unit: NationalUnit;
  readonly rowDimension: string;
  readonly columnDimension: string;
}

/** The months of a period, `YYYY-MM`. */
export function monthsOfPeriod(period: Period): string[] {
  const months: string[] = [];
  const last = period.to.slice(0, 7);
  for (let year = Number(period.from.slice(0, 4)), month = Number(period.from.slice(5, 7)); months.length <= 240; month += 1) {
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
  }
  return months;
}

/** Persons served by sex (the column totals) and in all (the grand total): one number each, in every table that shows it. */
const servedBySex = (r: number, c: number, rows: readonly string[], columns: readonly string[]) =>
  r === rows.length ? (c === columns.length ? 'peopleServed:all' : `peopleServed:${columns[c] ?? ''}`) : null;

const bySex = { unit: 'persons', columnDimension: 'sex', columns: NATIONAL_SEXES } as const;
const servedSubsets = { ...bySex, rowsArePeopleServed: true } as const;

/** Women served at rehabilitation centers: the same number in the women-helped table ('any') and the by-center-type table. */
const WOMEN_AT_REHABILITATION = 'peopleServed:rehabilitation:female';

export const NATIONAL_INDICATORS: readonly NationalIndicator[] = [
  { ...bySex, id: 'peopleServed.byAgeSex', title: 'People served, by age band and sex', rowDimension: 'ageBand', rows: NATIONAL_AGE_BANDS, margins: 'both', sharedKey: servedBySex },
  { ...servedSubsets, id: 'peopleServed.byCategory', title: 'People served, by category and sex', rowDimension: 'category', rows: NATIONAL_CATEGORY_KEYS, margins: 'rowTotals' },
  { ...bySex, id: 'peopleServed.byRegion', title: 'People served, by region of residence and sex', rowDimension: 'region', rows: [], margins: 'both', sharedKey: servedBySex },
  { ...bySex, id: 'peopleServed.byDistrict', title: 'People served, by district of residence and sex', rowDimension: 'region/district', rows: [], margins: 'both', sharedKey: servedBySex, nestedIn: 'peopleServed.byRegion' },
  {
    ...servedSubsets,
    id: 'peopleServed.byCenterType',
    title: 'People served, by type of center and sex (a person served at two types is in both rows)',
    rowDimension: 'centerType',
    rows: NATIONAL_CENTER_TYPES,
    margins: 'rowTotals',
    sharedKey: (r, c, rows, columns) => (rows[r] === 'rehabilitation' && columns[c] === 'female' ? WOMEN_AT_REHABILITATION : null),
  },
  { ...servedSubsets, id: 'peopleServed.byCenter', title: 'People served, by center and sex (a person served at two centers is in both rows)', rowDimension: 'centerType/center', rows: [], margins: 'rowTotals', nestedIn: 'peopleServed.byCenterType' },
  { ...servedSubsets, id: 'peopleServed.byMonth', title: 'People served, by month and sex', rowDimension: 'month', rows: monthsOfPeriod, margins: 'rowTotals' },
  {
    id: 'services.byTypeAndCenterType',
    title: 'Services delivered, by service and type of center',
    unit: 'deliveries',
    rowDimension: 'service',
    columnDimension: 'centerType',
    rows: [],
    columns: NATIONAL_CENTER_TYPES,
    margins: 'both',
  },
  {
    id: 'counseling.sessionsByKindRisk',
    title: 'Counseling sessions, by kind and risk level (counts only)',
    unit: 'sessions',
    rowDimension: 'sessionKind',
    columnDimension: 'riskLevel',
    rows: NATIONAL_SESSION_KINDS,
    columns: [...NATIONAL_RISK_LEVELS, 'none'],
    margins: 'both',
  },
  {
    ...bySex,
    id: 'training.outcomes',
    title: 'Training: enrolled, completed, employed at 3, 6 and 12 months, by sex',
    rowDimension: 'trainingStep',
    rows: ['enrolled', 'completed', ...NATIONAL_CHECKPOINTS.map((months) => `employed${String(months)}`)],
    margins: 'rowTotals',
  },
  {
    id: 'training.disabilityByAge',
    title: 'Training of persons with disabilities: trained, completed, employed, aged 15-24 or not',
    unit: 'persons',
    rowDimension: 'disabilityTarget',
    columnDimension: 'ageGroup',
    rows: ['trained', 'completed', 'employed'],
    columns: ['15-24', 'otherAge'],
    margins: 'rowTotals',
  },
  {
    id: 'rehabilitation.womenHelped',
    title: 'Women at rehabilitation centers receiving help, by kind of help',
    unit: 'persons',
    rowDimension: 'helpKind',
    columnDimension: 'count',
    rows: ['any', 'legal', 'medical', 'psychological', 'other'],
    columns: ['count'],
    margins: 'none',
    sharedKey: (r, c, rows) => (rows[r] === 'any' && c === 0 ? WOMEN_AT_REHABILITATION : null),
  },
];

const BY_ID = new Map(NATIONAL_INDICATORS.map((indicator) => [indicator.id, indicator]));

/** @example nationalIndicator('peopleServed.byAgeSex').rowDimension === 'ageBand' */
export function nationalIndicator(id: NationalIndicatorId): NationalIndicator {
  const indicator = BY_ID.get(id);
  if (indicator === undefined) throw new Error(`unknown national indicator ${id}`);
  return indicator;
}

function tableOf(indicator: NationalIndicator, rows: readonly string[], counts: ReadonlyMap<string, number>): NationalTable {
  return {
    indicatorId: indicator.id,
    title: indicator.title,
    unit: indicator.unit,
    rowDimension: indicator.rowDimension,
    columnDimension: indicator.columnDimension,
    ...countTable(rows, indicator.columns, (row, column) => counts.get(`${row}\u0000${column}`) ?? 0, indicator.margins),
  };
}

/**
 * One national indicator's table for a period. Facts in a column the indicator does not show (a
 * client record without a sex) are left out of it.
 *
 * @example const table = await computeNationalIndicator(db, 'peopleServed.byAgeSex', { from: '2026-01-01', to: '2026-03-31' });
 */
export async function computeNationalIndicator(db: Kysely<RegistryDatabase>, id: NationalIndicatorId, period: Period): Promise<NationalTable> {
  const [table] = await computeNationalIndicators(db, period, [id]);
  if (table === undefined) throw new Error(`no table for ${id}`);
  return table;
}

async function indicatorTable(db: Kysely<RegistryDatabase>, id: NationalIndicatorId, period: Period): Promise<NationalTable> {
  const indicator = nationalIndicator(id);
  const aggregate = indicator.unit === 'persons' ? sql`count(DISTINCT f.subject)` : sql`sum(f.n)`;
  const result = await sql<{ row_key: string | null; col_key: string | null; n: string | number }>`
    SELECT f.row_key, f.col_key, ${aggregate} AS n FROM (${nationalFacts[id](period)}) f GROUP BY f.row_key, f.col_key`.execute(db);
  const shown = result.rows.filter((row) => row.row_key !== null && row.col_key !== null && indicator.columns.includes(row.col_key));
  const counts = new Map(shown.map((row) => [`${row.row_key ?? ''}\u0000${row.col_key ?? ''}`, Number(row.n)]));
  const fixed = typeof indicator.rows === 'function' ? indicator.rows(period) : indicator.rows;
  const extra = [...new Set(shown.map((row) => row.row_key ?? ''))].filter((key) => !fixed.includes(key)).sort();
  return tableOf(indicator, [...fixed, ...extra], counts);
}

/**
 * Every national indicator (or the ones named), in the order of the list. In one read-only
 * transaction, so every table counts the same records, and without nested-loop joins: the
 * planner has no statistics for the CTEs' rows (the latest versions, the JSON fields), guesses a
 * row or two, and a nested loop over what are really all the clients and deliveries takes hours
 * where a hash join takes a second.
 */
export async function computeNationalIndicators(db: Kysely<RegistryDatabase>, period: Period, ids: readonly NationalIndicatorId[] = NATIONAL_INDICATORS.map((indicator) => indicator.id)): Promise<NationalTable[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(trx);
    await sql`SET LOCAL enable_nestloop = off`.execute(trx);
    await sql`SET LOCAL work_mem = '128MB'`.execute(trx);
    const tables: NationalTable[] = [];
    for (const id of ids) tables.push(await indicatorTable(trx, id, period));
    return tables;
  });
}
