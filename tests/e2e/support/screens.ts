import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible } from './accessibility';
import { PROJECT_DIR } from './harness';

const SCREENS_DIR = join(PROJECT_DIR, 'test-results', 'screens');

/**
 * Saves what the page looks like now (test-results/screens/<name>.png) for a person to review:
 * layout and translations are checked by eye, which no assertion replaces. The same state is then
 * checked by axe-core (WCAG 2.1 AA): a screen worth a picture is a screen someone has to be able to use.
 */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  // Let Mantine's transitions settle so the picture shows the resting state.
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}
