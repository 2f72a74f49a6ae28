import { sql } from 'kysely';
import type { ReadDb } from '../db/handles';
import { damerauLevenshtein, trigrams } from '../uz/names';
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
import { CANDIDATE_COLUMNS, findByDigits, NOTHING_MORE, prefixEnd, type SearchAnswer } from './clients.search-digits';
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
 * last level. When it holds at most a pool of 100, all of it is read and ranked in memory
 * (clients.search-rank.ts); when more match, the best levels are ranked whole while they fit the
 * pool and the rest follow level by level in the order of registration, read a page at a time, so
 * pages never repeat or skip anyone, however far one pages.
 */

type Queryable = ReadDb;

/** At most this many name matches are read and ranked in memory. */
const POOL = 100;
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
  /** What a typed query may match besides names (the caller's view); everything when absent. */
  readonly matchOn?: SearchMatchOn;
}

/** The parts of a query a role may search by: those its view of a client shows. */
export interface SearchMatchOn {
  readonly pinfl: boolean;
  readonly phone: boolean;
  readonly birthDate: boolean;
  readonly birthYear: boolean;
}

const MATCH_EVERYTHING: SearchMatchOn = { pinfl: true, phone: true, birthDate: true, birthYear: true };

export interface SearchClientsResult {
  readonly items: ClientSearchItem[];
  /** How many clients match: offset + limit pages through all of them. */
  readonly total: number;
}

async function rowsBySeq(db: Queryable, seqs: readonly number[]): Promise<CandidateRow[]> {
  if (seqs.length === 0) return [];
  const result = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active'`.execute(db);
  const order = new Map(seqs.map((seq, index) => [seq, index]));
  return result.rows.sort((a, b) => (order.get(a.seq) ?? 0) - (order.get(b.seq) ?? 0));
}

/** What narrows a name lookup besides the expression: a typed year, clients already shown. */
interface Narrowing {
  readonly year: number | null;
  readonly exclude: readonly number[];
}

function narrowing(column: 'rowid' | 'seq', { year, exclude }: Narrowing) {
  const ref = sql.raw(column);
  const excluded = exclude.length === 0 ? sql`1 = 1` : sql`${ref} NOT IN (SELECT value FROM json_each(${JSON.stringify(exclude)}))`;
  // A typed year narrows: estimated years count within two years.
  const inYear =
    year === null ? sql`1 = 1` : sql`(birth_year = ${year} OR (is_birth_date_estimated = 1 AND birth_year BETWEEN ${year - 2} AND ${year + 2}))`;
  return sql`${excluded} AND ${inYear}`;
}

/** Matches of an expression (the index holds active clients only). */
async function countMatches(db: Queryable, match: string, narrow: Narrowing): Promise<number> {
  const result =
    narrow.year === null
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM clients_name_fts WHERE clients_name_fts MATCH ${match} AND ${narrowing('rowid', narrow)}`.execute(db)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM clients
          WHERE seq IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts MATCH ${match}) AND ${narrowing('seq', narrow)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Matches of an expression in the order of registration, `limit` of them from `offset`. */
async function matchSeqs(db: Queryable, match: string, narrow: Narrowing, limit: number, offset = 0): Promise<number[]> {
  const result =
    narrow.year === null
      ? await sql<{ seq: number }>`SELECT rowid AS seq FROM clients_name_fts WHERE clients_name_fts MATCH ${match} AND ${narrowing('rowid', narrow)}
          ORDER BY rowid LIMIT ${limit} OFFSET ${offset}`.execute(db)
      : await sql<{ seq: number }>`SELECT seq FROM clients
          WHERE seq IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts MATCH ${match}) AND ${narrowing('seq', narrow)}
          ORDER BY seq LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return result.rows.map((row) => row.seq);
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

/** A level of matches past the ranked pool, listed in the order of registration. */
interface LaterLevel {
  /** The level's expression, without the clients of the levels before it. */
  readonly match: string;
  readonly count: number;
}

interface NameMatches {
  /** Clients to rank in memory. */
  readonly pool: readonly number[];
  /** Levels after the pool (only when more match than the pool holds). */
  readonly later: readonly LaterLevel[];
  readonly total: number;
}

/**
 * The levels described at the top, widened while fewer than WIDEN_BELOW clients match. A level
 * that fits the pool is read once (its size is then its count); when more match, the levels are
 * counted apart: the best ones whole while they fit the pool, the rest listed after them.
 */
async function findByName(db: Queryable, words: readonly QueryWord[], narrow: Narrowing): Promise<NameMatches> {
  const required = words.filter((word) => !word.isOptional);
  const levels = [allOf(required.map(exactMatch)), allOf(required.map((word) => anyNameMatch(word)))];
  let found = await matchSeqs(db, levels[1] ?? '', narrow, POOL + 1);
  if (found.length < WIDEN_BELOW) {
    const corrections = await Promise.all(required.map((word) => correctedWords(db, word.loose)));
    const correctionsOf = (index: number) => corrections[index] ?? [];
    if (corrections.some((list) => list.length > 0)) {
      levels.push(allOf(required.map((word, index) => anyNameMatch(word, correctionsOf(index)))));
      found = await matchSeqs(db, levels.at(-1) ?? '', narrow, POOL + 1);
    }
    // Nobody matches every word: let one go, then two…, the others matching last or first name.
    // (Only then: beside people who match every word, ones who match fewer are noise, and the
    // wide lookup would cost every ordinary search.)
    const mainMatches = required.map((word, index) => mainNameMatch(word, correctionsOf(index)));
    for (let dropped = 1; dropped < required.length && found.length === 0; dropped += 1) {
      const kept = subsets(mainMatches, required.length - dropped).map((subset) => `(${allOf(subset)})`);
      levels.push(`(${levels.at(-1) ?? ''}) OR ${kept.join(' OR ')}`);
      found = await matchSeqs(db, levels.at(-1) ?? '', narrow, POOL + 1);
    }
  }
  if (found.length <= POOL) return { pool: found, later: [], total: found.length };
  const pool: number[] = [];
  const later: LaterLevel[] = [];
  let total = 0;
  for (let i = 0; i < levels.length; i += 1) {
    const level = levels[i] ?? '';
    const onlyNew = i === 0 ? level : `(${level}) NOT (${levels[i - 1] ?? ''})`;
    const count = await countMatches(db, onlyNew, narrow);
    total += count;
    if (later.length === 0 && pool.length + count <= POOL) pool.push(...(await matchSeqs(db, onlyNew, narrow, POOL)));
    else if (count > 0) later.push({ match: onlyNew, count });
  }
  return { pool, later, total };
}

