import type { Page } from 'playwright-core';
import type { InputOf } from '../../src/core/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

const TRAINER = { username: 'trener', password: 'Trener-parol-2026!', displayName: 'Anvar Qosimov' };

/** A client with every field filled in, the categories a trainer must not see among them. */
const CLIENT: InputOf<'clients.register'> & { readonly lastName: string; readonly firstName: string } = {
  lastName: 'Yoʻldosheva',
  firstName: 'Malika',
  patronymic: null,
  birthDate: '1990-05-25',
  sex: 'female',
  pinfl: '42505900123453',
  phone: '90 111 22 33',
  identityDocument: { type: 'passport', number: 'ZZ7654321' },
  address: { regionCode: '1726', districtCode: '1726262', mahalla: 'Navbahor', street: 'Mustaqillik 5' },
  categories: ['survivorOfViolence', 'personWithDisability'],
  disabilityGroup: 'II',
  languages: ['uz'],
  remarks: 'Qabulda yigʻladi',
  confirmedWarnings: ['checkDigit', 'birthDateMismatch', 'sexMismatch', 'impossibleDate'],
};

describe("a trainer's view of a client: name, sex, age, disability group, phone; nothing else", () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const added = await admin.invoke('staff.add', { displayName: TRAINER.displayName, username: TRAINER.username, role: 'trainer' });
    await admin.invoke('auth.signOut', {});
    const trainer = apiClient(harness);
    await trainer.invoke('auth.signIn', { username: TRAINER.username, password: added.temporaryPassword });
    await trainer.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: TRAINER.password });
    await trainer.invoke('auth.signOut', {});
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    await desk.invoke('clients.register', CLIENT);
    await desk.invoke('auth.signOut', {});
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await new AppShellPage(page).open(harness.url);
    await new SignInPage(page, 'uz-Latn').signIn(TRAINER.username, TRAINER.password);
    await page.getByRole('heading', { name: text('uz-Latn', 'common', 'home.title'), exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const language of LANGUAGES) {
    it(`shows only the trainer's fields, with no empty labels (${language})`, async () => {
      const clients = (key: string) => text(language, 'clients', key);
      const shell = new AppShellPage(page);
      await shell.chooseLanguage(language);
      await shell.navigateTo(language, 'clients', 'nav');
      const search = new ClientsSearchPage(page, language);
      const name = `${CLIENT.lastName} ${CLIENT.firstName}`;
      await search.search(name);
      // The result shows no PINFL ending: the trainer's view has none.
      await expect.poll(() => search.results().count()).toBe(1);
      expect(await search.results().first().innerText()).not.toMatch(/3453/);
      await search.results().first().click();
      const client = new ClientsClientPage(page, language);
      await client.heading(name).waitFor();
      const identity = client.identity();
      await identity.getByText(clients('page.ageLabel'), { exact: true }).waitFor();
      for (const shown of ['field.lastName', 'field.firstName', 'field.sex', 'field.phone', 'field.disabilityGroup', 'field.languages']) {
        expect(await identity.getByText(clients(shown), { exact: true }).count(), shown).toBe(1);
      }
      for (const hidden of ['field.pinfl', 'page.document', 'page.address', 'field.categories', 'field.remarks', 'field.birthDate']) {
        expect(await identity.getByText(clients(hidden), { exact: true }).count(), hidden).toBe(0);
      }
      const body = await page.locator('body').innerText();
      for (const secret of ['42505900123453', 'ZZ7654321', 'Mustaqillik', 'Navbahor', 'Qabulda', '25.05.1990']) expect(body).not.toContain(secret);
      expect(body).toContain('+998 90 111 22 33');
      // No consents, case or services tab: their details are not the trainer's.
      expect(await client.section('consents.title').count()).toBe(0);
      for (const tab of ['consents', 'case', 'services'] as const) expect(await client.tab(tab).count(), tab).toBe(0);
      await snap(page, `client-trainer-view-${language}`);
    });
  }
});
