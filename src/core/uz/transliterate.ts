/**
 * Uzbek Cyrillic ↔ Uzbek Latin for display (the 1995 alphabet as amended: ʻ U+02BB in oʻ and gʻ,
 * ʼ U+02BC for the tutuq belgisi). Russian letters that appear in Uzbek Cyrillic text (щ, ы, ь)
 * are handled too, so Russian spellings of names come out readable.
 *
 * No npm library was used: the candidates (cyrillic-to-translit-js: Russian, Ukrainian and
 * Mongolian presets; iuliia: Russian schemes only) know none of ў, қ, ғ, ҳ, and the context
 * rules below (е → ye, ц → s/ts, ъ before iotated vowels) are a page of code.
 */

/** Modifier letter turned comma: the official sign in oʻ and gʻ. */
export const OKINA = '\u02BB';
/** Modifier letter apostrophe: the official tutuq belgisi (ъ). */
export const TUTUQ = '\u02BC';

/** Every character people type for the Uzbek apostrophes: ' ` ´ ʹ ʻ ʼ ʽ ˈ ‘ ’ ′. */
export const APOSTROPHES = "'`\u00B4\u02B9\u02BB\u02BC\u02BD\u02C8\u2018\u2019\u2032";
const APOSTROPHE_SET = new Set(APOSTROPHES);

/** Lower-case Cyrillic letters whose Latin form does not depend on their neighbours. */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ё: 'yo', ж: 'j', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x',
  ч: 'ch', ш: 'sh', щ: 'sh', ы: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ў: `o${OKINA}`, қ: 'q', ғ: `g${OKINA}`, ҳ: 'h',
};

const CYRILLIC_VOWELS = new Set('аеёиоуыэюяў');
const IOTATED = new Set('еёюя');

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Case of a multi-letter output ("Sh", "SH", "sh"): full capitals when the word around is
 * written in capitals, otherwise only the first letter.
 */
function applyCase(latin: string, source: string, prev: string | undefined, next: string | undefined): string {
  if (latin === '' || !isUpper(source)) return latin;
  const isAllCaps = isLetter(next) ? isUpper(next) : isLetter(prev) && isUpper(prev);
  return isAllCaps ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
}

/**
 * Cyrillic letters in context: е is "ye" at the start of a word and after a vowel, ъ or ь
 * ("Ergash" but "Jurayev"); ц is "ts" after a vowel and "s" elsewhere; ь before о is "y"
 * (бульон → bulyon). ъ is the tutuq sign, except where Latin already shows the break: after ў
 * or ғ, whose ʻ does (Мўътабар → Moʻtabar, not Moʻʼtabar), and before an iotated vowel after a
 * consonant, whose "y" does (съезд → syezd); after a vowel it stays (аъён → aʼyon).
 */
function latinOf(lower: string, prevLower: string | undefined, nextLower: string | undefined): string {
  if (lower === 'е') {
    const isIotated = !isLetter(prevLower) || CYRILLIC_VOWELS.has(prevLower ?? '') || prevLower === 'ъ' || prevLower === 'ь';
    return isIotated ? 'ye' : 'e';
  }
  if (lower === 'ц') return prevLower !== undefined && CYRILLIC_VOWELS.has(prevLower) ? 'ts' : 's';
  if (lower === 'ъ') {
    if (prevLower === 'ў' || prevLower === 'ғ') return '';
    const isBeforeIotated = nextLower !== undefined && IOTATED.has(nextLower);
    return isBeforeIotated && !(prevLower !== undefined && CYRILLIC_VOWELS.has(prevLower)) ? '' : TUTUQ;
  }
  if (lower === 'ь') return nextLower === 'о' ? 'y' : '';
  // с + ҳ would read as "sh": the rules separate them with the tutuq (Исҳоқ → Isʼhoq).
  if (lower === 'с' && nextLower === 'ҳ') return `s${TUTUQ}`;
  return CYRILLIC_TO_LATIN[lower] ?? lower;
}

/** o and g (Latin, or Cyrillic typed on a keyboard without ў and ғ): an apostrophe after them is the ʻ. */
const OKINA_BASES = new Set(['o', 'g', 'о', 'г']);

/** Whether the letters before `index` are opened by an apostrophe used as a quotation mark ('Aziz'). */
function isQuoted(chars: readonly string[], index: number): boolean {
  let start = index;
  while (start > 0 && isLetter(chars[start - 1])) start -= 1;
  const before = chars[start - 1];
  return before !== undefined && APOSTROPHE_SET.has(before);
}

/**
 * The official sign for an apostrophe typed after a letter, or null to keep what was typed: after
 * o and g any kind but the tutuq itself is the ʻ (U+02BB); after other letters, or when the typist
 * chose ʼ (U+02BC), it is the tutuq. At the end of a word only ʼ itself is a letter for certain
 * (an ASCII ' there may close a quotation).
 */
function officialApostrophe(chars: readonly string[], index: number): string | null {
  const ch = chars[index] ?? '';
  const prev = chars[index - 1];
  if (!APOSTROPHE_SET.has(ch) || !isLetter(prev)) return null;
  const isOkina = ch !== TUTUQ && OKINA_BASES.has((prev ?? '').toLowerCase());
  if (isLetter(chars[index + 1])) return isOkina ? OKINA : TUTUQ;
  if (ch === TUTUQ) return TUTUQ;
  return isOkina && !isQuoted(chars, index) ? OKINA : null;
}

