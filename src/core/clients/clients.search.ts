import { sql } from 'kysely';
import type { ReadDb } from '../db/handles';

import { damerauLevenshtein, looseMatchKey, nameTokens, trigrams } from '../uz/names';
import { phoneSearchDigits } from '../uz/phone';
import { cleanPinfl } from '../uz/pinfl';
import { toPossibleDuplicate, type ClientSummaryColumns } from './clients.repository';
import type { ClientMatchKind, ClientSearchItem } from './clients.schema';

/**
 * `clients.search`: one box for a name in any script and spelling, a PINFL (whole or prefix), a
 * phone number or a date of birth.
 *
 * Names are found in stages, each a word lookup in `clients_name_fts` (see
 * migrations/0002_clients.ts), and later stages run only while fewer than `limit` candidates are
 * found: (1) every query word equals a word of the strict key, (2) every query word starts a
 * strict word, (3) the same on the loose key, (4) misspellings, only while fewer than ten
 * candidates are found: each query word is corrected against the vocabulary of stored loose
 * words (trigram FTS5 and words sharing the first two letters, then Damerau–Levenshtein on those
 * few hundred words) and the corrected words are looked up. Candidates are then ranked in memory:
 * exact PINFL, phone, strict word matches, prefixes, loose matches, then edit distance.
 */

type Queryable = ReadDb;

/** Candidates fetched per stage, beyond `limit`, so ranking has a little room. */
const CANDIDATE_HEADROOM = 20;
/** Vocabulary words considered per misspelled query word. */
const FUZZY_VOCABULARY_CANDIDATES = 60;
/** Vocabulary words sharing the first two letters considered per misspelled query word. */
const FUZZY_PREFIX_CANDIDATES = 400;
/** Edit distances beyond this rank the same. */
const MAX_RANKED_DISTANCE = 4;
/** Corrected words kept per query word. */
const FUZZY_WORDS_PER_QUERY_WORD = 12;

export interface ParsedClientQuery {
  /** Name words' strict keys, without repeats. */
  readonly words: readonly string[];
  /** All digits typed, when the query has digits and no words besides a year or date. */
  readonly digits: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number | null;
}

const DAY_MONTH_YEAR = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGIT_GROUP = /^[+(]?[\d()\-.]+$/;

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Splits a typed query into name words, digits (PINFL or phone), a date of birth or a birth year.
 *
 * @example parseClientQuery('Шухрат 25.05.1990') // { words: ['shuhrat'], digits: null, birthDate: '1990-05-25', birthYear: null }
 * @example parseClientQuery('+998 90 123-45-67') // { words: [], digits: '998901234567', ... }
 */
export function parseClientQuery(query: string): ParsedClientQuery {
  const nameParts: string[] = [];
  let digits = '';
  let birthDate: string | null = null;
  for (const part of query.normalize('NFC').trim().split(/\s+/)) {
    if (part === '') continue;
    const dmy = DAY_MONTH_YEAR.exec(part);
    const iso = ISO_DATE.exec(part);
    const date = dmy
      ? isoDay(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
      : iso
        ? isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
        : null;
    if (date !== null) {
      birthDate = date;
    } else if (DIGIT_GROUP.test(part)) {
      digits += part.replace(/\D/g, '');
    } else {
      nameParts.push(part);
    }
  }
  const words = nameTokens(nameParts.join(' '));
  // With name words, four digits that look like a year narrow by year of birth.
  if (words.length > 0 && /^(19|20)\d\d$/.test(digits)) {
    return { words, digits: null, birthDate, birthYear: Number(digits) };
  }
  return { words, digits: digits === '' ? null : digits, birthDate, birthYear: null };
}

interface CandidateRow extends ClientSummaryColumns {
  readonly seq: number;
  readonly name_key: string;
  readonly name_key_loose: string;
  readonly dup_key: string;
}

const CANDIDATE_COLUMNS = sql.raw(
  'seq, id, last_name, first_name, patronymic, birth_date, birth_year, is_birth_date_estimated, sex, pinfl, phone, region_code, district_code, name_key, name_key_loose, dup_key',
);

async function rowsBySeq(db: Queryable, seqs: readonly number[]): Promise<CandidateRow[]> {
  if (seqs.length === 0) return [];
  const result = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
    WHERE seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) AND status = 'active'`.execute(db);
  return result.rows;
}

async function ftsSeqs(db: Queryable, match: string, limit: number): Promise<number[]> {
  const result = await sql<{ seq: number }>`SELECT rowid AS seq FROM clients_name_fts
    WHERE clients_name_fts MATCH ${match} LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => row.seq);
}

/** FTS5 expression over one column. Keys hold only a–z, so words need no quoting. */
function allWords(column: 'name_key' | 'name_key_loose', words: readonly string[], asPrefix: boolean): string {
  return `${column} : (${words.map((w) => (asPrefix ? `${w}*` : w)).join(' AND ')})`;
}

