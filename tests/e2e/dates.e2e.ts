import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/ru';
import 'dayjs/locale/uz';
import 'dayjs/locale/uz-latn';
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
import { LANGUAGES, text, type Language } from './support/locales';
import { snap } from './support/screens';

/** One person per language, typed the way a receptionist types a date: with or without the dots. */
const PEOPLE: Readonly<Record<Language, { lastName: string; firstName: string; typed: string; sex: 'male' | 'female' }>> = {
  'uz-Latn': { lastName: 'Qodirova', firstName: 'Malika', typed: '15031985', sex: 'female' },
  'uz-Cyrl': { lastName: 'Тошпўлатов', firstName: 'Бекзод', typed: '15.03.1985', sex: 'male' },
  ru: { lastName: 'Смирнова', firstName: 'Ольга', typed: '15031985', sex: 'female' },
  en: { lastName: 'Brown', firstName: 'Alice', typed: '15.03.1985', sex: 'female' },
};
const DAYJS_LOCALE: Readonly<Record<Language, string>> = { 'uz-Latn': 'uz-latn', 'uz-Cyrl': 'uz', ru: 'ru', en: 'en' };

describe('dates: typed day first, stored as typed, in every language', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    // A browser whose own locale writes dates month first: the field must not care.
    browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const language of LANGUAGES) {
    it(`${language}: a date typed day first is stored as typed; the year switch keeps the year; the edit form shows the stored sex`, async () => {
      const person = PEOPLE[language];
      await new AppShellPage(page).chooseLanguage(language);
      const search = new ClientsSearchPage(page, language);
      await search.navLink().click();
      await search.startRegistration();
      const form = new ClientsRegisterPage(page, language);
      await form.heading().waitFor();
      await form.field('lastName').fill(person.lastName);
      await form.field('firstName').fill(person.firstName);

      const birthDate = form.field('birthDate');
      await birthDate.click();
      // The picker speaks the interface's language.
      const month = dayjs().locale(DAYJS_LOCALE[language]).format('MMMM YYYY');
      await page.locator('[data-dates-dropdown]').getByText(month, { exact: false }).first().waitFor();
      await birthDate.pressSequentially(person.typed);
      await birthDate.press('Tab');
      expect(await birthDate.inputValue()).toBe('15.03.1985');
      // A stray Tab out of the date goes on to the sex, never onto the "only the year" switch.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('radio');

      // Only the year is known: the typed year is kept; and back to a full date.
      const yearOnly = page.getByRole('button', { name: text(language, 'clients', 'field.isBirthYearEstimated'), exact: true });
      await yearOnly.click();
      const year = form.field('estimatedBirthYear');
      expect(await year.inputValue()).toBe('1985');
      expect(await year.evaluate((element) => element === document.activeElement)).toBe(true);
      await yearOnly.click();
      await birthDate.waitFor();
      expect(await birthDate.inputValue()).toBe('');
      await birthDate.pressSequentially(person.typed);
      await birthDate.press('Tab');

      await page.getByRole('radio', { name: text(language, 'clients', `sex.${person.sex}`), exact: true }).check();
      await snap(page, `dates.register.${language}`);
      await form.submit();
      const client = new ClientsClientPage(page, language);
      await client.heading(`${person.lastName} ${person.firstName}`).waitFor();

      const desk = apiClient(harness);
      await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
      const found = await desk.invoke('clients.search', { query: `${person.lastName} ${person.firstName}` });
      const stored = found.items.find((item) => item.lastName === person.lastName);
      expect(stored?.birthDate).toBe('1985-03-15');
      expect(stored?.isBirthDateEstimated).toBe(false);
      await desk.invoke('auth.signOut', {});

      await client.startEditing();
      expect(await form.field('birthDate').inputValue()).toBe('15.03.1985');
      expect(await page.getByRole('radio', { name: text(language, 'clients', `sex.${person.sex}`), exact: true }).isChecked()).toBe(true);
      await client.closeDrawer();
    });
  }
});