/**
 * Uzbek (or Russian) Cyrillic to Uzbek Latin; Latin text passes through with its apostrophes
 * made the official signs (Jo'rayev → Joʻrayev, Ma'mur → Maʼmur); anything else passes through.
 *
 * @example toLatin('Шухрат Жўраев') // 'Shuxrat Joʻrayev'
 * @example toLatin('ШУҲРАТ') // 'SHUHRAT'
 * @example toLatin('Мўътабар Аъзамова') // 'Moʻtabar Aʼzamova'
 */
export function toLatin(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i] ?? '';
    const lower = ch.toLowerCase();
    if (!(lower in CYRILLIC_TO_LATIN) && lower !== 'е' && lower !== 'ц' && lower !== 'ъ') {
      out += officialApostrophe(chars, i) ?? ch;
      continue;
    }
    const prev = chars[i - 1];
    const next = chars[i + 1];
    out += applyCase(latinOf(lower, prev?.toLowerCase(), next?.toLowerCase()), ch, prev, next);
  }
  return out;
}

/** Latin groups, longest first, to Cyrillic. Apostrophes are matched separately (any kind). */
const LATIN_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['sh', 'ш'], ['ch', 'ч'], ['yo', 'ё'], ['yu', 'ю'], ['ya', 'я'], ['ye', 'е'],
];

const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'б', c: 'с', d: 'д', f: 'ф', g: 'г', h: 'ҳ', i: 'и', j: 'ж', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', q: 'қ', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в',
  x: 'х', y: 'й', z: 'з',
};

function cyrillicCase(cyrillic: string, source: string): string {
  return isUpper(source.charAt(0)) ? cyrillic.toUpperCase() : cyrillic;
}

/**
 * Uzbek Latin to Uzbek Cyrillic, for showing a name in the other script. Any apostrophe kind
 * is accepted: after o and g it is the ʻ of ў and ғ unless it is the tutuq ʼ (U+02BC) itself;
 * elsewhere after a letter it is ъ, at the end of a word too (Jamʼ → Жамъ). Known limits of any such table: "ts" stays "тс" (Latin text no longer tells
 * "Militsiya" from a native t+s), and Russian loan words keep their Latin-based spelling.
 *
 * @example toCyrillic("Shuxrat Jo'rayev") // 'Шухрат Жўраев'
 * @example toCyrillic('Yoʻldosh Ergashev') // 'Йўлдош Эргашев'
 */
export function toCyrillic(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i] ?? '';
    const lower = ch.toLowerCase();
    const next = chars[i + 1]?.toLowerCase();
    const afterNext = chars[i + 2]?.toLowerCase();
    const prev = chars[i - 1]?.toLowerCase();
    const isNextApostrophe = next !== undefined && APOSTROPHE_SET.has(next);
    // oʼ with the tutuq (U+02BC) is о + ъ; every other apostrophe after o or g is the ʻ of ў, ғ.
    const isNextOkina = isNextApostrophe && chars[i + 1] !== TUTUQ;
    if ((lower === 'o' || lower === 'g') && isNextOkina) {
      out += cyrillicCase(lower === 'o' ? 'ў' : 'ғ', ch);
      i += 2;
      continue;
    }
    if (lower === 'y' && next === 'o' && afterNext !== undefined && APOSTROPHE_SET.has(afterNext) && chars[i + 2] !== TUTUQ) {
      out += cyrillicCase('й', ch); // yoʻ is й + ў (Yoʻldosh), not ё
      i += 1;
      continue;
    }
    if (lower === 's' && isNextApostrophe && afterNext === 'h') {
      out += cyrillicCase('с', ch); // sʼh is с + ҳ (Isʼhoq → Исҳоқ)
      i += 2;
      continue;
    }
    const pair = next === undefined ? undefined : LATIN_DIGRAPHS.find(([latin]) => latin === lower + next);
    if (pair !== undefined) {
      out += cyrillicCase(pair[1], ch);
      i += 2;
      continue;
    }
    // e is э only at the start of a word: after a vowel, Latin "ae" (Juraev) is a Russian-style
    // spelling of -аев, and Uzbek Latin writes a true э there rarely enough to accept the miss.
    if (lower === 'e') {
      const isWordStart = !isLetter(prev) && !(prev !== undefined && APOSTROPHE_SET.has(prev));
      out += cyrillicCase(isWordStart ? 'э' : 'е', ch);
      i += 1;
      continue;
    }
    if (APOSTROPHE_SET.has(ch)) {
      // Between letters, and at the end of a word unless it closes a quotation ('Aziz'), the
      // apostrophe is the tutuq: ъ (Jamʼ → Жамъ).
      const isTutuq = isLetter(prev) && (isLetter(next) || ch === TUTUQ || !isQuoted(chars, i));
      // Capital only inside a word written in capitals (two capitals around or before it).
      const isCapital = isUpper(chars[i - 1]) && isUpper(isLetter(chars[i + 1]) ? chars[i + 1] : chars[i - 2]);
      out += isTutuq ? (isCapital ? 'Ъ' : 'ъ') : ch;
      i += 1;
      continue;
    }
    const cyrillic = LATIN_TO_CYRILLIC[lower];
    out += cyrillic === undefined ? ch : cyrillicCase(cyrillic, ch);
    i += 1;
  }
  return out;
}
