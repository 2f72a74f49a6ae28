import { sql } from 'kysely';
import type { ReadDb } from '../db/handles';
import { damerauLevenshtein, trigrams } from '../uz/names';
import { phoneSearchDigits } from '../uz/phone';
import { cleanPinfl } from '../uz/pinfl';
import { toPossibleDuplicate } from './clients.repository';
import type { ClientSearchItem, ClientSex } from './clients.schema';
import {
  agreement,
  compareRanked,
  maxEditDistance,
  nameMatchKind,
  NO_NAME_SCORE,
  scoreName,
  type CandidateRow,
  type Ranked,
  type TieBreaks,
} from './clients.search-rank';
import { allOf, anyNameMatch, exactMatch, mainNameMatch, nameQuery, splitClientQuery, subsets, type QueryWord } from './clients.search-query';

export { parseClientQuery, type ParsedClientQuery } from './clients.search-query';

/**
 * `clients.search`: one box for a name in any script and spelling, a PINFL (whole or prefix), a
 * phone number or a date of birth; the number of matches; pages of them.
 *
 * Names are found in levels, each an FTS5 expression over `clients_name_fts` (see
 * migrations/0004_search_keys.ts) that contains the one before: (1) every query word is a whole
 * word of last or first name, or the father's-name stem of the patronymic; (2) every word starts a
 * word of the name (strict or loose key, or read with an oʻ typed without its sign), or matches
 * the patronymic by stem or prefix; (3) while fewer than ten are found, misspellings: each word
 * also as its corrections from the vocabulary of stored words (trigrams, and words of about its
 * length sharing its first letters, then Damerau–Levenshtein); (4) when nobody is found, one
 * word, then two, may match nothing, the rest in last or first name. A word typed as a
 * patronymic ("Akmalovich", "Akmal oʻgʻli") beside other words never narrows: it only ranks, so a
 * record without a patronymic, or with it in the other style, is still found. `total` counts the
 * last level; a pool of the best candidates (the levels in order, fixed per 100 results so pages
 * agree with each other) is read and ranked in memory (clients.search-rank.ts).
 */

type Queryable = ReadDb;

/** Results ranked per pool block: pages inside one block come from one ranking. */
const POOL_BLOCK = 100;
const MAX_POOL = 1000;
/** Below this many matches, misspellings are looked for as well. */
const WIDEN_BELOW = 10;
/** Vocabulary words considered per misspelled query word, by trigrams and by first letters. */
const FUZZY_TRIGRAM_CANDIDATES = 60;
const FUZZY_PREFIX_CANDIDATES = 400;
const FUZZY_SHORT_WORD_CANDIDATES = 2000;
/** Words up to this long may be misspelled anywhere but the first letter: no trigram may survive. */
const SHORT_WORD = 6;
/** Corrected words kept per query word. */
const FUZZY_WORDS_PER_QUERY_WORD = 12;
/** A date of birth is rare enough to read every client born that day. */
const MAX_SAME_BIRTH_DATE = 500;

export interface SearchClientsOptions {
  readonly query: string;
  readonly limit: number;
  readonly offset?: number;
  /** Ranks clients of this sex first among equals (does not filter). */
  readonly sex?: ClientSex | undefined;
  /** Ranks clients born that day (then that year) first among equals (does not filter). */
  readonly birthDate?: string | undefined;
}

export interface SearchClientsResult {
  readonly items: ClientSearchItem[];
  /** How many clients match (the pages together hold the first 1,000 of them at most). */
  readonly total: number;
}

const CANDIDATE_COLUMNS = sql.raw(
  'seq, id, last_name, first_name, patronymic, birth_date, birth_year, is_birth_date_estimated, sex, pinfl, phone, region_code, district_code, name_key, name_key_loose, patronymic_key',
);

async function rowsBySeq(db: Queryable, seqs: readonly number[]): Promise<CandidateRow[]> {
  if (seqs.length === 0) return [];
  const result = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active'`.execute(db);
  return result.rows;
}

/** A typed year narrows: estimated years count within two years. */
function yearCondition(year: number | null) {
  return year === null
    ? sql`1 = 1`
    : sql`(birth_year = ${year} OR (is_birth_date_estimated = 1 AND birth_year BETWEEN ${year - 2} AND ${year + 2}))`;
}

