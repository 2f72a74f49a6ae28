import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The rule sets a WCAG 2.1 AA claim covers (2.0 and 2.1, levels A and AA). */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

/**
 * axe keeps "label in name" (WCAG 2.5.3, level A) among its experimental rules, off by default; a
 * control whose spoken name differs from its visible text is the mistake speech-input users meet
 * first ("click Parolni tiklash" must work), so it is switched on.
 */
const EXTRA_RULES = { 'label-content-name-mismatch': { enabled: true } } as const;

/** How many elements a report lists per rule: enough to find the pattern, short enough to read. */
const NODES_PER_RULE = 6;

/**
 * One block per broken rule: impact, rule id and its one-line help, then the elements (CSS
 * targets) with axe's own reason for the first check that failed there (for contrast: the two
 * colours and the ratio).
 */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.slice(0, NODES_PER_RULE).map((node) => {
        const reason = [...node.any, ...node.all, ...node.none].find((check) => check.message)?.message ?? '';
        return `    - ${node.target.map(String).join(' >> ')}${reason ? `\n      ${reason.split('\n')[0] ?? ''}` : ''}`;
      });
      const more = violation.nodes.length > NODES_PER_RULE ? [`    … and ${violation.nodes.length - NODES_PER_RULE} more`] : [];
      return [`  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl.replace(/\?.*$/, '')})`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}

/**
 * Runs axe-core over the page as it is now (WCAG 2.1 A and AA rules) and throws a readable report
 * if anything fails: every screen the e2e suite looks at is also checked for contrast, names,
 * labels, keyboard reach and ARIA, in whichever language it is in. No rule is switched off; one
 * experimental rule is switched on (EXTRA_RULES).
 *
 * @example await expectAccessible(page, 'staff-added.ru');
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Legacy mode runs axe in the page itself; the default mode opens a blank page per check to
  // finish the run, which costs time and puts a stray tab in the tests' browser. The app has no
  // cross-origin frames, the one case the default mode exists for. Only violations are collected
  // in full (passes would be serialised node by node, for nothing).
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ rules: EXTRA_RULES, resultTypes: ['violations'] }).withTags([...WCAG_21_AA_TAGS]).analyze();
  if (results.violations.length === 0) return;
  const language = await page.locator('html').getAttribute('lang');
  throw new Error(`axe: ${results.violations.length} WCAG 2.1 AA rule(s) broken on "${name}" (lang=${language ?? '?'}):\n${formatViolations(results.violations)}`);
}
