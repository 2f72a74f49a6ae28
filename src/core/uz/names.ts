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
 *   "huj" → "haj" (Xoʻjayev = Ходжаев),
 *   "iy" before a vowel → "i" (Mariya = Maria), a "y" between a consonant and a vowel dropped
 *   (Gulyam = Gulam), any other "y" not before a vowel → "i" (Kadyrov = Kadirov, Aybek = Aibek),
 *   doubled letters collapsed again. Used for finding.
 *
 * Properties the search index relies on: both keys are plain ASCII a–z words separated by single
 * spaces (safe inside an FTS5 expression without quoting, and tokenized the same by unicode61 and
 * trigram); every fold is applied until stable, so a key folded again is the same key
 * (`nameMatchKey(nameMatchKey(x)) === nameMatchKey(x)`, `looseMatchKey(nameMatchKey(x)) ===
 * looseMatchKey(x)`); a name in Uzbek Cyrillic and its Latin spelling (`toLatin`) give the same
 * keys. The clients repository stores the sorted word keys of last and first name, and the
 * patronymic folded by ./patronymic.ts, and indexes the words (see migrations/0004_search_keys.ts
 * and src/core/clients/clients.search.ts); `wordKeys` gives a query's words in typed order,
 * `unsignedOkinaVariants` its o's read as oʻ typed without the sign; `trigrams` and
 * `damerauLevenshtein` serve the misspelling stage, `nameDistance` any ranking by closeness.
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