async function rowsBornOn(db: Queryable, birthDate: string): Promise<CandidateRow[]> {
  const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE birth_date = ${birthDate} AND status = 'active' LIMIT ${MAX_SAME_BIRTH_DATE}`.execute(db);
  return rows.rows;
}

/**
 * Names: the levels (narrowed by a typed year unless nothing is left), with the clients born on a
 * typed date ranked among them, so a misspelled name with the right date is found, and a broad
 * query (one surname) with the date puts the person born that day first.
 */
async function findNames(db: Queryable, words: readonly QueryWord[], wanted: TieBreaks, typedYear: number | null): Promise<SearchAnswer> {
  const born = wanted.birthDate === null ? [] : (await rowsBornOn(db, wanted.birthDate)).filter((row) => scoreName(row, words).matched > 0);
  const exclude = born.map((row) => row.seq);
  let narrow: Narrowing = { year: typedYear, exclude };
  let found = await findByName(db, words, narrow);
  if (found.total === 0 && typedYear !== null) {
    narrow = { year: null, exclude };
    found = await findByName(db, words, narrow);
  }
  // The levels were looked up without the clients born that day: those are all in the pool.
  const total = found.total + born.length;
  const tieBreaks = { ...wanted, birthYear: wanted.birthYear ?? (narrow.year === null ? typedYear : null) };
  const rank = (row: CandidateRow): Ranked => {
    const name = scoreName(row, words);
    return { row, matchedBy: nameMatchKind(name), tier: 3, name, ...agreement(row, tieBreaks) };
  };
  const rest = async (start: number, count: number): Promise<Ranked[]> => {
    const seqs: number[] = [];
    let skip = start;
    for (const level of found.later) {
      if (seqs.length >= count) break;
      if (skip >= level.count) {
        skip -= level.count;
        continue;
      }
      seqs.push(...(await matchSeqs(db, level.match, narrow, count - seqs.length, skip)));
      skip = 0;
    }
    return (await rowsBySeq(db, seqs)).map(rank);
  };
  return { ranked: [...(await rowsBySeq(db, found.pool)), ...born].map(rank), rest, total };
}

function bornOnly(rows: readonly CandidateRow[], wanted: TieBreaks): SearchAnswer {
  const ranked = rows.map((row): Ranked => ({ row, matchedBy: 'birthDate', tier: 2, name: NO_NAME_SCORE, ...agreement(row, wanted) }));
  return { ranked, rest: NOTHING_MORE, total: rows.length };
}

/**
 * Finds clients for a typed query, best match first, one page of them and how many there are.
 * Merged-away records are never returned.
 *
 * @example const { items, total } = await searchClients(db, { query: 'Шухрат Жўраев', limit: 20 });
 */
export async function searchClients(db: Queryable, options: SearchClientsOptions): Promise<SearchClientsResult> {
  const split = splitClientQuery(options.query);
  const matchOn = options.matchOn ?? MATCH_EVERYTHING;
  // A part the caller may not search by is read as not typed.
  const parsed = {
    ...split,
    birthDate: matchOn.birthDate ? split.birthDate : null,
    birthYear: matchOn.birthYear ? split.birthYear : null,
  };
  const names = nameQuery(parsed.nameText);
  const offset = options.offset ?? 0;
  const wanted: TieBreaks = {
    birthDate: parsed.birthDate ?? (matchOn.birthDate ? options.birthDate : undefined) ?? null,
    birthYear: null,
    sex: options.sex ?? names.sex,
  };
  let answer: SearchAnswer = { ranked: [], rest: NOTHING_MORE, total: 0 };
  if (names.words.length > 0) answer = await findNames(db, names.words, wanted, parsed.birthYear);
  else if (parsed.birthDate !== null) answer = bornOnly(await rowsBornOn(db, parsed.birthDate), wanted);
  else if (parsed.digits !== null) answer = await findByDigits(db, parsed.digits, matchOn);

  const seen = new Set<number>();
  const first = [...answer.ranked].sort(compareRanked).filter((entry) => (seen.has(entry.row.seq) ? false : (seen.add(entry.row.seq), true)));
  const page = first.slice(offset, offset + options.limit);
  if (page.length < options.limit && answer.total > first.length) {
    const more = await answer.rest(Math.max(0, offset - first.length), options.limit - page.length);
    page.push(...more.filter((entry) => !seen.has(entry.row.seq)));
  }
  return { items: page.map((entry): ClientSearchItem => ({ ...toPossibleDuplicate(entry.row), matchedBy: entry.matchedBy })), total: answer.total };
}
