import { describe, expect, it } from 'vitest';
import { defaultPrintLanguage } from './print-language';

describe('the language a form is printed in', () => {
  it("follows the client's language, in the reader's script for Uzbek", () => {
    expect(defaultPrintLanguage(['ru'], 'uz-Latn')).toBe('ru');
    expect(defaultPrintLanguage(['uz', 'ru'], 'ru')).toBe('uz-Latn');
    expect(defaultPrintLanguage(['uz'], 'uz-Cyrl')).toBe('uz-Cyrl');
    expect(defaultPrintLanguage(['kaa'], 'ru')).toBe('ru');
    expect(defaultPrintLanguage([], 'en')).toBe('uz-Latn');
    expect(defaultPrintLanguage([], 'uz-Cyrl')).toBe('uz-Cyrl');
  });
});