/** Applies a fold until nothing changes, so a key folded again stays the same key. */
function untilStable(word: string, fold: (w: string) => string): string {
  let current = word;
  for (let i = 0; i < 4; i += 1) {
    const next = fold(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

const STRICT_TRIGGER = /[qxw]|(.)\1|dzh|dj|zh|shch|kh|ts|^ye|[aeiou]ye/;

/**
 * One pass of the strict key's per-word folds (see the module comment). q and x fold first, so
 * Latin "Sodiqxon" (q+x) and Cyrillic "Содиқхон" (қ+х) both reach "kh" and then "h".
 */
function strictPass(word: string): string {
  // Most words need none of the folds; one test is far cheaper than eleven replaces.
  if (!STRICT_TRIGGER.test(word)) return word;
  return word
    .replace(/q/g, 'k')
    .replace(/x/g, 'h')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/shch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/ts/g, 's')
    .replace(/^ye/, 'e')
    .replace(/([aeiou])ye/g, '$1e')
    .replace(/(.)\1+/g, '$1');
}

function strictWord(word: string): string {
  return untilStable(word, strictPass);
}

const LOOSE_TRIGGER = /o|huj|iy[aeiou]|[^aeiouy]y[aeiou]|y(?![aeiou])|(.)\1/;

/** One pass of the loose key's per-word folds, applied to a strict word. */
function loosePass(strict: string): string {
  if (!LOOSE_TRIGGER.test(strict)) return strict;
  return strict
    .replace(/o/g, 'a')
    // Хўжа is written Ходжа in Russian spellings (Xoʻjayev = Ходжаев): ў there became о, not у.
    .replace(/huj/g, 'haj')
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/([^aeiouy])y(?=[aeiou])/g, '$1')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

function looseFold(strict: string): string {
  return untilStable(strict, (w) => strictPass(loosePass(w)));
}

/**
 * Folded forms of words already seen. Names repeat heavily (a few thousand distinct words cover
 * most people), and search ranking refolds the same query words for every candidate, so a
 * bounded memo of this pure function saves most of the work. Cleared whole when full.
 */
const FOLD_MEMO = new Map<string, { readonly strict: string; readonly loose: string }>();
const FOLD_MEMO_LIMIT = 50_000;

function foldWord(latin: string): { readonly strict: string; readonly loose: string } {
  const known = FOLD_MEMO.get(latin);
  if (known !== undefined) return known;
  const strict = strictWord(latin);
  const folded = { strict, loose: looseFold(strict) };
  if (FOLD_MEMO.size >= FOLD_MEMO_LIMIT) FOLD_MEMO.clear();
  FOLD_MEMO.set(latin, folded);
  return folded;
}

/** One word of a name in both key forms. */
export interface WordKey {
  readonly strict: string;
  readonly loose: string;
}

/**
 * The keys of each word of a text, in typed order, repeats kept (patronymic markers such as
 * "oʻgʻli" are read by their place after the father's name).
 *
 * @example wordKeys('Akmal oʻgʻli') // [{ strict: 'akmal', loose: 'akmal' }, { strict: 'ugli', loose: 'ugli' }]
 */
export function wordKeys(text: string): WordKey[] {
  return latinWords(text)
    .map(foldWord)
    .filter((word) => word.strict !== '' && word.loose !== '');
}

/** The loose key of one word already in strict form (or any a–z word). */
export function looseWord(strictWord: string): string {
  return foldWord(strictWord).loose;
}

/** At most this many o's of a word are tried as oʻ: 2³ − 1 variants. */
const MAX_UNSIGNED_OKINAS = 3;

/**
 * The loose keys a word would have if some of its o's were oʻ typed without the sign ("Jora" for
 * Joʻra, "Yoldosh" for Yoʻldosh, Cyrillic "Жора" for Жўра). The keys fold oʻ to u but a bare o
 * to a, so the two spellings are far apart: "jara" and "jura" share no trigram and not even the
 * first two letters, which is why neither the prefix nor the misspelling stage reached them.
 *
 * @example unsignedOkinaVariants('jora') // ['jura']
 * @example unsignedOkinaVariants('yoldosh') // ['yuldash', 'yaldush', 'yuldush']
 */
export function unsignedOkinaVariants(strictWord: string): string[] {
  const positions: number[] = [];
  for (let i = 0; i < strictWord.length && positions.length < MAX_UNSIGNED_OKINAS; i += 1) {
    if (strictWord.charAt(i) === 'o') positions.push(i);
  }
  const plain = foldWord(strictWord).loose;
  const variants = new Set<string>();
  for (let mask = 1; mask < 1 << positions.length; mask += 1) {
    const letters = strictWord.split('');
    positions.forEach((position, bit) => {
      if ((mask & (1 << bit)) !== 0) letters[position] = 'u';
    });
    const loose = foldWord(letters.join('')).loose;
    if (loose !== plain) variants.add(loose);
  }
  return [...variants];
}

/**
 * The strict match key of a name or any text, words in their typed order.
 *
 * @example nameMatchKey('Shuxrat Joʻrayev') // 'shuhrat juraev'
 * @example nameMatchKey('Шухрат Жўраев') // 'shuhrat juraev'
 * @example nameMatchKey('Shukhrat Djuraev') // 'shuhrat juraev'
 */
export function nameMatchKey(text: string): string {
  return latinWords(text).map((w) => foldWord(w).strict).filter((w) => w !== '').join(' ');
}

/**
 * The loose match key: the strict key with vowel and "y" variance folded as well.
 *
 * @example looseMatchKey('Gʻulomov Oybek') // 'gulamav aibek'
 * @example looseMatchKey('Гулямов Айбек') // 'gulamav aibek'
 */
export function looseMatchKey(text: string): string {
  return latinWords(text)
    .map((w) => foldWord(w).loose)
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
  /** Sorted loose word keys joined by one space: for finding despite vowel and "y" variance. */
  readonly loose: string;
}

/**
 * The keys to store for a client's full name (last, first and patronymic joined by spaces).
 *
 * @example nameSearchKeys('Joʻrayev Shuxrat Olimovich')
 * // { strict: 'juraev olimovich shuhrat', loose: 'alimavich juraev shuhrat' }
 */
export function nameSearchKeys(fullName: string): NameSearchKeys {
  const folded = latinWords(fullName).map(foldWord);
  const strictWords = folded.map((f) => f.strict).filter((w) => w !== '');
  const looseWords = folded.map((f) => f.loose).filter((w) => w !== '');
  return { strict: sortedUnique(strictWords).join(' '), loose: sortedUnique(looseWords).join(' ') };
}

/** Trigram length, as FTS5's trigram tokenizer cuts words. */
const TRIGRAM_MIN = 3;

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
