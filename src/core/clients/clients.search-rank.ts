import { damerauLevenshtein } from '../uz/names';
import type { ClientSummaryColumns } from './clients.repository';
import type { ClientMatchKind, ClientSex } from './clients.schema';
import type { QueryWord } from './clients.search-query';

/**
 * How well one found client answers the query, and the order of the answers. Pure.
 *
 * Order: fewer query words that match nothing (a patronymic typed beside a name, for a record
 * without one, counts as neither a match nor a miss; a different patronymic is a miss); more words
 * found in their own place, which is last and first name for a name and the patronymic for a word
 * typed as one ("Akmalovich", "Akmal oʻgʻli"); the worst word's quality (3 exact strict word,
 * 4 strict prefix, 5 exact loose word, 6 exact with an oʻ typed without its sign, 7 loose prefix,
 * 8 misspelled); then a patronymic typed beside the name and found; then the edit distances; then
 * the date of birth and the sex typed or passed; then last name, first name, order of registration.
 * The patronymic beside a name comes after the name's own quality: an exact "Karimov Aziz" with no
 * patronymic on record ranks above a misspelled "Karimov Aziz" whose patronymic matches.
 */

export interface CandidateRow extends ClientSummaryColumns {
  readonly seq: number;
  readonly name_key: string;
  readonly name_key_loose: string;
  readonly patronymic_key: string;
}

export interface NameScore {
  readonly misses: number;
  /** Words found in their own place: last or first name, or the patronymic for one typed as such. */
  readonly placeHits: number;
  /** Words found at all (a patronymic typed beside the name not counted). */
  readonly matched: number;
  /** Patronymics typed beside the name that the record's patronymic matches. */
  readonly patronymicHits: number;
  readonly quality: number;
  readonly distance: number;
}

export const NO_NAME_SCORE: NameScore = { misses: 0, placeHits: 0, matched: 0, patronymicHits: 0, quality: 3, distance: 0 };

/** Edit distances beyond this rank the same. */
const MAX_RANKED_DISTANCE = 4;
const NO_MATCH = 99;

/**
 * How far a misspelled word may be from a stored one, by its length.
 *
 * @example maxEditDistance('jura') // 1
 */
export function maxEditDistance(word: string): number {
  if (word.length <= 2) return 0;
  if (word.length <= 4) return 1;
  // Folding collapses doubled letters, so one slip ("Umaarova") can cost two edits on the key.
  if (word.length <= 9) return 2;
  return 3;
}

/** The smallest bounded edit distance from one of a query word's forms to any stored word. */
function closest(word: QueryWord, forms: readonly string[], stored: readonly string[]): number {
  let best = MAX_RANKED_DISTANCE;
  for (const form of forms) {
    for (const candidate of stored) {
      const memoKey = `${form} ${candidate}`;
      let known = word.distances.get(memoKey);
      if (known === undefined) {
        known = damerauLevenshtein(form, candidate, MAX_RANKED_DISTANCE);
        word.distances.set(memoKey, known);
      }
      if (known < best) best = known;
    }
  }
  return best;
}

interface WordMatch {
  readonly quality: number;
  readonly distance: number;
}

const NONE: WordMatch = { quality: NO_MATCH, distance: 0 };

function inMainName(word: QueryWord, strict: readonly string[], loose: readonly string[]): WordMatch {
  if (strict.includes(word.strict)) return { quality: 3, distance: 0 };
  if (strict.some((s) => s.startsWith(word.strict))) return { quality: 4, distance: 0 };
  // A word typed as a patronymic (-ovich) is the last or first name only when spelled the same.
  if (word.isPatronymic) return NONE;
  if (loose.includes(word.loose)) return { quality: 5, distance: 0 };
  if (word.unsigned.some((form) => loose.includes(form))) return { quality: 6, distance: 0 };
  const forms = [word.loose, ...word.unsigned];
  if (forms.some((form) => loose.some((s) => s.startsWith(form)))) return { quality: 7, distance: 0 };
  const distance = closest(word, forms, loose);
  return distance <= maxEditDistance(word.loose) ? { quality: 8, distance } : NONE;
}

