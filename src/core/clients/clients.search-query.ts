import { nameTokens, unsignedOkinaVariants, wordKeys } from '../uz/names';
import { fatherStem, markerSex, readPatronymicWord, splitGluedMarker, type PatronymicSex } from '../uz/patronymic';

/**
 * Reading a typed search query: which parts are name words, digits (a PINFL or phone), a date of
 * birth or a year; and for the name words, the FTS5 expressions of clients.search.ts. Pure.
 */

export interface ParsedClientQuery {
  /** Name words' strict keys, sorted, without repeats. */
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

/** A query split into its parts, the name part still as typed (word order matters to patronymics). */
export interface SplitClientQuery extends ParsedClientQuery {
  readonly nameText: string;
}

/**
 * Splits a typed query into name text, digits, a date of birth or a birth year.
 *
 * @example splitClientQuery('Akmal oʻgʻli 1990').nameText // 'Akmal oʻgʻli'
 */
export function splitClientQuery(query: string): SplitClientQuery {
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
  const nameText = nameParts.join(' ');
  const words = nameTokens(nameText);
  // With name words, four digits that look like a year narrow by year of birth.
  if (words.length > 0 && /^(19|20)\d\d$/.test(digits)) {
    return { nameText, words, digits: null, birthDate, birthYear: Number(digits) };
  }
  return { nameText, words, digits: digits === '' ? null : digits, birthDate, birthYear: null };
}

/**
 * Splits a typed query into name words, digits (PINFL or phone), a date of birth or a birth year.
 *
 * @example parseClientQuery('Шухрат 25.05.1990') // { words: ['shuhrat'], digits: null, birthDate: '1990-05-25', birthYear: null }
 * @example parseClientQuery('+998 90 123-45-67') // { words: [], digits: '998901234567', ... }
 */
export function parseClientQuery(query: string): ParsedClientQuery {
  const { words, digits, birthDate, birthYear } = splitClientQuery(query);
  return { words, digits, birthDate, birthYear };
}

/** One name word of a query, in every form it is matched by. */
export interface QueryWord {
  readonly strict: string;
  readonly loose: string;
  /** Loose keys with some o's read as an oʻ typed without its sign (Jora → jura). */
  readonly unsigned: readonly string[];
  /** The father's-name stem, matched against patronymics (Akmalovich, Akmal → akmal). */
  readonly stem: string;
  /** Typed as a patronymic: a marker after it ("Akmal oʻgʻli"), or a -ovich / -ovna ending. */
  readonly isPatronymic: boolean;
  /**
   * A patronymic beside other words: it ranks, but never removes a person, since many records
   * carry no patronymic, or one in the other style.
   */
  readonly isOptional: boolean;
  /** Memo of bounded edit distances ("form stored" → distance); candidates share words. */
  readonly distances: Map<string, number>;
}

export interface NameQuery {
  readonly words: readonly QueryWord[];
  /** The sex a patronymic marker or ending in the query tells (oʻgʻli, -ovich: male; qizi, -ovna: female). */
  readonly sex: PatronymicSex | null;
}

/** More name words than this are not looked up (the rest still rank nothing). */
const MAX_QUERY_WORDS = 6;

/**
 * The name words of a query with their patronymic reading: "Akmal oʻgʻli", "Akmalovich" and
 * "Акмал ўғли" each give one optional word with stem "akmal"; a marker word itself is not looked up.
 *
 * @example nameQuery('Karimov Aziz Akmal oʻgʻli').words.map((w) => [w.strict, w.isOptional])
 * // [['karimov', false], ['aziz', false], ['akmal', true]]
 */
export function nameQuery(nameText: string): NameQuery {
  interface Draft {
    strict: string;
    loose: string;
    father: string;
    isPatronymic: boolean;
  }
  const drafts: Draft[] = [];
  let sex: PatronymicSex | null = null;
  for (const key of wordKeys(nameText)) {
    const marker = markerSex(key.strict);
    if (marker !== null) {
      sex ??= marker;
      const previous = drafts.at(-1);
      if (previous !== undefined) previous.isPatronymic = true;
      continue;
    }
    const glued = splitGluedMarker(key.strict);
    const read = glued === null ? readPatronymicWord(key.strict) : { ...glued, isStrong: true };
    if (read.isStrong) sex ??= read.sex;
    const same = drafts.find((draft) => draft.strict === key.strict);
    if (same !== undefined) continue;
    drafts.push({ strict: key.strict, loose: key.loose, father: read.isStrong ? read.father : key.strict, isPatronymic: read.isStrong });
  }
  const kept = drafts.slice(0, MAX_QUERY_WORDS);
  const hasRequired = kept.some((draft) => !draft.isPatronymic);
  return {
    sex,
    words: kept.map((draft) => ({
      strict: draft.strict,
      loose: draft.loose,
      unsigned: unsignedOkinaVariants(draft.strict),
      stem: fatherStem(draft.father),
      isPatronymic: draft.isPatronymic,
      isOptional: draft.isPatronymic && hasRequired,
      distances: new Map<string, number>(),
    })),
  };
}

// FTS5 expressions. Keys hold only a–z, so words need no quoting, and lower-case words are never
// FTS5 operators (those are AND, OR, NOT, NEAR in capitals).

const prefixes = (forms: readonly string[]) => forms.map((form) => `${form}*`).join(' OR ');
const looseForms = (word: QueryWord) => [word.loose, ...word.unsigned];

/** The word as a whole word of the name, or its father's-name stem as a patronymic. */
export function exactMatch(word: QueryWord): string {
  return `(name_key : ${word.strict} OR patronymic_key : ${word.stem})`;
}

/** The word as the start of a word of last or first name, strict or loose, with or without oʻ. */
export function mainNameMatch(word: QueryWord, corrections: readonly string[] = []): string {
  const loose = [prefixes(looseForms(word)), ...corrections].join(' OR ');
  return `(name_key : ${word.strict}* OR name_key_loose : (${loose}))`;
}

/**
 * Anything the word may match: the name's words by prefix, the patronymic by stem or prefix. The
 * loose forms are looked up once for both columns: each prefix costs a scan of the index's terms.
 */
export function anyNameMatch(word: QueryWord, corrections: readonly string[] = []): string {
  const loose = [prefixes(looseForms(word)), ...corrections].join(' OR ');
  return `(name_key : ${word.strict}* OR {name_key_loose patronymic_key} : (${loose}) OR patronymic_key : ${word.stem})`;
}

export const allOf = (groups: readonly string[]) => groups.join(' AND ');

/**
 * Every choice of `size` of the items, in order.
 *
 * @example subsets(['a', 'b', 'c'], 2) // [['a', 'b'], ['a', 'c'], ['b', 'c']]
 */
export function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  if (first === undefined) return [];
  return [...subsets(rest, size - 1).map((subset) => [first, ...subset]), ...subsets(rest, size)];
}
