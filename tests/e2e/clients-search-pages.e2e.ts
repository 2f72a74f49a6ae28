import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { apiClient } from './support/api';
import { AppShellPage } from './pages/app-shell';
import { ClientsSearchPage } from './pages/clients-search';
import { launchBrowser, type Browser } from './support/browser';
import { PROJECT_DIR, startHarness, type Harness } from './support/harness';
import { text, type Language } from './support/locales';

const SCREENSHOTS = join(PROJECT_DIR, 'test-results/screens/clients');

/** More people of one surname than a page holds, registered over the API. */
const SATTOROV_COUNT = 23;
const FIRST_NAMES = ['Alisher', 'Bekzod', 'Davron', 'Erkin', 'Farrux', 'Hamid', 'Ikrom', 'Jasur', 'Komil', 'Laziz', 'Murod'];

describe('clients: the search says how many match and pages through them', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    for (let i = 0; i < SATTOROV_COUNT; i += 1) {
      await receptionist.invoke('clients.register', {
        lastName: 'Sattorov',
        firstName: FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Alisher',
        birthDate: `19${60 + i}-03-0${1 + (i % 9)}`,
        sex: 'male',
        confirmedWarnings: ['possibleDuplicate'],
      });
    }
    await receptionist.invoke('auth.signOut', {});
    browser = await launchBrowser();
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const languages: readonly Language[] = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'];
  for (const language of languages) {
    it(`counts and pages in ${language}`, async () => {
      await new AppShellPage(page).chooseLanguage(language);
      const search = new ClientsSearchPage(page, language);
      await search.heading().waitFor();
      await search.search('Sattorov');
      await expect.poll(async () => search.results().count(), { timeout: 10_000 }).toBe(20);
      const found = new RegExp(`${SATTOROV_COUNT}\\D`);
      await expect.poll(async () => search.resultCount().textContent(), { timeout: 10_000 }).toMatch(found);
      expect(await search.previousPage().isDisabled()).toBe(true);

      await search.nextPage().click();
      await expect.poll(async () => search.results().count(), { timeout: 10_000 }).toBe(SATTOROV_COUNT - 20);
      expect(await search.resultCount().textContent()).toContain(`21–${SATTOROV_COUNT}`);
      expect(await search.nextPage().isDisabled()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `search-second-page-${language}.png`) });
      await search.previousPage().click();
      await expect.poll(async () => search.results().count(), { timeout: 10_000 }).toBe(20);

      // Another query starts at its first page, and a narrow one needs no pager at all.
      await search.search('Sattorov Alisher');
      await expect.poll(async () => search.results().count(), { timeout: 10_000 }).toBe(3);
      expect(await page.getByRole('group', { name: text(language, 'clients', 'search.pages') }).count()).toBe(0);
      await search.search('');
    });
  }
});