/** How far a misspelled word may be from a stored one, by its length. */
function maxEditDistance(word: string): number {
  if (word.length <= 2) return 0;
  if (word.length <= 4) return 1;
  // Folding collapses doubled letters, so one slip ("Umaarova") can cost two edits on the key.
  if (word.length <= 9) return 2;
  return 3;
}

/**
 * Stored loose words within edit distance of a query's loose word, closest first (the vocabulary
 * is small: distinct words, not clients).
 */
async function correctedWords(db: Queryable, looseWord: string): Promise<Array<{ word: string; distance: number }>> {
  const bound = maxEditDistance(looseWord);
  if (bound === 0) return [];
  const candidates = new Set<string>();
  const grams = trigrams(looseWord);
  if (grams.length > 0) {
    const match = grams.map((g) => `"${g}"`).join(' OR ');
    const byTrigram = await sql<{ word: string }>`SELECT word FROM client_name_words_fts
      WHERE client_name_words_fts MATCH ${match} ORDER BY rank LIMIT ${FUZZY_VOCABULARY_CANDIDATES}`.execute(db);
    for (const row of byTrigram.rows) candidates.add(row.word);
  }
  // A slip in a short word can leave no trigram in common ("muasev" for "musaev"); the first two
  // letters are rarely the ones mistyped, so words sharing them are candidates too.
  const start = looseWord.slice(0, 2);
  const byStart = await sql<{ word: string }>`SELECT word FROM client_name_words
    WHERE word >= ${start} AND word < ${prefixEnd(start)} LIMIT ${FUZZY_PREFIX_CANDIDATES}`.execute(db);
  for (const row of byStart.rows) candidates.add(row.word);
  return [...candidates]
    .map((word) => ({ word, distance: damerauLevenshtein(looseWord, word, bound) }))
    .filter((entry) => entry.distance <= bound)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, FUZZY_WORDS_PER_QUERY_WORD);
}

/** A query word in both key forms, with the edit distances to stored words computed so far. */
interface QueryWord {
  readonly strict: string;
  readonly loose: string;
  /** Stored loose word → bounded distance; candidates share words, so each is computed once. */
  readonly distances: Map<string, number>;
}

function queryWords(words: readonly string[]): QueryWord[] {
  return words.map((strict) => ({ strict, loose: looseMatchKey(strict), distances: new Map<string, number>() })).filter((word) => word.loose !== '');
}

/** Below this many exact and prefix candidates, misspellings are looked for as well. */
const FUZZY_BELOW = 10;

async function nameCandidateSeqs(db: Queryable, words: readonly QueryWord[], limit: number, wanted: number): Promise<number[]> {
  const found = new Set<number>();
  const looseWords = [...new Set(words.map((w) => w.loose))];
  const stages = [
    allWords('name_key', words.map((w) => w.strict), false),
    allWords('name_key', words.map((w) => w.strict), true),
    allWords('name_key_loose', looseWords, true),
  ];
  for (const match of stages) {
    for (const seq of await ftsSeqs(db, match, wanted)) found.add(seq);
    if (found.size >= limit) return [...found];
  }
  // Exact and prefix matches already fill a useful page: correcting spelling would only add
  // worse candidates at several more lookups' cost.
  if (found.size >= Math.min(limit, FUZZY_BELOW)) return [...found];
  // Corrections are looked up closest first, one edit distance at a time: each lookup returns
  // rows in storage order, so mixing distances would let far matches crowd out near ones.
  const corrections = await Promise.all(looseWords.map(async (word) => ({ word, corrected: await correctedWords(db, word) })));
  const maxDistance = Math.max(0, ...corrections.flatMap((entry) => entry.corrected.map((c) => c.distance)));
  for (let distance = 1; distance <= maxDistance; distance += 1) {
    const groups = corrections.map(({ word, corrected }) => {
      const options = [`${word}*`, ...corrected.filter((c) => c.distance <= distance).map((c) => c.word)];
      return `(${[...new Set(options)].join(' OR ')})`;
    });
    for (const seq of await ftsSeqs(db, `name_key_loose : (${groups.join(' AND ')})`, wanted)) found.add(seq);
    if (found.size >= limit) break;
  }
  return [...found];
}

interface Ranked {
  readonly row: CandidateRow;
  readonly matchedBy: ClientMatchKind;
  /** Lower is better: 0 PINFL, 1 phone, 2 birth date only, then name tiers 3–7. */
  readonly tier: number;
  readonly distance: number;
  /** Query words found in the last or first name (rather than the patronymic): more is better. */
  readonly mainNameHits: number;
}

/**
 * How well a candidate's name keys match the query words: the worst word decides the tier
 * (3 all exact strict words, 4 strict prefixes, 5 loose exact, 6 loose prefixes, 7 misspelled).
 */
/** The smallest bounded edit distance from a query word to any of the stored words. */
function closest(word: QueryWord, stored: readonly string[]): number {
  let best = MAX_RANKED_DISTANCE;
  for (const candidate of stored) {
    let known = word.distances.get(candidate);
    if (known === undefined) {
      known = damerauLevenshtein(word.loose, candidate, MAX_RANKED_DISTANCE);
      word.distances.set(candidate, known);
    }
    best = Math.min(best, known);
  }
  return best;
}

