import { toCyrillic, toLatin } from './transliterate';

/**
 * Client names in the reader's script (issue 9, item 1): a staff member who reads the interface
 * in Latin can choose to see a Cyrillic-typed name in Latin, and one who reads it in Cyrillic
 * (Uzbek Cyrillic or Russian) a Latin-typed name in Cyrillic. Pure, so the screens and the core
 * decide alike. The stored name never changes; the identity card always shows it as typed.
 */

export type Script = 'latin' | 'cyrillic';

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * The script an interface language is read in: Uzbek Cyrillic and Russian in Cyrillic, the rest
 * (Uzbek Latin, English, anything unknown) in Latin.
 *
 * @example scriptOfLanguage('uz-Cyrl') // 'cyrillic'
 */
export function scriptOfLanguage(language: string): Script {
  return language === 'uz-Cyrl' || language === 'ru' ? 'cyrillic' : 'latin';
}

/**
 * The script names are shown in for this reader, or null to show them as typed (the preference
 * is off).
 *
 * @example readerNameScript('en', true) // 'latin'
 * @example readerNameScript('en', false) // null
 */
export function readerNameScript(language: string, namesInReaderScript: boolean): Script | null {
  return namesInReaderScript ? scriptOfLanguage(language) : null;
}

/** Whether one word needs converting: it holds a letter of the other script. */
function isInOtherScript(word: string, target: Script): boolean {
  return target === 'latin' ? CYRILLIC_LETTER.test(word) : LATIN_LETTER.test(word);
}

/**
 * A name as this reader sees it. Word by word, so a name typed partly in each script ("Иванова
 * Aziza") comes out wholly in the reader's; a word already in the reader's script stays exactly as
 * typed, and null (the preference off) leaves the whole name as typed.
 *
 * @example nameInScript('Жўраев Шухрат', 'latin') // 'Joʻrayev Shuxrat'
 * @example nameInScript('Gʻofurov Toʻlqin', 'cyrillic') // 'Ғофуров Тўлқин'
 * @example nameInScript('Жўраев Шухрат', null) // 'Жўраев Шухрат'
 */
export function nameInScript(name: string, script: Script | null): string {
  if (script === null) return name;
  return name
    .split(/(\s+)/u)
    .map((word) => (isInOtherScript(word, script) ? (script === 'latin' ? toLatin(word) : toCyrillic(word)) : word))
    .join('');
}
