import type { LocalizedNames } from '../../../core/services/services.schema';
import type { Trade } from '../../../core/training/training.schema';

/** A course's or trade's name in the interface's language (English falls back on nothing: every name has four). */
export function localName(names: LocalizedNames | Record<string, string> | null | undefined, language: string): string {
  if (names === null || names === undefined) return '';
  return (names as Record<string, string>)[language] ?? (names as Record<string, string>)['uz-Latn'] ?? '';
}

/** A trade's name: built-in trades are worded by the locale files, the center's own carry their names. */
export function tradeName(trade: Trade | undefined, code: string | null, language: string, t: (key: string) => string): string {
  if (code === null) return '';
  if (trade?.names) return localName(trade.names, language);
  return t(`training:trades.${code}`);
}

