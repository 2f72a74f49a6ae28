import { describe, expect, it } from 'vitest';
import { multiLineText, optionalMultiLineText, singleLineText } from './text-fields.schema';

describe('text fields', () => {
  it('trims, refuses empty and too long text, keeps SQL and HTML verbatim', () => {
    const line = singleLineText(20);
    expect(line.safeParse('  Mahalla  ').data).toBe('Mahalla');
    expect(line.safeParse('   ').success).toBe(false);
    expect(line.safeParse('x'.repeat(21)).success).toBe(false);
    expect(line.safeParse(`<b>'; --`).data).toBe(`<b>'; --`);
  });

  it('refuses control characters; multi-line fields keep line breaks and tabs', () => {
    expect(singleLineText(50).safeParse('a\nb').success).toBe(false);
    expect(singleLineText(50).safeParse('a\u0000b').success).toBe(false);
    expect(multiLineText(50).safeParse('first line\r\n\tsecond').data).toBe('first line\r\n\tsecond');
    expect(multiLineText(50).safeParse('bell\u0007').success).toBe(false);
    expect(multiLineText(50).safeParse('c1\u0085').success).toBe(false);
  });

  it('lets optional free text be empty', () => {
    expect(optionalMultiLineText(10).default('').parse(undefined)).toBe('');
    expect(optionalMultiLineText(10).parse('   ')).toBe('');
    expect(optionalMultiLineText(10).safeParse('x'.repeat(11)).success).toBe(false);
  });
});