/** Matches of an expression (the index holds active clients only), optionally of one birth year. */
async function countMatches(db: Queryable, match: string, year: number | null): Promise<number> {
  const result =
    year === null
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM clients_name_fts WHERE clients_name_fts MATCH ${match}`.execute(db)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM clients
          WHERE seq IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts MATCH ${match}) AND ${yearCondition(year)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

async function matchSeqs(db: Queryable, match: string, year: number | null, limit: number): Promise<number[]> {
  const result =
    year === null
      ? await sql<{ seq: number }>`SELECT rowid AS seq FROM clients_name_fts WHERE clients_name_fts MATCH ${match} LIMIT ${limit}`.execute(db)
      : await sql<{ seq: number }>`SELECT seq FROM clients
          WHERE seq IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts MATCH ${match}) AND ${yearCondition(year)} LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => row.seq);
}

/** The upper bound of a prefix range: '3250' → '3251', 'ab' → 'ac'. */
function prefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}

/**
 * Stored words within edit distance of a query's loose word, closest first (the vocabulary is
 * small: distinct words, not clients). Candidates come from shared trigrams, and from words
 * sharing the first letters: two for long words, one (and about the same length) for short ones,
 * where a slip in the second or third letter leaves no trigram in common ("muasev" for "musaev").
 */
async function correctedWords(db: Queryable, looseWord: string): Promise<string[]> {
  const bound = maxEditDistance(looseWord);
  if (bound === 0) return [];
  const candidates = new Set<string>();
  const grams = trigrams(looseWord);
  if (grams.length > 0) {
    const match = grams.map((g) => `"${g}"`).join(' OR ');
    const byTrigram = await sql<{ word: string }>`SELECT word FROM client_name_words_fts
      WHERE client_name_words_fts MATCH ${match} ORDER BY rank LIMIT ${FUZZY_TRIGRAM_CANDIDATES}`.execute(db);
    for (const row of byTrigram.rows) candidates.add(row.word);
  }
  const isShort = looseWord.length <= SHORT_WORD;
  const start = looseWord.slice(0, isShort ? 1 : 2);
  const byStart = isShort
    ? await sql<{ word: string }>`SELECT word FROM client_name_words WHERE word >= ${start} AND word < ${prefixEnd(start)}
        AND length(word) BETWEEN ${looseWord.length - bound} AND ${looseWord.length + bound} LIMIT ${FUZZY_SHORT_WORD_CANDIDATES}`.execute(db)
    : await sql<{ word: string }>`SELECT word FROM client_name_words WHERE word >= ${start} AND word < ${prefixEnd(start)}
        LIMIT ${FUZZY_PREFIX_CANDIDATES}`.execute(db);
  for (const row of byStart.rows) candidates.add(row.word);
  return [...candidates]
    .map((word) => ({ word, distance: damerauLevenshtein(looseWord, word, bound) }))
    .filter((entry) => entry.distance > 0 && entry.distance <= bound)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, FUZZY_WORDS_PER_QUERY_WORD)
    .map((entry) => entry.word);
}

interface NameMatches {
  readonly seqs: readonly number[];
  readonly total: number;
  /** The widest level used: what `total` counts. */
  readonly match: string;
}

/**
 * The levels described at the top, widened while fewer than WIDEN_BELOW clients match. Each
 * level is read whole when it fits the pool (its size is then its count, and ranking orders it);
 * only a level larger than the pool is counted apart and read level by level, best first.
 */
