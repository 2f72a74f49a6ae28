/**
 * Patronymics in both styles Uzbek documents use, folded to one key: the father's name.
 *
 * - Uzbek style: the father's name and a marker, "Akmal oʻgʻli" (son), "Akmal qizi" (daughter),
 *   in any script and apostrophe habit: ўғли, угли, o'g'li, ogli, ugli; қизи, кизи, kizi.
 * - Russian style: one word, the father's name and a suffix: Akmalovich, Akmalovna, Aliyevich,
 *   Abdullayevna, Cyrillic -ович, -овна, -евич, -евна, and -ич / -ична (Ильич).
 *
 * Both give the same key, the father's-name stem: the loose key of the father's name with its
 * final vowels taken off, because the Russian form joins the suffix through them ("Abdulla" →
 * "Abdullayevich", "Ali" → "Aliyevich", "Nikolay" → "Nikolayevich"): Akmalovich, Akmal oʻgʻli and
 * Акмал ўғли are all "akmal"; Abdullayevich and Abdulla qizi are "abdul". Who the son or daughter
 * is (the sex) is the marker's or the suffix's; the stem alone is the key, so the son's and the
 * daughter's patronymic of one father match as well.
 */
import { looseWord, wordKeys, type WordKey } from './names';

export type PatronymicSex = 'male' | 'female';

/** Uzbek-style markers by their strict key (q → k, oʻ → u; Kyrgyz and Azeri spellings too). */
const MARKERS: Readonly<Record<string, PatronymicSex>> = {
  ugli: 'male',
  ogli: 'male',
  ugly: 'male',
  ogly: 'male',
  uglu: 'male',
  oglu: 'male',
  kizi: 'female',
  kyzy: 'female',
  kizy: 'female',
  kyzi: 'female',
};

/**
 * Russian-style suffixes on strict keys, longest first. "Strong" ones are never the end of an
 * Uzbek given name or surname, so a query word ending in one is taken for a patronymic; "-ich"
 * alone also ends names (Qilich), so it is read as a patronymic only in the patronymic field.
 */
const RUSSIAN_SUFFIXES: readonly { readonly suffix: string; readonly sex: PatronymicSex; readonly isStrong: boolean }[] = [
  { suffix: 'inichna', sex: 'female', isStrong: true },
  { suffix: 'ovich', sex: 'male', isStrong: true },
  { suffix: 'evich', sex: 'male', isStrong: true },
  { suffix: 'ichna', sex: 'female', isStrong: true },
  { suffix: 'ovna', sex: 'female', isStrong: true },
  { suffix: 'evna', sex: 'female', isStrong: true },
  { suffix: 'ich', sex: 'male', isStrong: false },
];

/** A stem shorter than this is not a name: the word is left whole. */
const MIN_STEM = 2;

/**
 * The father's-name stem of one strict word: its loose key without final vowels.
 *
 * @example fatherStem('abdula') // 'abdul'
 * @example fatherStem('akmal') // 'akmal'
 */
export function fatherStem(strictWord: string): string {
  const loose = looseWord(strictWord);
  const trimmed = loose.replace(/[aeiuy]+$/, '');
  return trimmed.length >= MIN_STEM ? trimmed : loose;
}

/** What a single word says as a patronymic: the father's name in it and the sex its suffix gives. */
export interface PatronymicWord {
  /** The strict key of the father's name (the word without its Russian suffix). */
  readonly father: string;
  readonly sex: PatronymicSex | null;
  /** Ends in a suffix no given name or surname ends in (-ovich, -ovna, -evich, -evna, -ichna). */
  readonly isStrong: boolean;
}

/**
 * Reads a strict word as a Russian-style patronymic.
 *
 * @example readPatronymicWord('akmalovich') // { father: 'akmal', sex: 'male', isStrong: true }
 * @example readPatronymicWord('akmal') // { father: 'akmal', sex: null, isStrong: false }
 */
export function readPatronymicWord(strictWord: string): PatronymicWord {
  for (const { suffix, sex, isStrong } of RUSSIAN_SUFFIXES) {
    if (strictWord.endsWith(suffix) && strictWord.length - suffix.length >= MIN_STEM) {
      return { father: strictWord.slice(0, -suffix.length), sex, isStrong };
    }
  }
  return { father: strictWord, sex: null, isStrong: false };
}

/** The sex an Uzbek-style marker word gives, or null when the word is not a marker. */
export function markerSex(strictWord: string): PatronymicSex | null {
  return MARKERS[strictWord] ?? null;
}

/**
 * A marker glued to the father's name ("Akmal-oʻgʻli" keys as one word, "akmalugli").
 *
 * @example splitGluedMarker('akmalugli') // { father: 'akmal', sex: 'male' }
 */
export function splitGluedMarker(strictWord: string): { readonly father: string; readonly sex: PatronymicSex } | null {
  for (const [marker, sex] of Object.entries(MARKERS)) {
    if (strictWord.endsWith(marker) && strictWord.length - marker.length >= MIN_STEM + 1) {
      return { father: strictWord.slice(0, -marker.length), sex };
    }
  }
  return null;
}

/** A patronymic as stored for search. */
export interface PatronymicKeys {
  /**
   * Sorted, without repeats: the father's-name stems (each word's, and all words' joined when the
   * father's name has several), then the loose keys of the words as typed, so a patronymic typed
   * only in part ("Olimov…") still matches by prefix.
   */
  readonly tokens: readonly string[];
  readonly sex: PatronymicSex | null;
}

/**
 * The search keys of a client's patronymic field, in either style and any script.
 *
 * @example patronymicKeys('Akmalovich').tokens // ['akmal', 'akmalavich']
 * @example patronymicKeys('Акмал ўғли').tokens // ['akmal']
 * @example patronymicKeys('Abdullayevna').tokens // ['abdul', 'abdulaevna']
 */
export function patronymicKeys(patronymic: string | null): PatronymicKeys {
  const words = wordKeys(patronymic ?? '');
  if (words.length === 0) return { tokens: [], sex: null };
  let sex: PatronymicSex | null = null;
  const named: WordKey[] = [];
  for (const word of words) {
    const marker = markerSex(word.strict);
    if (marker !== null) {
      sex ??= marker;
      continue;
    }
    named.push(word);
  }
  const fathers = named.map((word) => word.strict);
  const last = fathers.at(-1);
  if (last !== undefined && sex === null) {
    const glued = splitGluedMarker(last);
    if (glued !== null) {
      fathers[fathers.length - 1] = glued.father;
      sex = glued.sex;
    } else {
      const read = readPatronymicWord(last);
      fathers[fathers.length - 1] = read.father;
      sex = read.sex;
    }
  }
  const stems = fathers.map(fatherStem);
  if (fathers.length > 1) stems.push(fatherStem(fathers.join('')));
  const typed = named.map((word) => word.loose);
  return { tokens: [...new Set([...stems, ...typed])].sort(), sex };
}
