/**
 * Match keys for people's names typed in any script and any of the usual spellings, so one
 * search box finds "Shuxrat Joʻrayev" typed as `Шухрат Жўраев`, `Shukhrat Djuraev`,
 * `SHUHRAT JURAEV`, `Жураев Шухрат` or `shuxrat jo'rayev`.
 *
 * Two keys, both plain ASCII a–z words separated by single spaces:
 *
 * - the strict key (`nameMatchKey`): Cyrillic transliterated to Latin; lower case; diacritics
 *   removed; oʻ → u and gʻ → g with any apostrophe kind; every other apostrophe dropped; hyphens
 *   join ("Abdul-Aziz" = "Abdulaziz"); then per word dzh/dj/zh → j, shch → sh, kh/x → h, q → k,
 *   ts → s, w → v, "ye" → "e" at the start of a word and after a vowel (Jurayev = Juraev,
 *   Yelena = Elena), doubled letters collapsed (Muhammad = Muhamad). Used for duplicates
 *   (same key and same date of birth) and for ranking.
 * - the loose key (`looseMatchKey`): the strict key, then o → a (Oybek = Aybek, Gʻulom ≈ Gulyam),
 *   "iy" before a vowel → "i" (Mariya = Maria), a "y" between a consonant and a vowel dropped
 *   (Gulyam = Gulam), any other "y" not before a vowel → "i" (Kadyrov = Kadirov, Aybek = Aibek),
 *   doubled letters collapsed again. Used for finding.
 *
 * ## Indexing with FTS5 (the clients repository owns the SQL)
 *
 * Store `nameSearchKeys(fullName)` per client: `strict` and `loose` are the sorted word keys
 * joined by spaces (word order does not matter). Index `loose` in an FTS5 table with
 * `tokenize='trigram'`. For a query, `ftsMatchQuery(query)` gives an AND of quoted words (every
 * word of the query must occur as a substring of the stored loose key: this also makes prefixes
 * work); when it returns null (every word shorter than 3 letters, which trigrams cannot see) fall
 * back to `LIKE` on the key. For misspellings, `ftsFuzzyQuery(query)` gives an OR of the query's
 * trigrams to fetch candidates; rank them with `nameDistance`. Keys contain only a–z and spaces,
 * so the expressions need no escaping beyond the double quotes they carry.
 */
import { damerauLevenshtein } from './edit-distance';
import { APOSTROPHES } from './transliterate';

export { damerauLevenshtein } from './edit-distance';
export { toCyrillic, toLatin } from './transliterate';

/** Cyrillic to Latin for keys: lower case only; ў, ғ, ҳ, х, қ, ц already in their folded form. */
const CYRILLIC_KEY: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h',
  ц: 's', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ў: 'u', қ: 'k', ғ: 'g', ҳ: 'h', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

const CYRILLIC_KEY_VOWELS = new Set('аеёиоуыэюяўєї');

/** Latin letters whose diacritic carries a sound the folding keeps (Turkish-style typing). */
const LATIN_SPECIAL: Readonly<Record<string, string>> = { ş: 'sh', ç: 'ch', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o' };

const APOSTROPHE_CLASS = `[${APOSTROPHES.replace(/[\]\\^-]/g, '\\$&')}]`;
const O_OKINA = new RegExp(`o${APOSTROPHE_CLASS}`, 'g');
const G_OKINA = new RegExp(`g${APOSTROPHE_CLASS}`, 'g');
const ANY_APOSTROPHE = new RegExp(APOSTROPHE_CLASS, 'g');

/** Lower-case, transliterated, diacritic-free text with apostrophes resolved; words kept apart. */
function latinWords(text: string): string[] {
  const chars = Array.from(text.normalize('NFC').toLowerCase());
  let latin = '';
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i] ?? '';
    if (ch === 'е') {
      const prev = chars[i - 1];
      const isIotated = prev === undefined || !/\p{L}/u.test(prev) || CYRILLIC_KEY_VOWELS.has(prev) || prev === 'ъ' || prev === 'ь';
      latin += isIotated ? 'ye' : 'e';
    } else {
      latin += CYRILLIC_KEY[ch] ?? LATIN_SPECIAL[ch] ?? ch;
    }
  }
  const folded = latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(O_OKINA, 'u')
    .replace(G_OKINA, 'g')
    .replace(ANY_APOSTROPHE, '')
    .replace(/[-\u2010-\u2015\u2212]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

/** Per-word spelling folds of the strict key (see the module comment). */
function strictWord(word: string): string {
  return word
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/shch/g, 'sh')
    .replace(/kh|x/g, 'h')
    .replace(/q/g, 'k')
    .replace(/ts/g, 's')
    .replace(/w/g, 'v')
    .replace(/^ye/, 'e')
    .replace(/([aeiou])ye/g, '$1e')
    .replace(/(.)\1+/g, '$1');
}