async function findByName(db: Queryable, words: readonly QueryWord[], year: number | null, pool: number): Promise<NameMatches> {
  const required = words.filter((word) => !word.isOptional);
  const levels = [allOf(required.map(exactMatch)), allOf(required.map((word) => anyNameMatch(word)))];
  let found = await matchSeqs(db, levels[1] ?? '', year, pool + 1);
  if (found.length < WIDEN_BELOW) {
    const corrections = await Promise.all(required.map((word) => correctedWords(db, word.loose)));
    const correctionsOf = (index: number) => corrections[index] ?? [];
    if (corrections.some((list) => list.length > 0)) {
      levels.push(allOf(required.map((word, index) => anyNameMatch(word, correctionsOf(index)))));
      found = await matchSeqs(db, levels.at(-1) ?? '', year, pool + 1);
    }
    // Nobody matches every word: let one go, then two…, the others matching last or first name.
    // (Only then: beside people who match every word, ones who match fewer are noise, and the
    // wide lookup would cost every ordinary search.)
    const mainMatches = required.map((word, index) => mainNameMatch(word, correctionsOf(index)));
    for (let dropped = 1; dropped < required.length && found.length === 0; dropped += 1) {
      const kept = subsets(mainMatches, required.length - dropped).map((subset) => `(${allOf(subset)})`);
      levels.push(`(${levels.at(-1) ?? ''}) OR ${kept.join(' OR ')}`);
      found = await matchSeqs(db, levels.at(-1) ?? '', year, pool + 1);
    }
  }
  const match = levels.at(-1) ?? '';
  if (found.length <= pool) return { seqs: found, total: found.length, match };
  const seqs = new Set<number>();
  for (let i = 0; i < levels.length && seqs.size < pool; i += 1) {
    const level = levels[i] ?? '';
    const onlyNew = i === 0 ? level : `(${level}) NOT (${levels[i - 1] ?? ''})`;
    for (const seq of await matchSeqs(db, onlyNew, year, pool - seqs.size)) seqs.add(seq);
  }
  return { seqs: [...seqs], total: await countMatches(db, match, year), match };
}

/** Phone digits shorter than this are more likely the start of a PINFL than of a number. */
const MIN_PHONE_SEARCH_DIGITS = 4;

async function countRange(db: Queryable, column: 'pinfl' | 'phone', from: string, to: string): Promise<number> {
  // All rows in the range by its index, less the merged ones by theirs (+column keeps SQLite on
  // the small merged index): never a read of every row in the range.
  const all = await sql<{ n: number }>`SELECT count(*) AS n FROM clients WHERE ${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to}`.execute(db);
  const merged = await sql<{ n: number }>`SELECT count(*) AS n FROM clients
    WHERE merged_into_id IS NOT NULL AND +${sql.ref(column)} >= ${from} AND +${sql.ref(column)} < ${to}`.execute(db);
  return Number(all.rows[0]?.n ?? 0) - Number(merged.rows[0]?.n ?? 0);
}

async function findByDigits(db: Queryable, digits: string, pool: number): Promise<{ ranked: Ranked[]; total: number }> {
  const ranked: Ranked[] = [];
  let total = 0;
  const pinfl = cleanPinfl(digits);
  const base = { name: NO_NAME_SCORE, birthAgreement: 0, sexAgreement: 0 };
  if (pinfl.length <= 14) {
    const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
      WHERE pinfl >= ${pinfl} AND pinfl < ${prefixEnd(pinfl)} AND status = 'active' ORDER BY pinfl LIMIT ${pool}`.execute(db);
    for (const row of rows.rows) ranked.push({ ...base, row, matchedBy: 'pinfl', tier: row.pinfl === pinfl ? 0 : 2 });
    total += rows.rows.length < pool ? rows.rows.length : await countRange(db, 'pinfl', pinfl, prefixEnd(pinfl));
  }
  const national = phoneSearchDigits(digits);
  if (national !== null && national.length >= MIN_PHONE_SEARCH_DIGITS && national.length <= 9) {
    const phone = `+998${national}`;
    const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
      WHERE phone >= ${phone} AND phone < ${prefixEnd(phone)} AND status = 'active' ORDER BY phone LIMIT ${pool}`.execute(db);
    const seen = new Set(ranked.map((entry) => entry.row.seq));
    const both = rows.rows.filter((row) => seen.has(row.seq)).length;
    for (const row of rows.rows) ranked.push({ ...base, row, matchedBy: 'phone', tier: row.phone === phone ? 1 : 2 });
    total += (rows.rows.length < pool ? rows.rows.length : await countRange(db, 'phone', phone, prefixEnd(phone))) - both;
  }
  return { ranked, total };
}

