import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { SetupWizardPage } from './pages/setup-wizard';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { APP_VERSION, LANGUAGES, text, type Language } from './support/locales';

/** Samarqand region (SOATO 1718) as the core names it in each language. */
const REGION_NAMES: Readonly<Record<Language, string>> = {
  'uz-Latn': 'Samarqand viloyati',
  'uz-Cyrl': 'Самарқанд вилояти',
  ru: 'Самаркандская область',
  en: 'Samarkand Region',
};

describe('first screen', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('opens in Uzbek (Latin) on the setup wizard and shows the version from the core', async () => {
    const shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new SetupWizardPage(page, 'uz-Latn').heading().waitFor();
    expect(await shell.htmlLang()).toBe('uz-Latn');
    expect(await shell.version('uz-Latn', APP_VERSION).count()).toBe(1);
    expect(await shell.databaseState('uz-Latn', 'notSetUp').count()).toBe(1);
  });

  it('takes the token out of the address bar once read', async () => {
    expect(page.url()).toBe(`${harness.origin}/`);
    expect(page.url()).not.toContain(harness.token);
  });

  it.each(LANGUAGES)('switches to %s at run time', async (language) => {
    const shell = new AppShellPage(page);
    await shell.chooseLanguage(language);
    await new SetupWizardPage(page, language).heading().waitFor();
    expect(await shell.htmlLang()).toBe(language);
    expect(await shell.version(language, APP_VERSION).count()).toBe(1);
    expect(await shell.databaseState(language, 'notSetUp').count()).toBe(1);
    // The region list comes from the core in the same language.
    const regions = page.getByRole('combobox', { name: text(language, 'setup', 'center.region'), exact: true });
    expect(await regions.locator('option').allTextContents()).toContain(REGION_NAMES[language]);
  });

  it('remembers the language after a reload, and nothing but the language in storage', async () => {
    const shell = new AppShellPage(page);
    await shell.chooseLanguage('ru');
    await page.reload();
    await new SetupWizardPage(page, 'ru').heading().waitFor();
    expect(await shell.currentLanguage()).toBe('ru');
    expect(await shell.htmlLang()).toBe('ru');
    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      cookies: document.cookie,
    }));
    expect(storage).toEqual({ local: ['inson.language'], session: [], cookies: '' });
  });

  it('is usable from the keyboard, with a visible focus ring', async () => {
    await page.reload();
    await new SetupWizardPage(page, 'ru').heading().waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLSelectElement)) return null;
      const style = getComputedStyle(element);
      return { label: element.labels[0]?.textContent ?? '', outline: style.outlineStyle, outlineWidth: style.outlineWidth };
    });
    expect(focused?.label).toBe(text('ru', 'common', 'language.label'));
    expect(focused?.outline).not.toBe('none');
    expect(focused?.outlineWidth).not.toBe('0px');
    // The language switch answers the arrow keys, like any native select.
    await page.keyboard.press('ArrowDown');
    await new SetupWizardPage(page, 'en').heading().waitFor();
  });
});
