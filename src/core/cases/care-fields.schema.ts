import { z } from 'zod';

/**
 * Field schemas every care form shares (consents, cases, plans, services, referrals). Pure zod:
 * the UI's forms validate with exactly these.
 */

/** A calendar date as typed on a paper form, `YYYY-MM-DD`; the core also refuses future dates where they make no sense. */
export const calendarDateSchema = z.iso.date();

/** Ids are UUIDs minted by the core; the UI only passes them back. */
export const entityIdSchema = z.string().trim().min(1).max(64);

/**
 * C0 and C1 control characters hide text, break exports and can truncate it in some viewers;
 * typed text never needs them. Line breaks and tabs are allowed where the field is multi-line.
 */
function hasControlCharacters(value: string, allowLineBreaks: boolean): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    const isLineBreak = code === 0x0a || code === 0x0d || code === 0x09;
    if (isControl && !(allowLineBreaks && isLineBreak)) return true;
  }
  return false;
}

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
