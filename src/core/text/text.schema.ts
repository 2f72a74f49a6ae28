/**
 * Text rules shared by every domain's schemas (pure: the UI's forms run them too).
 */

/**
 * C0 and C1 control characters hide text, break exports and can truncate it in some viewers;
 * typed text never needs them. Line breaks and tabs are allowed where the field is multi-line.
 *
 * @example hasControlCharacters('Jo\u0000rayev') // true
 * @example hasControlCharacters('line one\nline two', true) // false
 */
export function hasControlCharacters(value: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    const isLineBreak = code === 0x0a || code === 0x0d || code === 0x09;
    if (isControl && !(allowLineBreaks && isLineBreak)) return true;
  }
  return false;
}
