import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_AUTONYMS, LANGUAGES } from '../i18n/languages';

/**
 * The interface language switch: a native select (keyboard and screen readers handle it well),
 * each language named in itself. i18n itself remembers the choice and updates `<html lang>`.
 */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      label={t('common:language.label')}
      size="xs"
      value={i18n.language}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void i18n.changeLanguage(next);
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_AUTONYMS[language] }))}
      styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 }, label: { whiteSpace: 'nowrap' } }}
    />
  );
}