/** Per-word folds of the loose key, applied to a strict word. */
function looseWord(strict: string): string {
  return strict
    .replace(/o/g, 'a')
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/([^aeiouy])y(?=[aeiou])/g, '$1')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/**
 * The strict match key of a name or any text, words in their typed order.
 *
 * @example nameMatchKey('Shuxrat Joʻrayev') // 'shuhrat juraev'
 * @example nameMatchKey('Шухрат Жўраев') // 'shuhrat juraev'
 * @example nameMatchKey('Shukhrat Djuraev') // 'shuhrat juraev'
 */
export function nameMatchKey(text: string): string {
  return latinWords(text).map(strictWord).filter((w) => w !== '').join(' ');
}

/**
 * The loose match key: the strict key with vowel and "y" variance folded as well.
 *
 * @example looseMatchKey('Gʻulomov Oybek') // 'gulamav aibek'
 * @example looseMatchKey('Гулямов Айбек') // 'gulamav aibek'
 */
export function looseMatchKey(text: string): string {
  return latinWords(text)
    .map((w) => looseWord(strictWord(w)))
    .filter((w) => w !== '')
    .join(' ');
}

function sortedUnique(words: readonly string[]): string[] {
  return [...new Set(words)].sort();
}

/**
 * The strict keys of each word of a full name, sorted and without repeats, so word order
 * does not matter ("Жураев Шухрат" = "Shuxrat Joʻrayev").
 *
 * @example nameTokens('Жураев Шухрат') // ['juraev', 'shuhrat']
 */
export function nameTokens(fullName: string): string[] {
  return sortedUnique(nameMatchKey(fullName).split(' ').filter((w) => w !== ''));
}

/**
 * The loose keys of each word, sorted and without repeats.
 *
 * @example looseTokens('Shoira Qodirova') // ['kadirava', 'shaira']
 */
export function looseTokens(fullName: string): string[] {
  return sortedUnique(looseMatchKey(fullName).split(' ').filter((w) => w !== ''));
}

/** What to store per client for search and duplicate detection. */
export interface NameSearchKeys {
  /** Sorted strict word keys joined by one space: equal for the same name in any order and script. */
  readonly strict: string;
  /** Sorted loose word keys joined by one space: the column the FTS5 trigram index covers. */
  readonly loose: string;
}

/**
 * The keys to store for a client's full name (last, first and patronymic joined by spaces).
 *
 * @example nameSearchKeys('Joʻrayev Shuxrat Olimovich')
 * // { strict: 'juraev olimovich shuhrat', loose: 'alimavich juraev shuhrat' }
 */
export function nameSearchKeys(fullName: string): NameSearchKeys {
  return { strict: nameTokens(fullName).join(' '), loose: looseTokens(fullName).join(' ') };
}

/** Trigram phrases shorter than 3 letters match nothing in FTS5. */
const TRIGRAM_MIN = 3;

/**
 * An FTS5 MATCH expression for a typed query over the loose-key column: every word of 3 or more
 * letters must occur (as a substring, so prefixes work). Null when no word is long enough.
 *
 * @example ftsMatchQuery('Шухрат Жўр') // '"jur" AND "shuhrat"'
 */
export function ftsMatchQuery(query: string): string | null {
  const words = looseTokens(query).filter((w) => w.length >= TRIGRAM_MIN);
  return words.length === 0 ? null : words.map((w) => `"${w}"`).join(' AND ');
}

/**
 * The distinct trigrams of a word, in order of first appearance.
 *
 * @example trigrams('juraev') // ['jur', 'ura', 'rae', 'aev']
 */
export function trigrams(word: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + TRIGRAM_MIN <= word.length; i += 1) grams.push(word.slice(i, i + TRIGRAM_MIN));
  return [...new Set(grams)];
}

/**
 * An FTS5 MATCH expression that fetches candidates for a misspelled query: any trigram of any
 * word. Null when no word has 3 letters. Rank what it returns with `nameDistance`.
 *
 * @example ftsFuzzyQuery('Shuhrta') // '"shu" OR "huh" OR "uhr" OR "hrt" OR "rta"'
 */
export function ftsFuzzyQuery(query: string): string | null {
  const grams = [...new Set(looseTokens(query).flatMap(trigrams))];
  return grams.length === 0 ? null : grams.map((g) => `"${g}"`).join(' OR ');
}

/**
 * How far a stored name is from a query, for ranking: each query word is matched with its
 * closest stored word (a stored word that starts with the query word counts as 0, so a prefix
 * typed so far ranks first), and the per-word distances, capped at `maxPerWord + 1`, are summed.
 * Both sides are compared by loose keys.
 *
 * @example nameDistance('Shuhrta Juraev', 'Joʻrayev Shuxrat') // 1
 * @example nameDistance('Shuxrat', 'Joʻrayev Shuxrat Olimovich') // 0
 */
export function nameDistance(query: string, candidate: string, maxPerWord = 3): number {
  const candidateWords = looseTokens(candidate);
  let total = 0;
  for (const word of looseTokens(query)) {
    let best = maxPerWord + 1;
    for (const stored of candidateWords) {
      const distance = stored.startsWith(word) ? 0 : damerauLevenshtein(word, stored, Math.min(best - 1, maxPerWord));
      if (distance < best) best = distance;
      if (best === 0) break;
    }
    total += best;
  }
  return total;
}
