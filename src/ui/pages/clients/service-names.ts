import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { currentLanguage } from '../../i18n/i18n';

/**
 * Service catalog names in the interface language (the catalog stores all four), including
 * retired entries so old deliveries still read well.
 *
 * @example const services = useServiceNames(); services.name('social.consultation')
 */
export function useServiceNames() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const catalog = useApiQuery('services.catalog', { includeInactive: true }, { staleTime: 60_000 });
  const items = catalog.data?.items ?? [];
  return {
    catalog,
    language,
    /** Active entries, for pickers, sorted by their name in this language. */
    active: items.filter((entry) => entry.isActive).slice().sort((a, b) => a.names[language].localeCompare(b.names[language], language)),
    name(code: string): string {
      return items.find((entry) => entry.code === code)?.names[language] ?? code;
    },
  };
}
