/**
 * Text rules shared by every domain's schemas (pure: the UI's forms run them too).
 */

/** Why a stored text is refused; the UI says `validation:text.<problem>`. */
export type TextProblem = 'controlCharacters' | 'loneSurrogate' | 'bidiControl' | 'invisibleCharacter';

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what is
 * shown without changing what is stored ("Trojan Source"): a name could display as another name.
 * Implicit marks (U+200E/U+200F) are harmless and rare; none of our scripts is right-to-left.
 */
function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/**
 * Zero-width characters make two names that look the same compare different (a duplicate client
 * slips past the check) and hide text. Uzbek (Latin and Cyrillic), Russian and English need none of
 * them, ZWNJ included (U+200B–U+200D, U+2060 word joiner, U+FEFF byte-order mark).
 */
function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/**
 * The first problem of a text about to be stored, or null. C0 and C1 control characters hide
 * text, break exports and can truncate it in some viewers; line breaks and tabs are allowed
 * where the field is multi-line. A lone UTF-16 surrogate is not text at all: SQLite, JSON
 * exports and the registry would each turn it into something else.
 *
 * @example textProblem('Jo\u0000rayev') // 'controlCharacters'
 * @example textProblem('\u202Eveyar') // 'bidiControl'
 * @example textProblem('line one\nline two', true) // null
 */
export function textProblem(value: string, allowLineBreaks = false): TextProblem | null {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const isLineBreak = code === 0x0a || code === 0x0d || code === 0x09;
    if ((code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !(allowLineBreaks && isLineBreak)) return 'controlCharacters';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'loneSurrogate';
      i += 1;
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return 'loneSurrogate';
    if (isBidiControl(code)) return 'bidiControl';
    if (isInvisible(code)) return 'invisibleCharacter';
  }
  return null;
}
