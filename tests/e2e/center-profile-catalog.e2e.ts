import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsRegisterPage } from './pages/clients-register';
import { ClientsSearchPage } from './pages/clients-search';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text, type Language } from './support/locales';
import { snap } from './support/screens';
import { LANGUAGE_AUTONYMS } from '../../src/ui/i18n/languages';

/**
 * Issue 9, item 7: what an administrator sets up on day one, on one harness through the four
 * languages: the center's own profile (name, place) and a settings value out of range, the
 * service catalog (add, rename, retire, bring back), and the receptionist's next registration
 * starting on the center's new district.
 */
describe('center profile and service catalog', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  const SERVICE = { 'uz-Latn': 'Tikuvchilik toʻgaragi', 'uz-Cyrl': 'Тикувчилик тўгараги', ru: 'Кружок шитья', en: 'Sewing circle' };
  const RENAMED_RU = 'Швейная мастерская';

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new SignInPage(page, 'uz-Latn').signIn(ADMIN.username, ADMIN.password);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const admin = async () => {
    const client = apiClient(harness);
    await client.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    return client;
  };
  const t = (language: Language, key: string, values?: Record<string, string>) => text(language, 'catalog', key, values);

  it('edits the center name and district; region lists are in alphabetical order (uz-Latn)', async () => {
    await shell.navigate('uz-Latn', 'nav.center');
    const form = page.getByRole('form', { name: text('uz-Latn', 'common', 'center.profile') });
    const region = form.getByRole('combobox', { name: text('uz-Latn', 'setup', 'center.region') });
    await region.locator('option', { hasText: 'Andijon viloyati' }).waitFor({ state: 'attached' });
    const labels = (await region.locator('option').allTextContents()).slice(1);
    expect(labels).toHaveLength(14);
    // The order the browser's own collation gives in Uzbek (ICU's Uzbek rules put "sh" after "z", where it has them).
    expect(labels).toEqual(await page.evaluate((list) => [...list].sort(new Intl.Collator('uz-Latn').compare), labels));
    // Not the official list's code order (Qoraqalpogʻiston Respublikasi, 1735, comes last there).
    expect(labels.slice(0, 3)).toEqual(['Andijon viloyati', 'Buxoro viloyati', 'Fargʻona viloyati']);
    expect(labels.indexOf('Qoraqalpogʻiston Respublikasi')).toBe(7);

    await form.getByRole('textbox', { name: text('uz-Latn', 'setup', 'center.name') }).fill('Yunusobod INSON markazi');
    await form.getByRole('combobox', { name: text('uz-Latn', 'setup', 'center.district') }).selectOption({ label: 'Yunusobod tumani' });
    await form.getByRole('button', { name: text('uz-Latn', 'common', 'center.saveProfile'), exact: true }).click();
    await form.getByRole('status').getByText(text('uz-Latn', 'common', 'center.profileSaved')).waitFor();
    await snap(page, 'center-profile.uz-Latn');
    expect(await (await admin()).invoke('center.get', {})).toMatchObject({ name: 'Yunusobod INSON markazi', regionCode: '1726', districtCode: '1726266' });
  });

  it('refuses a lock timeout out of range with its bound, keeping what was typed (uz-Latn)', async () => {
    const minutes = page.getByRole('textbox', { name: text('uz-Latn', 'common', 'center.inactivityLockMinutes') });
    await minutes.fill('61');
    await minutes.blur();
    // Not clamped to 60 behind the person's back.
    expect(await minutes.inputValue()).toBe('61');
    await page.getByRole('button', { name: text('uz-Latn', 'common', 'actions.save'), exact: true }).click();
    await page.getByText(text('uz-Latn', 'validation', 'numberMax', { maximum: '60' }), { exact: true }).waitFor();
    expect(await minutes.inputValue()).toBe('61');
    await snap(page, 'center-settings-refused.uz-Latn');
    expect((await (await admin()).invoke('center.get', {})).settings.inactivityLockMinutes).toBe(5);
  });

  it('adds a service with its four names (uz-Cyrl)', async () => {
    await shell.chooseLanguage('uz-Cyrl');
    await shell.navigateTo('uz-Cyrl', 'catalog', 'nav');
    await page.getByRole('button', { name: t('uz-Cyrl', 'add.action'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: t('uz-Cyrl', 'add.title') });
    await dialog.getByRole('combobox', { name: t('uz-Cyrl', 'category') }).selectOption('rehabilitation');
    await dialog.getByRole('button', { name: t('uz-Cyrl', 'add.submit'), exact: true }).click();
    // Nothing typed yet: every name is refused where it is, and the dialog stays open.
    expect(await dialog.getByText(text('uz-Cyrl', 'validation', 'required'), { exact: true }).count()).toBe(4);
    for (const [language, name] of Object.entries(SERVICE)) {
      await dialog.getByRole('textbox', { name: t('uz-Cyrl', 'nameIn', { language: LANGUAGE_AUTONYMS[language as Language] }) }).fill(name);
    }
    await dialog.getByRole('button', { name: t('uz-Cyrl', 'add.submit'), exact: true }).click();
    await page.getByRole('status').getByText(t('uz-Cyrl', 'added', { name: SERVICE['uz-Cyrl'] })).waitFor();
    await page.getByRole('row', { name: new RegExp(SERVICE['uz-Cyrl']) }).getByText(t('uz-Cyrl', 'categories.rehabilitation')).waitFor();
    await snap(page, 'catalog-added.uz-Cyrl');
    const { items } = await (await admin()).invoke('services.catalog', {});
    expect(items.find((entry) => entry.names.en === SERVICE.en)).toMatchObject({ category: 'rehabilitation', names: SERVICE, isBuiltIn: false, isActive: true });
  });

  it('renames it (ru)', async () => {
    await shell.chooseLanguage('ru');
    await page.getByRole('button', { name: t('ru', 'rename.actionFor', { name: SERVICE.ru }), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: t('ru', 'rename.title') });
    expect(await dialog.getByRole('combobox', { name: t('ru', 'category') }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: t('ru', 'nameIn', { language: LANGUAGE_AUTONYMS.ru }) }).fill(RENAMED_RU);
    await dialog.getByRole('button', { name: t('ru', 'rename.submit'), exact: true }).click();
    await page.getByRole('status').getByText(t('ru', 'renamed', { name: RENAMED_RU })).waitFor();
    await page.getByRole('rowheader', { name: RENAMED_RU, exact: true }).waitFor();
  });

  it('retires it and brings it back (en)', async () => {
    await shell.chooseLanguage('en');
    await page.getByRole('button', { name: t('en', 'retire.actionFor', { name: SERVICE.en }), exact: true }).click();
    const confirm = page.getByRole('dialog', { name: t('en', 'retire.title') });
    await confirm.getByRole('button', { name: t('en', 'retire.action'), exact: true }).click();
    await page.getByRole('status').getByText(t('en', 'retired', { name: SERVICE.en })).waitFor();
    await page.getByRole('rowheader', { name: SERVICE.en, exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('switch', { name: /^Show retired services/ }).check();
    await page.getByRole('button', { name: t('en', 'restore.actionFor', { name: SERVICE.en }), exact: true }).click();
    await page.getByRole('status').getByText(t('en', 'restored', { name: SERVICE.en })).waitFor();
    await snap(page, 'catalog-restored.en');
    // Ctrl+P prints the page as it is on screen, without the navigation around it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('rowheader', { name: SERVICE.en, exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: t('en', 'title'), exact: true }).isVisible()).toBe(true);
    expect(await shell.navigationLinks('en').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const { items } = await (await admin()).invoke('services.catalog', {});
    expect(items.find((entry) => entry.names.en === SERVICE.en)).toMatchObject({ isActive: true, names: { ...SERVICE, ru: RENAMED_RU } });
  });

  it("starts the receptionist's next registration on the center's new district", async () => {
    await shell.signOut('en');
    const search = new ClientsSearchPage(page, 'en');
    await search.signIn(RECEPTIONIST.username, RECEPTIONIST.password);
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'en');
    await form.heading().waitFor();
    // The selects take the center's place once their option lists have loaded.
    await expect.poll(() => form.field('district').inputValue(), { timeout: 15_000 }).toBe('1726266');
    expect(await form.field('region').inputValue()).toBe('1726');
  });
});

