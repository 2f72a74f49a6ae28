import { sql } from 'kysely';
import type { ReadDb } from '../db/handles';
import { phoneSearchDigits } from '../uz/phone';
import { cleanPinfl } from '../uz/pinfl';
import { NO_NAME_SCORE, type CandidateRow, type Ranked } from './clients.search-rank';

/**
 * `clients.search` by digits: a whole PINFL or phone number first, then the PINFLs and the phone
 * numbers that start with the digits, each in its own order (so pages never shift), read a page
 * at a time through the indexes.
 */

export const CANDIDATE_COLUMNS = sql.raw(
  'seq, id, last_name, first_name, patronymic, birth_date, birth_year, is_birth_date_estimated, sex, pinfl, phone, region_code, district_code, name_key, name_key_loose, patronymic_key',
);

/** Ranked rows shown first, then the rest in a fixed order, read a window at a time. */
export interface SearchAnswer {
  readonly ranked: readonly Ranked[];
  /** Rows after the ranked ones: `count` of them from position `start`. */
  readonly rest: (start: number, count: number) => Promise<Ranked[]>;
  readonly total: number;
}

export const NOTHING_MORE = async (): Promise<Ranked[]> => [];

/** The upper bound of a prefix range: '3250' → '3251', 'ab' → 'ac'. */
export function prefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}

/** Phone digits shorter than this are more likely the start of a PINFL than of a number. */
const MIN_PHONE_SEARCH_DIGITS = 4;

interface DigitRange {
  readonly column: 'pinfl' | 'phone';
  readonly whole: string;
  /** Active clients in the range other than the one holding `whole`. */
  readonly count: number;
}

async function countRange(db: ReadDb, column: DigitRange['column'], from: string): Promise<number> {
  // All rows in the range by its index, less the merged ones by theirs (+column keeps SQLite on
  // the small merged index): never a read of every row in the range.
  const to = prefixEnd(from);
  const all = await sql<{ n: number }>`SELECT count(*) AS n FROM clients WHERE ${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to}`.execute(db);
  const merged = await sql<{ n: number }>`SELECT count(*) AS n FROM clients
    WHERE merged_into_id IS NOT NULL AND +${sql.ref(column)} >= ${from} AND +${sql.ref(column)} < ${to}`.execute(db);
  return Number(all.rows[0]?.n ?? 0) - Number(merged.rows[0]?.n ?? 0);
}

async function rangeRows(db: ReadDb, range: DigitRange, start: number, count: number): Promise<CandidateRow[]> {
  const column = sql.ref(range.column);
  const result = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE ${column} >= ${range.whole} AND ${column} < ${prefixEnd(range.whole)} AND ${column} <> ${range.whole} AND status = 'active'
    ORDER BY ${column} LIMIT ${count} OFFSET ${start}`.execute(db);
  return result.rows;
}

const ranked = (row: CandidateRow, matchedBy: 'pinfl' | 'phone', tier: number): Ranked => ({
  row,
  matchedBy,
  tier,
  name: NO_NAME_SCORE,
  birthAgreement: 0,
  sexAgreement: 0,
});

/**
 * The answer to a query of digits: a PINFL (whole or its start) and a phone number (in any usual
 * spelling, whole or its start); only the kinds `matchOn` allows (the caller's view).
 *
 * @example const answer = await findByDigits(db, '325059');
 */
export async function findByDigits(db: ReadDb, digits: string, matchOn: { readonly pinfl: boolean; readonly phone: boolean } = { pinfl: true, phone: true }): Promise<SearchAnswer> {
  const wholes: Ranked[] = [];
  const ranges: DigitRange[] = [];
  const pinfl = cleanPinfl(digits);
  if (matchOn.pinfl && pinfl.length <= 14) {
    const exact = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients WHERE pinfl = ${pinfl} AND status = 'active'`.execute(db);
    for (const row of exact.rows) wholes.push(ranked(row, 'pinfl', 0));
    ranges.push({ column: 'pinfl', whole: pinfl, count: (await countRange(db, 'pinfl', pinfl)) - exact.rows.length });
  }
  const national = phoneSearchDigits(digits);
  if (matchOn.phone && national !== null && national.length >= MIN_PHONE_SEARCH_DIGITS && national.length <= 9) {
    const phone = `+998${national}`;
    const exact = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients WHERE phone = ${phone} AND status = 'active'`.execute(db);
    for (const row of exact.rows) wholes.push(ranked(row, 'phone', 1));
    ranges.push({ column: 'phone', whole: phone, count: (await countRange(db, 'phone', phone)) - exact.rows.length });
  }
  const rest = async (start: number, count: number): Promise<Ranked[]> => {
    const rows: Ranked[] = [];
    let skip = start;
    for (const range of ranges) {
      if (rows.length >= count) break;
      if (skip >= range.count) {
        skip -= range.count;
        continue;
      }
      for (const row of await rangeRows(db, range, skip, count - rows.length)) rows.push(ranked(row, range.column, 2));
      skip = 0;
    }
    return rows;
  };
  return { ranked: wholes, rest, total: wholes.length + ranges.reduce((sum, range) => sum + range.count, 0) };
}
