import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';

const CLIENT = { lastName: 'Xolmatova', firstName: 'Zarina', patronymic: 'Rustamovna' };

/**
 * Issue 9, item 9: the consent form printed for signature in the client's language, with the
 * center's details, the purposes and the choices already recorded; what leaves the printer is
 * read back from a real PDF of the print (pdftotext), not from the screen.
 */
describe('the consent form for signature', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const outDir = mkdtempSync(join(tmpdir(), 'inson-print-'));

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const client = await desk.invoke('clients.register', {
      ...CLIENT, birthDate: '1985-03-15', sex: 'female', pinfl: null, phone: null,
      address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
      categories: [], languages: ['ru'], identityDocument: null, remarks: null,
    });
    await desk.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: '2026-11-20' });
    await desk.invoke('consents.record', { clientId: client.id, purpose: 'photographs', state: 'refused', decidedOn: '2026-11-20' });
    await desk.invoke('auth.signOut', {});
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await new AppShellPage(page).open(harness.url);
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.signIn(RECEPTIONIST.username, RECEPTIONIST.password);
    await search.search(`${CLIENT.lastName} ${CLIENT.firstName}`);
    await search.results().first().click();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** The text of the page as Chromium prints it to paper. */
  async function printedText(name: string): Promise<string> {
    const pdf = join(outDir, `${name}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  }

  it("opens from the client's consents in the client's language (Russian) while the screen is in Uzbek", async () => {
    await new ClientsClientPage(page, 'uz-Latn').openTab('consents');
    await page.getByRole('link', { name: text('uz-Latn', 'consentForm', 'screen.action'), exact: true }).click();
    await page.getByRole('heading', { name: text('uz-Latn', 'consentForm', 'screen.title'), exact: true }).waitFor();
    const sheet = page.getByRole('region', { name: text('ru', 'consentForm', 'sheet.title') });
    await sheet.getByText(text('ru', 'consentForm', 'sheet.center', { name: 'Uchtepa tumani ijtimoiy xizmatlar markazi', type: text('ru', 'setup', 'centerTypes.mahalla') })).waitFor();
    await sheet.getByText(text('ru', 'consentForm', 'sheet.client', { name: 'Xolmatova Zarina Rustamovna', birth: '15.03.1985' })).waitFor();
    // The recorded choices are ticked: services given, photographs refused, the rest left to tick by hand.
    const row = (purpose: string) => sheet.getByRole('row', { name: new RegExp(`^${text('ru', 'care', `consents.purpose.${purpose}`)}`) });
    expect(await row('services').getByRole('cell').allTextContents()).toEqual(['☒', '☐']);
    expect(await row('photographs').getByRole('cell').allTextContents()).toEqual(['☐', '☒']);
    expect(await row('referral').getByRole('cell').allTextContents()).toEqual(['☐', '☐']);
    await snap(page, 'consent-form.ru');
  });

  it('prints only the sheet, in the chosen language, with the center and the client on it', async () => {
    const printed = await printedText('ru');
    expect(printed).toContain(text('ru', 'consentForm', 'sheet.title'));
    expect(printed).toContain('Xolmatova Zarina Rustamovna');
    expect(printed).toContain('Uchtepa tumani ijtimoiy xizmatlar markazi');
    expect(printed).toContain(text('ru', 'care', 'consents.purpose.registrySharing'));
    // Not the screen around it: no navigation, no buttons, no language switch.
    expect(printed).not.toContain(text('uz-Latn', 'clients', 'nav'));
    expect(printed).not.toContain(text('uz-Latn', 'consentForm', 'screen.print'));
    expect(printed).not.toContain(text('uz-Latn', 'consentForm', 'screen.intro'));

    await page.getByRole('combobox', { name: text('uz-Latn', 'consentForm', 'screen.language') }).selectOption('uz-Cyrl');
    await page.getByRole('region', { name: text('uz-Cyrl', 'consentForm', 'sheet.title') }).waitFor();
    const cyrillic = await printedText('uz-Cyrl');
    expect(cyrillic).toContain(text('uz-Cyrl', 'consentForm', 'sheet.title'));
    expect(cyrillic).toContain(text('uz-Cyrl', 'consentForm', 'sheet.date', { date: '' }).trim());
    await snap(page, 'consent-form.uz-Cyrl');
  });

  it('prints the registration card without PINFL or categories (uz-Latn)', async () => {
    await page.getByRole('link', { name: text('uz-Latn', 'consentForm', 'screen.back'), exact: true }).click();
    await page.getByRole('link', { name: text('uz-Latn', 'consentForm', 'card.action'), exact: true }).click();
    await page.getByRole('combobox', { name: text('uz-Latn', 'consentForm', 'screen.language') }).selectOption('uz-Latn');
    const card = page.getByRole('region', { name: text('uz-Latn', 'consentForm', 'card.title') });
    await card.getByRole('row', { name: new RegExp(`^${text('uz-Latn', 'consentForm', 'card.name')}`) }).getByText('Xolmatova Zarina Rustamovna').waitFor();
    const printed = await printedText('card');
    expect(printed).toContain(text('uz-Latn', 'consentForm', 'card.title'));
    expect(printed).toContain('15.03.1985');
    expect(printed).toContain(text('uz-Latn', 'clients', 'sex.female'));
    expect(printed).toContain('Uchtepa tumani, Toshkent shahri');
    expect(printed).not.toContain(text('uz-Latn', 'clients', 'field.pinfl'));
    await snap(page, 'registration-card.uz-Latn');
  });

  it('prints an ordinary screen as it is, not as blank pages', async () => {
    await page.getByRole('link', { name: text('uz-Latn', 'consentForm', 'screen.back'), exact: true }).click();
    await page.getByRole('heading', { name: 'Xolmatova Zarina Rustamovna' }).waitFor();
    await new ClientsClientPage(page, 'uz-Latn').openTab('consents');
    const printed = await printedText('client-page');
    expect(printed).toContain('Xolmatova Zarina Rustamovna');
    expect(printed).toContain(text('uz-Latn', 'care', 'consents.title'));
    expect(printed).not.toContain(text('uz-Latn', 'clients', 'nav'));
  });
});
