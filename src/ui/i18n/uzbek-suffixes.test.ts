import { describe, expect, it } from 'vitest';

/** The Uzbek locale files, loaded as the renderer bundles them. */
const FILES = import.meta.glob<unknown>('../../../resources/locales/uz-*/*.json', { eager: true, import: 'default' });

/** Every text of a locale file, with its dotted key. */
function texts(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => texts(child, prefix ? `${prefix}.${key}` : key));
}

/** Numbers (and a time) may take a suffix or a counting word: "3 ta", "2-guruh", "5 dan 30 gacha". */
const NUMERIC_PLACEHOLDERS = new Set(['count', 'n', 'min', 'max', 'total', 'shown', 'minimum', 'maximum', 'passwordMinLength', 'group', 'time', 'year']);

/**
 * A case suffix after an inserted name ("{{name}}ga", "{{center}} ning"): Uzbek suffixes follow the
 * sound of the word, which a translation cannot know for a name it has not seen, and a separated
 * suffix reads as broken ("INSON Center ga"). The name goes in apposition instead: "xodimga ({{name}})".
 */
const GLUED_SUFFIX = /\{\{(\w+)\}\}[\s\-ʼ'’]?(ga|ka|qa|da|ta|dan|tan|ning|ni|dagi|gacha|lar|га|ка|қа|да|та|дан|тан|нинг|ни|даги|гача|лар)(?![\p{L}])/gu;

describe('Uzbek texts', () => {
  it('never put a case suffix on an inserted name', () => {
    const glued: string[] = [];
    for (const [path, file] of Object.entries(FILES)) {
      for (const [key, text] of texts(file)) {
        for (const match of text.matchAll(GLUED_SUFFIX)) {
          if (!NUMERIC_PLACEHOLDERS.has(match[1] ?? '')) glued.push(`${path.slice(path.indexOf('locales/'))}:${key}: ${match[0]}`);
        }
      }
    }
    expect(glued).toEqual([]);
  });

  it('finds a glued suffix when there is one (the check can fail)', () => {
    expect([...'Uni {{name}}ga bering'.matchAll(GLUED_SUFFIX)].map((match) => match[1])).toEqual(['name']);
    expect([...'INSON Center: {{center}} ning'.matchAll(GLUED_SUFFIX)].map((match) => match[1])).toEqual(['center']);
    expect([...'{{name}}дан сўранг'.matchAll(GLUED_SUFFIX)].map((match) => match[1])).toEqual(['name']);
    expect([...'Xodimdan ({{name}}) soʻrang'.matchAll(GLUED_SUFFIX)]).toEqual([]);
  });
});