function rankName(row: CandidateRow, words: readonly QueryWord[]): { tier: number; distance: number; mainNameHits: number } {
  const strict = row.name_key.split(' ');
  const loose = row.name_key_loose.split(' ');
  const main = row.dup_key.split(' ');
  let tier = 3;
  let distance = 0;
  let mainNameHits = 0;
  for (const word of words) {
    let wordTier: number;
    if (strict.includes(word.strict)) wordTier = 3;
    else if (strict.some((s) => s.startsWith(word.strict))) wordTier = 4;
    else if (loose.includes(word.loose)) wordTier = 5;
    else if (loose.some((s) => s.startsWith(word.loose))) wordTier = 6;
    else wordTier = 7;
    if (wordTier === 7) {
      const best = closest(word, loose);
      distance += best;
      // The word is "in the main name" when last or first name is as close as any word.
      if (closest(word, main) === best) mainNameHits += 1;
    } else if (main.some((m) => m.startsWith(word.loose))) {
      mainNameHits += 1;
    }
    tier = Math.max(tier, wordTier);
  }
  return { tier, distance, mainNameHits };
}

function toItem(ranked: Ranked): ClientSearchItem {
  return { ...toPossibleDuplicate(ranked.row), matchedBy: ranked.matchedBy };
}

/** The upper bound of a prefix range: '3250' → '3251' (digits only). */
function prefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}

/** Phone digits shorter than this are more likely the start of a PINFL than of a number. */
const MIN_PHONE_SEARCH_DIGITS = 4;

async function digitCandidates(db: Queryable, digits: string, wanted: number): Promise<Ranked[]> {
  const ranked: Ranked[] = [];
  const pinfl = cleanPinfl(digits);
  if (pinfl.length <= 14) {
    const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
      WHERE pinfl >= ${pinfl} AND pinfl < ${prefixEnd(pinfl)} AND status = 'active' ORDER BY pinfl LIMIT ${wanted}`.execute(db);
    for (const row of rows.rows) {
      ranked.push({ row, matchedBy: 'pinfl', tier: row.pinfl === pinfl ? 0 : 2, distance: 0, mainNameHits: 0 });
    }
  }
  const national = phoneSearchDigits(digits);
  if (national !== null && national.length >= MIN_PHONE_SEARCH_DIGITS && national.length <= 9) {
    const phone = `+998${national}`;
    const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
      WHERE phone >= ${phone} AND phone < ${prefixEnd(phone)} AND status = 'active' ORDER BY phone LIMIT ${wanted}`.execute(db);
    for (const row of rows.rows) {
      ranked.push({ row, matchedBy: 'phone', tier: row.phone === phone ? 1 : 2, distance: 0, mainNameHits: 0 });
    }
  }
  return ranked;
}

function compareRanked(a: Ranked, b: Ranked): number {
  return (
    a.tier - b.tier ||
    a.distance - b.distance ||
    b.mainNameHits - a.mainNameHits ||
    a.row.last_name.localeCompare(b.row.last_name) ||
    a.row.first_name.localeCompare(b.row.first_name) ||
    a.row.seq - b.row.seq
  );
}

/**
 * Finds clients for a typed query, best match first. Merged-away records are never returned.
 *
 * @example const items = await searchClients(db, 'Шухрат Жўраев', 20);
 */
export async function searchClients(db: Queryable, query: string, limit: number): Promise<ClientSearchItem[]> {
  const parsed = parseClientQuery(query);
  const words = queryWords(parsed.words);
  const wanted = limit + CANDIDATE_HEADROOM;
  let ranked: Ranked[] = [];

  if (parsed.birthDate !== null) {
    // A date of birth is rare enough (a few dozen clients a day at most) to fetch first and rank by name.
    const rows = await sql<CandidateRow>`SELECT ${CANDIDATE_COLUMNS} FROM clients
      WHERE birth_date = ${parsed.birthDate} AND status = 'active' LIMIT 500`.execute(db);
    ranked = rows.rows.map((row) =>
      words.length === 0
        ? { row, matchedBy: 'birthDate' as const, tier: 2, distance: 0, mainNameHits: 0 }
        : { row, matchedBy: 'name' as const, ...rankName(row, words) },
    );
  } else if (words.length > 0) {
    const seqs = await nameCandidateSeqs(db, words, limit, wanted);
    ranked = (await rowsBySeq(db, seqs))
      .filter((row) => parsed.birthYear === null || Math.abs(row.birth_year - parsed.birthYear) <= (row.is_birth_date_estimated ? 2 : 0))
      .map((row) => {
        const score = rankName(row, words);
        return { row, matchedBy: score.tier === 7 ? ('similarName' as const) : ('name' as const), ...score };
      });
  } else if (parsed.digits !== null) {
    ranked = await digitCandidates(db, parsed.digits, wanted);
  }

  const seen = new Set<number>();
  return ranked
    .sort(compareRanked)
    .filter((entry) => (seen.has(entry.row.seq) ? false : (seen.add(entry.row.seq), true)))
    .slice(0, limit)
    .map(toItem);
}
