import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

/** One client per language, none of whom has signed the consent to receive services. */
const CLIENTS = {
  'uz-Latn': { lastName: 'Toʻxtayeva', firstName: 'Barno' },
  'uz-Cyrl': { lastName: 'Раҳимов', firstName: 'Бобур' },
  ru: { lastName: 'Xolmatova', firstName: 'Zarina' },
  en: { lastName: 'Qodirov', firstName: 'Sardor' },
} as const;

describe('services: recording a service needs consent to receive services, or an emergency override with a reason', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const clientIds = new Map<string, string>();

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    for (const language of LANGUAGES) {
      const registered = await receptionist.invoke('clients.register', {
        ...CLIENTS[language], patronymic: null, birthDate: '1985-03-15', sex: 'male', pinfl: null, phone: null,
        address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
        categories: [], languages: ['uz'], identityDocument: null, remarks: null,
      });
      clientIds.set(language, registered.id);
    }
    await receptionist.invoke('auth.signOut', {});
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const language of LANGUAGES) {
    it(`refuses without consent and records an emergency override with its reason (${language})`, async () => {
      const care = (key: string, values?: Record<string, string>) => text(language, 'care', key, values);
      const shell = new AppShellPage(page);
      await shell.chooseLanguage(language);
      await shell.navigateTo(language, 'clients', 'nav');
      const name = `${CLIENTS[language].lastName} ${CLIENTS[language].firstName}`;
      const search = new ClientsSearchPage(page, language);
      await search.search(name);
      await search.results().first().click();
      const client = new ClientsClientPage(page, language);
      await client.heading(name).waitFor();

      const form = await client.openServiceForm();
      await form.getByText(care('services.noConsentTitle'), { exact: true }).waitFor();
      await form.getByLabel(care('services.service'), { exact: true }).selectOption({ index: 1 });
      // Sent without the override: the core refuses, and says why in the UI's language.
      await form.getByRole('button', { name: care('services.record'), exact: true }).click();
      await form.getByRole('alert').filter({ hasText: text(language, 'errors', 'reasons.CONSENT_REQUIRED.services') }).waitFor();
      await snap(page, `services-refused-${language}`);

      await form.getByLabel(care('services.override'), { exact: true }).check();
      await form.getByRole('button', { name: care('services.record'), exact: true }).click();
      await form.getByText(care('services.overrideReasonRequired'), { exact: true }).waitFor();
      const reason = `Kechasi politsiya olib keldi (${language})`;
      await form.getByLabel(care('services.overrideReason'), { exact: true }).fill(reason);
      await form.getByRole('button', { name: care('services.record'), exact: true }).click();

      await client.section('services.title').getByText(care('services.overriddenBecause', { reason }), { exact: true }).waitFor();
      await client.openTab('timeline');
      await client.timelineItems().filter({ hasText: reason }).waitFor();
      await snap(page, `services-override-${language}`);

      const desk = apiClient(harness);
      await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
      const clientId = clientIds.get(language) ?? '';
      const { items } = await desk.invoke('services.listForClient', { clientId });
      expect(items.map((item) => item.consentOverrideReason)).toEqual([reason]);
      await desk.invoke('auth.signOut', {});
    });
  }
});
