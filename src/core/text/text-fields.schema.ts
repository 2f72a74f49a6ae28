import { z } from 'zod';
import { hasControlCharacters } from './text.schema';

/**
 * Free-text field schemas every domain's forms share. Pure zod: the UI's forms validate with
 * exactly these.
 */

const noControlCharacters = (allowLineBreaks: boolean) => (value: string) => !hasControlCharacters(value, allowLineBreaks);
const controlCharactersIssue = { message: 'Contains control characters', params: { reason: 'controlCharacters' } };

/**
 * Required one-line text (trimmed, not empty, at most `maxChars`), stored exactly as typed.
 *
 * @example const agency = singleLineText(200);
 */
export function singleLineText(maxChars: number) {
  return z.string().trim().min(1).max(maxChars).refine(noControlCharacters(false), controlCharactersIssue);
}

/**
 * Required free text that may span lines (trimmed, not empty, at most `maxChars`).
 *
 * @example const note = multiLineText(2000);
 */
export function multiLineText(maxChars: number) {
  return z.string().trim().min(1).max(maxChars).refine(noControlCharacters(true), controlCharactersIssue);
}

/**
 * Free text that may be left empty (stored as ''), multi-line, at most `maxChars`.
 *
 * @example const householdSituation = optionalMultiLineText(2000).default('');
 */
export function optionalMultiLineText(maxChars: number) {
  return z.string().trim().max(maxChars).refine(noControlCharacters(true), controlCharactersIssue);
}
