import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsRegisterPage } from './pages/clients-register';
import { ClientsSearchPage } from './pages/clients-search';
import { fillDay } from './pages/date-field';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

/** A calendar day `days` from today on this machine (the harness's core runs on the same clock). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Four different people (no two alike in any script, so none is a possible duplicate of another). */
const PEOPLE = {
  'uz-Latn': ['Rahimova', 'Nodira'],
  'uz-Cyrl': ['Тошматова', 'Гулбаҳор'],
  ru: ['Кузнецова', 'Ирина'],
  en: ['Green', 'Alice'],
} as const;

/** What the focused element is, and whether it is on screen between the fixed header and foot. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return null;
    const box = element.getBoundingClientRect();
    const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    const footer = document.querySelector('footer')?.getBoundingClientRect().top ?? window.innerHeight;
    const labels = element.id ? [...document.querySelectorAll(`label[for="${element.id}"]`)].map((label) => label.textContent ?? '') : [];
    return { tag: element.tagName, label: labels.join(' '), text: element.textContent ?? '', isInView: box.top >= header && box.bottom <= footer };
  });
}

describe('forms say what went wrong where the eye is, ask before being left, and confirm a save', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('the sign-in username has the keyboard on arrival; a refused sign-in focuses its message', async () => {
    const signIn = new SignInPage(page, 'uz-Latn');
    await signIn.heading().waitFor();
    expect(await signIn.username().evaluate((element) => element === document.activeElement)).toBe(true);
    await signIn.signIn(RECEPTIONIST.username, 'Notogri-parol-123!');
    await signIn.errorAlert().waitFor();
    await expect.poll(async () => (await focused(page))?.text ?? '').toContain(text('uz-Latn', 'common', 'error.title'));
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  for (const language of LANGUAGES) {
    it(`${language}: the first field is focused, a core refusal focuses the field in view, leaving asks first, the registration is confirmed`, async () => {
      const shell = new AppShellPage(page);
      await shell.chooseLanguage(language);
      const search = new ClientsSearchPage(page, language);
      await search.navLink().click();
      await search.startRegistration();
      const form = new ClientsRegisterPage(page, language);
      await form.heading().waitFor();
      expect(await form.field('lastName').evaluate((element) => element === document.activeElement)).toBe(true);

      // Only the core knows today's date here: its refusal takes the keyboard to the field, on screen.
      const [lastName, firstName] = PEOPLE[language];
      await form.fill({ lastName, firstName, birthDate: dayFromToday(3), sex: 'female' });
      await form.field('remarks').scrollIntoViewIfNeeded();
      await form.submit();
      expect(await form.fieldErrorOf('birthDate')).toBe(text(language, 'clients', 'issue.future_date'));
      await expect.poll(async () => (await focused(page))?.label ?? '').toContain(text(language, 'clients', 'field.birthDate'));
      expect((await focused(page))?.isInView).toBe(true);
      // The date's picker waits to be asked, so it does not cover the message under the field.
      expect(await page.locator('[data-dates-dropdown]').count()).toBe(0);
      await snap(page, `forms.refusal-focus.${language}`);

      // Leaving the half-filled form asks first; staying keeps what was typed.
      await search.navLink().click();
      const dialog = page.getByRole('dialog', { name: text(language, 'common', 'leave.title') });
      await dialog.waitFor();
      await snap(page, `forms.leave.${language}`);
      await dialog.getByRole('button', { name: text(language, 'common', 'leave.stay'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await form.field('lastName').inputValue()).toBe(lastName);

      await fillDay(form.field('birthDate'), '1991-04-12');
      await form.submit();
      await new ClientsClientPage(page, language).heading(`${lastName} ${firstName}`).waitFor();
      await page.getByText(text(language, 'common', 'done.registered'), { exact: true }).waitFor();

      // A saved form is left without a question; so is one left untouched.
      await search.navLink().click();
      await search.heading().waitFor();
      await search.startRegistration();
      await form.heading().waitFor();
      await form.field('firstName').fill('Aziza');
      await search.navLink().click();
      await dialog.getByRole('button', { name: text(language, 'common', 'leave.leave'), exact: true }).click();
      await search.heading().waitFor();
    });
  }
});
