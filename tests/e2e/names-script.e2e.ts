import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsRegisterPage } from './pages/clients-register';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text, type Language } from './support/locales';
import { snap } from './support/screens';

/**
 * Client names in the reader's script (issue 9, item 1): a receptionist registers a client typed
 * in Cyrillic, turns the preference on in her own account, and reads the name in Latin in the
 * search results and the page heading while the identity card keeps it as typed; in Uzbek
 * Cyrillic a Latin-typed name reads in Cyrillic. Every screen looked at is checked with axe.
 */

const CYRILLIC = { lastName: 'Жўраев', firstName: 'Шухрат', patronymic: 'Акмалович' } as const;
const CYRILLIC_IN_LATIN = 'Joʻrayev Shuxrat Akmalovich';
const LATIN = { lastName: 'Gʻofurova', firstName: 'Maʼmura' } as const;
const LATIN_IN_CYRILLIC = 'Ғофурова Маъмура';

describe('clients: names shown in the reader\'s script', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    await receptionist.invoke('clients.register', { ...LATIN, birthDate: '1979-11-02', sex: 'female' });
    await receptionist.invoke('auth.signOut', {});
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  async function setPreference(language: Language, isOn: boolean): Promise<void> {
    await shell.openUserMenu();
    await page.getByRole('menuitem', { name: text(language, 'common', 'nav.account'), exact: true }).click();
    const toggle = page.getByRole('switch', { name: text(language, 'auth', 'account.names.label'), exact: true });
    await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);
    if ((await toggle.isChecked()) !== isOn) await toggle.click({ force: true });
    await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(isOn);
    await page.getByText(text(language, 'auth', 'account.names.saved'), { exact: true }).waitFor();
  }

  async function openFromSearch(language: Language, query: string, shownName: string): Promise<ClientsClientPage> {
    const search = new ClientsSearchPage(page, language);
    await search.navLink().click();
    await search.heading().waitFor();
    await search.search(query);
    await expect.poll(async () => search.results().first().textContent(), { timeout: 10_000 }).toContain(shownName);
    await search.results().first().click();
    const client = new ClientsClientPage(page, language);
    await client.heading(shownName).waitFor();
    return client;
  }

  it('registers a Cyrillic-typed name and shows it as typed while the preference is off', async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.search(`${CYRILLIC.lastName} ${CYRILLIC.firstName}`);
    await search.noResults().waitFor();
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.heading().waitFor();
    await form.fill({ ...CYRILLIC, birthDate: '1988-04-17', sex: 'male' });
    await form.submit();
    await new ClientsClientPage(page, 'uz-Latn').heading(`${CYRILLIC.lastName} ${CYRILLIC.firstName} ${CYRILLIC.patronymic}`).waitFor();
    await openFromSearch('uz-Latn', 'Joʻrayev', `${CYRILLIC.lastName} ${CYRILLIC.firstName} ${CYRILLIC.patronymic}`);
  });

  it('in Latin (uz-Latn): the search results and the heading in Latin, the identity card as typed', async () => {
    await setPreference('uz-Latn', true);
    await snap(page, 'names-script-account.uz-Latn');
    const client = await openFromSearch('uz-Latn', CYRILLIC.lastName, CYRILLIC_IN_LATIN);
    const identity = client.identity();
    await identity.getByText(CYRILLIC.lastName, { exact: true }).waitFor();
    await identity.getByText(CYRILLIC.firstName, { exact: true }).waitFor();
    await identity.getByText(text('uz-Latn', 'clients', 'page.nameAsTyped'), { exact: true }).waitFor();
    expect(await identity.getByText(CYRILLIC_IN_LATIN).count()).toBe(0);
    await snap(page, 'names-script-client.uz-Latn');
  });

  it('in Cyrillic (uz-Cyrl): a Latin-typed name in Cyrillic, the identity card as typed', async () => {
    await shell.chooseLanguage('uz-Cyrl');
    const client = await openFromSearch('uz-Cyrl', LATIN.lastName, LATIN_IN_CYRILLIC);
    const identity = client.identity();
    await identity.getByText(LATIN.lastName, { exact: true }).waitFor();
    await identity.getByText(text('uz-Cyrl', 'clients', 'page.nameAsTyped'), { exact: true }).waitFor();
    await snap(page, 'names-script-client.uz-Cyrl');
    // The Cyrillic-typed name is already in the reader's script: shown as typed.
    await openFromSearch('uz-Cyrl', 'Joʻrayev', `${CYRILLIC.lastName} ${CYRILLIC.firstName} ${CYRILLIC.patronymic}`);
  });

  it('in Russian the names read in Cyrillic, in English in Latin', async () => {
    await shell.chooseLanguage('ru');
    await openFromSearch('ru', LATIN.lastName, LATIN_IN_CYRILLIC);
    await snap(page, 'names-script-client.ru');
    await shell.chooseLanguage('en');
    await openFromSearch('en', CYRILLIC.lastName, CYRILLIC_IN_LATIN);
    await snap(page, 'names-script-client.en');
  });

  it('turned off again, every name is shown as typed', async () => {
    await setPreference('en', false);
    await snap(page, 'names-script-account.en');
    const client = await openFromSearch('en', 'Joʻrayev', `${CYRILLIC.lastName} ${CYRILLIC.firstName} ${CYRILLIC.patronymic}`);
    expect(await client.identity().getByText(text('en', 'clients', 'page.nameAsTyped'), { exact: true }).count()).toBe(0);
  });
});
