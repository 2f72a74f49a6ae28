import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { theme } from './theme';

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red = 0, green = 0, blue = 0] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrast(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

const WHITE = '#ffffff';
const palette = (name: string) => theme.colors?.[name] ?? DEFAULT_THEME.colors[name] ?? [];

describe('theme colours pass WCAG 2.1 AA (4.5:1 for text)', () => {
  it('uses shade 8 as the filled colour', () => {
    expect(theme.primaryShade).toEqual({ light: 8, dark: 8 });
  });

  it.each(['teal', 'red', 'blue', 'green', 'yellow', 'orange', 'grape', 'gray'])('%s: white on shade 8, shade 9 on shades 1 and 2, hover darker than filled', (name) => {
    const shades = palette(name);
    expect(shades).toHaveLength(10);
    const [shade1 = '', shade2 = '', shade8 = '', shade9 = ''] = [shades[1], shades[2], shades[8], shades[9]];
    expect(contrast(WHITE, shade8)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(shade9, shade1)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(shade9, shade2)).toBeGreaterThanOrEqual(4.5);
    expect(luminance(shade9)).toBeLessThan(luminance(shade8));
  });

  it('dimmed (gray 7) and error (red 9) text on white', () => {
    expect(contrast(palette('gray')[7] ?? '', WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(palette('red')[9] ?? '', WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});
