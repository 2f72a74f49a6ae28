import { z } from 'zod';
import { textProblem } from './text.schema';

/**
 * The one text schema every stored text goes through: staff names, the center's name, catalog
 * entries, clients, consents, cases, services. Pure zod: the UI's forms validate with exactly
 * these. A refused text carries the message key `text.<problem>` (validation.json, four
 * languages) as its message and its `params.reason`.
 */

/**
 * Any text (trimmed, at most `maxChars`, possibly empty) refused when it holds control
 * characters (line breaks and tabs allowed if `isMultiLine`), lone surrogates, bidi overrides or
 * isolates, or zero-width characters.
 *
 * @example const street = storedText(200); // '' allowed; add .min(1) for required
 */
export function storedText(maxChars: number, isMultiLine = false) {
  return z
    .string()
    .trim()
    .max(maxChars)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, isMultiLine);
      if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { reason: `text.${problem}` } });
    });
}

/**
 * Required one-line text (trimmed, not empty, at most `maxChars`), stored exactly as typed.
 *
 * @example const agency = singleLineText(200);
 */
export function singleLineText(maxChars: number) {
  return storedText(maxChars).min(1);
}

/**
 * Required free text that may span lines (trimmed, not empty, at most `maxChars`).
 *
 * @example const note = multiLineText(2000);
 */
export function multiLineText(maxChars: number) {
  return storedText(maxChars, true).min(1);
}

/**
 * Free text that may be left empty (stored as ''), multi-line, at most `maxChars`.
 *
 * @example const householdSituation = optionalMultiLineText(2000).default('');
 */
export function optionalMultiLineText(maxChars: number) {
  return storedText(maxChars, true);
}