function inPatronymic(word: QueryWord, tokens: readonly string[]): WordMatch {
  if (tokens.length === 0) return NONE;
  if (tokens.includes(word.stem)) return { quality: 3, distance: 0 };
  const forms = [word.loose, ...word.unsigned];
  if (forms.some((form) => tokens.some((token) => token.startsWith(form)))) return { quality: 7, distance: 0 };
  const distance = closest(word, [word.stem, ...forms], tokens);
  return distance <= maxEditDistance(word.stem) ? { quality: 8, distance } : NONE;
}

const words = (key: string) => (key === '' ? [] : key.split(' '));

/**
 * Scores a candidate's name against the query words.
 *
 * @example scoreName(row, nameQuery('Karimov Aziz Akmalovich').words).misses // 0 for Karimov Aziz, patronymic or none
 */
export function scoreName(row: CandidateRow, queryWords: readonly QueryWord[]): NameScore {
  const strict = words(row.name_key);
  const loose = words(row.name_key_loose);
  const patronymic = words(row.patronymic_key);
  let misses = 0;
  let placeHits = 0;
  let matched = 0;
  let patronymicHits = 0;
  let quality = 3;
  let distance = 0;
  for (const word of queryWords) {
    const main = inMainName(word, strict, loose);
    const father = inPatronymic(word, patronymic);
    const isMainFirst = word.isPatronymic ? main.quality < father.quality : main.quality <= father.quality;
    const best = isMainFirst ? main : father;
    if (best.quality === NO_MATCH) {
      if (!(word.isOptional && patronymic.length === 0)) misses += 1;
      continue;
    }
    if (word.isOptional) {
      patronymicHits += 1;
      continue;
    }
    matched += 1;
    if (isMainFirst !== word.isPatronymic) placeHits += 1;
    quality = Math.max(quality, best.quality);
    distance += best.distance;
  }
  return { misses, placeHits, matched, patronymicHits, quality, distance };
}

/** What the receptionist typed or passed besides the name, to break ties with. */
export interface TieBreaks {
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly sex: ClientSex | null;
}

export interface Ranked {
  readonly row: CandidateRow;
  readonly matchedBy: ClientMatchKind;
  /** 0 exact PINFL, 1 exact phone, 2 PINFL or phone prefix or birth date only, 3 a name. */
  readonly tier: number;
  readonly name: NameScore;
  /** 2 the date of birth typed, 1 its year, 0 neither (or nothing typed). */
  readonly birthAgreement: number;
  readonly sexAgreement: number;
}

/** Birth and sex agreement of a row with what was typed. */
export function agreement(row: CandidateRow, wanted: TieBreaks): Pick<Ranked, 'birthAgreement' | 'sexAgreement'> {
  const year = wanted.birthDate !== null ? Number(wanted.birthDate.slice(0, 4)) : wanted.birthYear;
  let birthAgreement = 0;
  if (wanted.birthDate !== null && row.birth_date === wanted.birthDate) birthAgreement = 2;
  else if (year !== null && Math.abs(row.birth_year - year) <= (row.is_birth_date_estimated === 1 ? 2 : 0)) birthAgreement = 1;
  return { birthAgreement, sexAgreement: wanted.sex !== null && row.sex === wanted.sex ? 1 : 0 };
}

/** A name match, or a near one when a word was misspelled or matched nothing. */
export function nameMatchKind(score: NameScore): ClientMatchKind {
  return score.quality === 8 || score.misses > 0 ? 'similarName' : 'name';
}

export function compareRanked(a: Ranked, b: Ranked): number {
  return (
    a.tier - b.tier ||
    a.name.misses - b.name.misses ||
    b.name.placeHits - a.name.placeHits ||
    b.name.matched - a.name.matched ||
    a.name.quality - b.name.quality ||
    b.name.patronymicHits - a.name.patronymicHits ||
    a.name.distance - b.name.distance ||
    b.birthAgreement - a.birthAgreement ||
    b.sexAgreement - a.sexAgreement ||
    a.row.last_name.localeCompare(b.row.last_name) ||
    a.row.first_name.localeCompare(b.row.first_name) ||
    a.row.seq - b.row.seq
  );
}
