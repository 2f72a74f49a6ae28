import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, readStoredLanguage, storeLanguage } from './languages';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('remembered language', () => {
  it('defaults to Uzbek (Latin) and ignores what is not one of the four', () => {
    expect(readStoredLanguage(undefined)).toBe('uz-Latn');
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'de' }))).toBe('uz-Latn');
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'uz-Cyrl' }))).toBe('uz-Cyrl');
  });

  it('survives a storage that throws (disabled by policy)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLanguage(throwing)).toBe('uz-Latn');
    expect(() => storeLanguage(throwing, 'ru')).not.toThrow();
  });

  it('stores only the language code', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'ru');
    expect([...storage.items]).toEqual([[LANGUAGE_STORAGE_KEY, 'ru']]);
  });
});