async function rowsBornOn(db: Queryable, birthDate: string): Promise<CandidateRow[]> {
  const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE birth_date = ${birthDate} AND status = 'active' LIMIT ${MAX_SAME_BIRTH_DATE}`.execute(db);
  return rows.rows;
}

/** Of these clients, the ones the expression matches. */
async function matchingAmong(db: Queryable, match: string, seqs: readonly number[]): Promise<Set<number>> {
  if (seqs.length === 0) return new Set();
  const result = await sql<{ seq: number }>`SELECT rowid AS seq FROM clients_name_fts
    WHERE clients_name_fts MATCH ${match} AND rowid IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))`.execute(db);
  return new Set(result.rows.map((row) => row.seq));
}

function poolSize(offset: number, limit: number): number {
  return Math.min(MAX_POOL, Math.max(POOL_BLOCK, Math.ceil((offset + limit) / POOL_BLOCK) * POOL_BLOCK));
}

/**
 * Names: the levels' pool (narrowed by a typed year unless nothing is left), with the clients born
 * on a typed date added (ranked by name, so a misspelled name with the right date is found).
 */
async function rankNames(db: Queryable, words: readonly QueryWord[], wanted: TieBreaks, typedYear: number | null, pool: number): Promise<{ ranked: Ranked[]; total: number }> {
  let year = typedYear;
  let found = await findByName(db, words, year, pool);
  if (found.total === 0 && year !== null) {
    year = null;
    found = await findByName(db, words, null, pool);
  }
  const rows = await rowsBySeq(db, found.seqs);
  let total = found.total;
  if (wanted.birthDate !== null) {
    const known = new Set(rows.map((row) => row.seq));
    const born = (await rowsBornOn(db, wanted.birthDate)).filter((row) => !known.has(row.seq) && scoreName(row, words).matched > 0);
    const inTotal = await matchingAmong(db, found.match, born.map((row) => row.seq));
    total += born.filter((row) => !inTotal.has(row.seq)).length;
    rows.push(...born);
  }
  const tieBreaks = { ...wanted, birthYear: wanted.birthYear ?? (year === null ? typedYear : null) };
  const ranked = rows.map((row): Ranked => {
    const name = scoreName(row, words);
    return { row, matchedBy: nameMatchKind(name), tier: 3, name, ...agreement(row, tieBreaks) };
  });
  return { ranked, total };
}

/**
 * Finds clients for a typed query, best match first, one page of them and how many there are.
 * Merged-away records are never returned.
 *
 * @example const { items, total } = await searchClients(db, { query: 'Шухрат Жўраев', limit: 20 });
 */
export async function searchClients(db: Queryable, options: SearchClientsOptions): Promise<SearchClientsResult> {
  const parsed = splitClientQuery(options.query);
  const names = nameQuery(parsed.nameText);
  const offset = options.offset ?? 0;
  const pool = poolSize(offset, options.limit);
  const wanted: TieBreaks = {
    birthDate: parsed.birthDate ?? options.birthDate ?? null,
    birthYear: null,
    sex: options.sex ?? names.sex,
  };
  let found: { ranked: Ranked[]; total: number } = { ranked: [], total: 0 };

  if (names.words.length > 0) {
    found = await rankNames(db, names.words, wanted, parsed.birthYear, pool);
  } else if (parsed.birthDate !== null) {
    const rows = await rowsBornOn(db, parsed.birthDate);
    found = {
      ranked: rows.map((row) => ({ row, matchedBy: 'birthDate', tier: 2, name: NO_NAME_SCORE, ...agreement(row, wanted) })),
      total: rows.length,
    };
  } else if (parsed.digits !== null) {
    found = await findByDigits(db, parsed.digits, pool);
  }

  const seen = new Set<number>();
  const items = found.ranked
    .sort(compareRanked)
    .filter((entry) => (seen.has(entry.row.seq) ? false : (seen.add(entry.row.seq), true)))
    .slice(0, pool)
    .slice(offset, offset + options.limit)
    .map((entry): ClientSearchItem => ({ ...toPossibleDuplicate(entry.row), matchedBy: entry.matchedBy }));
  return { items, total: found.total };
}
