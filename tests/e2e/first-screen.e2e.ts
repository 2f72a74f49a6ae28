import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { HomePage } from './pages/home-page';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { APP_VERSION, LANGUAGES, text } from './support/locales';

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

  it('opens in Uzbek (Latin) and shows the version from the core', async () => {
    const shell = new AppShellPage(page);
    await shell.open(harness.url);
    const home = new HomePage(page);
    await home.heading('uz-Latn').waitFor();
    expect(await shell.htmlLang()).toBe('uz-Latn');
    expect(await home.version('uz-Latn').textContent()).toBe(APP_VERSION);
    expect(await home.databaseState('uz-Latn').textContent()).toBe(text('uz-Latn', 'common', 'databaseState.notSetUp'));
  });

  it.each(LANGUAGES)('switches to %s at run time', async (language) => {
    const shell = new AppShellPage(page);
    const home = new HomePage(page);
    await shell.chooseLanguage(language);
    await home.heading(language).waitFor();
    expect(await shell.htmlLang()).toBe(language);
    expect(await home.version(language).textContent()).toBe(APP_VERSION);
    expect(await home.databaseState(language).textContent()).toBe(text(language, 'common', 'databaseState.notSetUp'));
    expect(await page.getByText(text(language, 'common', 'status.version', { version: APP_VERSION })).count()).toBe(1);
  });

  it('remembers the language after a reload, and nothing but the language in storage', async () => {
    const shell = new AppShellPage(page);
    await shell.chooseLanguage('ru');
    await page.reload();
    await new HomePage(page).heading('ru').waitFor();
    expect(await shell.currentLanguage()).toBe('ru');
    expect(await shell.htmlLang()).toBe('ru');
    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      cookies: document.cookie,
    }));
    expect(storage).toEqual({ local: ['inson.language'], session: [], cookies: '' });
  });
});
