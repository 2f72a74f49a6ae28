import type { ClientLanguage } from '../../../../core/clients/clients.schema';
import type { Language } from '../../../i18n/languages';

/** The languages the center's paper forms are printed in: the state language in both scripts, and Russian. */
export const PRINT_LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

/**
 * The language a client's form is printed in first: Russian for a client who speaks Russian and
 * not Uzbek; otherwise Uzbek, in the script the staff member reads (Latin unless the interface is
 * in Cyrillic). The person at the desk can choose another before printing.
 *
 * @example defaultPrintLanguage(['ru'], 'uz-Latn') // 'ru'
 */
export function defaultPrintLanguage(clientLanguages: readonly ClientLanguage[], uiLanguage: Language): PrintLanguage {
  if (clientLanguages.includes('ru') && !clientLanguages.includes('uz')) return 'ru';
  if (clientLanguages.includes('uz')) return uiLanguage === 'uz-Cyrl' ? 'uz-Cyrl' : 'uz-Latn';
  return uiLanguage === 'en' ? 'uz-Latn' : uiLanguage;
}
