import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palette with its two darkest shades of these colours made darker, so that what the
 * components draw with them passes WCAG 2.1 AA (4.5:1 for text):
 * - shade 8 is the filled colour (primaryShade 8): white text on it at 4.6:1 or more (Mantine's
 *   teal 8 gives 3.9:1, its default shade 6 2.6:1); outlines, links and coloured text use it on white;
 * - shade 9 is the text of the light variant (light badges, alerts, the active navigation entry)
 *   on shades 1 and 2 (its background and hover) at 4.6:1 or more, and the filled hover.
 * Shades 0 to 7 stay Mantine's. The values were found by lowering each shade's HSL lightness
 * until it passed; `theme.test.ts` checks every ratio.
 */
function colors(name: 'teal' | 'red' | 'blue' | 'green' | 'yellow' | 'orange', shade8: string, shade9: string): MantineColorsTuple {
  const [c0, c1, c2, c3, c4, c5, c6, c7] = DEFAULT_THEME.colors[name];
  return [c0, c1, c2, c3, c4, c5, c6, c7, shade8, shade9];
}

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 8 },
  // Text on a filled colour follows the colour's lightness (dark on light shades), never white on yellow.
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'sm',
  colors: {
    red: colors('red', '#df2d2d', '#ad2323'),
    blue: colors('blue', '#1971c2', '#14589a'),
    teal: colors('teal', '#09835f', '#087052'),
    green: colors('green', '#298638', '#257232'),
    yellow: colors('yellow', '#aa6200', '#a04e00'),
    orange: colors('orange', '#c54b0c', '#ac370f'),
  },
});

/**
 * Mantine's light-scheme dimmed text (gray 6: 3.3:1 on white) and error text (red 6: 3.3:1) are
 * too faint to read for many staff; gray 7 (8.2:1) and red 9 (6.9:1) pass, also on tinted alerts.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
