import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../core/staff/staff.schema';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, readStoredLanguage, storeLanguage, type Language } from './languages';

/** Every locale file, bundled at build time: the app works offline and never fetches strings. */
const localeModules = import.meta.glob<Record<string, unknown>>('../../../resources/locales/*/*.json', {
  eager: true,
  import: 'default',
});

/** Turns `…/locales/<lng>/<namespace>.json` modules into i18next's resource tree. */
function buildResources(modules: Readonly<Record<string, Record<string, unknown>>>): Resource {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, content] of Object.entries(modules)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language = '', namespace = ''] = match;
    resources[language] ??= {};
    resources[language][namespace] = content;
  }
  return resources;
}

/** The namespaces are the locale files that exist (one per area, plus common, errors and validation). */
export const NAMESPACES: readonly string[] = [...new Set(Object.keys(localeModules).map((path) => /\/([^/]+)\.json$/.exec(path)?.[1] ?? ''))].filter((ns) => ns !== '');

/**
 * Starts i18next with the remembered language and keeps `<html lang>` and the stored choice in
 * step with every later switch.
 *
 * @example const i18n = await initI18n(window.localStorage, document.documentElement);
 */
export async function initI18n(storage: Storage | undefined, root: HTMLElement): Promise<I18n> {
  const instance = i18next.createInstance();
  const language = readStoredLanguage(storage);
  await instance.use(initReactI18next).init({
    resources: buildResources(localeModules),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // 'uz-Cyrl' must not fall back to a bare 'uz' that has no files.
    load: 'currentOnly',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    // React escapes; the password policy's numbers come from the shared schema, not the texts.
    interpolation: { escapeValue: false, defaultVariables: { passwordMinLength: PASSWORD_MIN_LENGTH } },
    returnNull: false,
  });
  root.lang = language;
  instance.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    root.lang = next;
    storeLanguage(storage, next);
  });
  return instance;
}

export function currentLanguage(instance: I18n): Language {
  return isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
}
