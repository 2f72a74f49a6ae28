import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from './harness';

export const LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const cache = new Map<string, unknown>();

/**
 * The text a person sees for a key, read from the same locale files the UI bundles, with
 * `{{name}}` filled in: tests check real translations, not copies of them.
 *
 * @example text('ru', 'common', 'home.title') // 'Добро пожаловать в INSON Center'
 */
export function text(language: Language, namespace: string, key: string, values: Record<string, string> = {}): string {
  const file = join(PROJECT_DIR, 'resources/locales', language, `${namespace}.json`);
  let tree = cache.get(file);
  if (tree === undefined) {
    tree = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    cache.set(file, tree);
  }
  let node: unknown = tree;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing ${language}/${namespace}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

/** A pattern matching the text in any of the four languages (for labels that change with the language). */
export function anyLanguage(namespace: string, key: string, withValues = false): RegExp {
  const escaped = LANGUAGES.map((language) =>
    text(language, namespace, key, {})
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\\\{\\\{\w+\\\}\\\}/g, withValues ? '.*' : '$&'),
  );
  return new RegExp(`^(${escaped.join('|')})$`);
}

export const APP_VERSION: string = (JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
