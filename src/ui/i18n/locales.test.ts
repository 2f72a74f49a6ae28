import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/api/errors';
import { LANGUAGES } from './languages';

/** The same files the renderer bundles, loaded the same way (no Node APIs in src/ui, tests included). */
const FILES = import.meta.glob<unknown>('../../../resources/locales/*/*.json', { eager: true, import: 'default' });

function filesOf(language: string): string[] {
  return Object.keys(FILES)
    .filter((path) => path.includes(`/locales/${language}/`))
    .map((path) => path.slice(path.lastIndexOf('/') + 1))
    .sort();
}

/** Every leaf key of a locale file, as dotted paths. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

/** i18next plural forms differ by language (Russian has few and many): compare their base key. */
function withoutPluralForms(keys: readonly string[]): string[] {
  return [...new Set(keys.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
}

function read(language: string, namespace: string): unknown {
  const file = FILES[`../../../resources/locales/${language}/${namespace}.json`];
  if (file === undefined) throw new Error(`missing ${language}/${namespace}.json`);
  return file;
}

describe('locale files', () => {
  const namespaces = filesOf('en').map((file) => file.replace(/\.json$/, ''));

  it('exist for every language and namespace', () => {
    for (const language of LANGUAGES) {
      expect(filesOf(language)).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
    }
  });

  it.each(namespaces)('%s: the four languages have the same keys, none empty', (namespace) => {
    const english = withoutPluralForms(leafKeys(read('en', namespace)));
    for (const language of LANGUAGES) {
      const tree = read(language, namespace);
      expect(withoutPluralForms(leafKeys(tree)), `${language}/${namespace}`).toEqual(english);
      for (const key of leafKeys(tree)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        expect(typeof text === 'string' && text.trim().length > 0, `${language}/${namespace}:${key}`).toBe(true);
      }
    }
  });

  it('keeps the {{placeholders}} of each text in every language', () => {
    const placeholders = (language: string, namespace: string, key: string) => {
      const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], read(language, namespace));
      return [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    };
    for (const namespace of namespaces) {
      // Plural forms may drop the count ("one file"), so only plain keys are compared.
      for (const key of leafKeys(read('en', namespace)).filter((k) => !/_(one|other)$/.test(k))) {
        for (const language of LANGUAGES) {
          expect(placeholders(language, namespace, key), `${language}/${namespace}:${key}`).toEqual(placeholders('en', namespace, key));
        }
      }
    }
  });

  it('has a message for every error code', () => {
    for (const language of LANGUAGES) {
      // `reasons` holds the sentences of the domains' declared reasons (src/core/api/error-reasons.test.ts checks them).
      expect(Object.keys(read(language, 'errors') as object).filter((key) => key !== 'reasons').sort(), language).toEqual([...ERROR_CODES].sort());
    }
  });

  it('keeps the apostrophe-like letters of Uzbek Latin as the official modifier letters (ʻ ʼ), not quotes', () => {
    for (const namespace of namespaces) {
      const text = JSON.stringify(read('uz-Latn', namespace));
      expect(text, namespace).not.toMatch(/[oOgG]['‘’`]/);
    }
  });
});
