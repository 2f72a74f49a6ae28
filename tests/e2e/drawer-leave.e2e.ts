import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text, type Language } from './support/locales';
import { snap } from './support/screens';

const CLIENT = { lastName: 'Yoʻldosheva', firstName: 'Sevara' } as const;
const CLIENT_NAME = `${CLIENT.lastName} ${CLIENT.firstName}`;

/** The question "leave this form?" and its two answers, in one language. */
function leaveQuestion(page: Page, language: Language) {
  const dialog = page.getByRole('dialog', { name: text(language, 'common', 'leave.title'), exact: true });
  return {
    dialog,
    stay: dialog.getByRole('button', { name: text(language, 'common', 'leave.stay'), exact: true }),
    leave: dialog.getByRole('button', { name: text(language, 'common', 'leave.leave'), exact: true }),
  };
}

describe('a half-filled form in a drawer asks before Escape, the close button or a click outside drops it', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    await desk.invoke('clients.register', {
      ...CLIENT, patronymic: null, birthDate: '1990-05-04', sex: 'female', pinfl: null, phone: null,
      address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
      categories: [], disabilityGroup: null, languages: ['uz'], identityDocument: null, remarks: null,
    });
    await desk.invoke('auth.signOut', {});
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const language of LANGUAGES) {
    it(`${language}: untouched closes at once; typed text asks, "stay" keeps it, "leave" drops it, all by keyboard`, async () => {
      await new AppShellPage(page).chooseLanguage(language);
      const search = new ClientsSearchPage(page, language);
      await search.navLink().click();
      await search.heading().waitFor();
      // The search box may still be settling after the navigation: type until the person is listed.
      const result = search.results().filter({ hasText: CLIENT_NAME }).first();
      await expect
        .poll(async () => {
          await search.search(CLIENT_NAME);
          return result.isVisible();
        })
        .toBe(true);
      await result.click();
      const client = new ClientsClientPage(page, language);
      await client.heading(CLIENT_NAME).waitFor();
      const agencyLabel = text(language, 'care', 'referrals.agency');
      const openReferralForm = async () => {
        await client.openTab('services');
        await client.section('referrals.title').getByRole('button', { name: text(language, 'care', 'referrals.create'), exact: true }).click();
        await client.referralForm().waitFor();
        return client.referralForm().getByLabel(agencyLabel, { exact: true });
      };
      const question = leaveQuestion(page, language);

      // Opened and left untouched (or typed into and emptied again): nothing to lose, no question.
      let agency = await openReferralForm();
      await agency.fill('Tuman');
      await agency.fill('');
      await client.closeDrawer();

      // Escape with typed text asks; "stay" has the keyboard, Enter keeps everything typed.
      agency = await openReferralForm();
      await agency.click();
      await page.keyboard.type('Tuman shifoxonasi');
      await page.keyboard.press('Escape');
      await question.dialog.waitFor();
      expect(await question.stay.evaluate((button) => button === document.activeElement)).toBe(true);
      await snap(page, `drawer-leave-question-${language}`);
      await page.keyboard.press('Enter');
      await question.dialog.waitFor({ state: 'detached' });
      expect(await agency.inputValue()).toBe('Tuman shifoxonasi');

      // Escape inside the question is "stay" too; it does not close the drawer behind it.
      await page.keyboard.press('Escape');
      await question.dialog.waitFor();
      await page.keyboard.press('Escape');
      await question.dialog.waitFor({ state: 'detached' });
      expect(await agency.inputValue()).toBe('Tuman shifoxonasi');

      // The close button asks; "leave" (Tab, Enter) drops the text and closes the drawer.
      await client.drawer(text(language, 'care', 'referrals.create')).getByRole('button', { name: text(language, 'common', 'actions.close'), exact: true }).click();
      await question.dialog.waitFor();
      await page.keyboard.press('Tab');
      expect(await question.leave.evaluate((button) => button === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').first().waitFor({ state: 'detached' });
      expect(await client.referralForm().count()).toBe(0);

      // A click outside the drawer asks as well; opened again after leaving, the form is empty.
      agency = await openReferralForm();
      expect(await agency.inputValue()).toBe('');
      await agency.fill('Adliya boʻlimi');
      await page.mouse.click(40, 400);
      await question.dialog.waitFor();
      await question.leave.click();
      await page.getByRole('dialog').first().waitFor({ state: 'detached' });

      // The client's record: the form's own cancel button asks too, once a field was changed.
      await client.startEditing();
      const editForm = page.getByRole('form', { name: text(language, 'clients', 'edit.title') });
      const remarks = editForm.getByLabel(text(language, 'clients', 'field.remarks'), { exact: true });
      await remarks.fill('Onasi bilan keladi');
      await editForm.getByRole('button', { name: text(language, 'common', 'actions.cancel'), exact: true }).click();
      await question.dialog.waitFor();
      await question.stay.click();
      expect(await remarks.inputValue()).toBe('Onasi bilan keladi');
      await page.keyboard.press('Escape');
      await question.leave.click();
      await page.getByRole('dialog').first().waitFor({ state: 'detached' });
    });
  }
});
