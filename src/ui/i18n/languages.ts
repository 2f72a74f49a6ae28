/**
 * The interface languages, in the order the switch lists them. Uzbek in Latin script is the
 * default: it is the official script and what most center staff read first.
 */
export const LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'uz-Latn';

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_AUTONYMS: Readonly<Record<Language, string>> = {
  'uz-Latn': 'Oʻzbekcha (lotin)',
  'uz-Cyrl': 'Ўзбекча (кирилл)',
  ru: 'Русский',
  en: 'English',
};

/** The one thing the renderer keeps in localStorage: never personal data. */
export const LANGUAGE_STORAGE_KEY = 'inson.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The remembered language, or the default when nothing (or something stale) is stored.
 *
 * @example readStoredLanguage(window.localStorage) // 'ru'
 */
export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be disabled by policy; the default language still works.
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the language is acceptable; failing to switch it is not.
  }
}
