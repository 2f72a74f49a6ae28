import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegister, type GeneratedRegister } from '../../src/core/testing/import-register';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientImportPage } from './pages/client-import';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import type { Language } from './support/locales';
import { snap } from './support/screens';
import { expectAccessible } from './support/accessibility';

/**
 * A receptionist imports the center's Excel register through the real screen in Chromium: the
 * file goes in through the file chooser, the preview counts and lists the refused rows, the
 * report downloads, and the accepted rows of a 5,000-row file are imported in the background with
 * a progress bar that advances while they are written, then this run's refusals download.
 */
describe('clients: importing a register from XLSX', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let register: GeneratedRegister;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    register = await generateRegister(5000, { today: new Date().toISOString().slice(0, 10), seed: 11 });
    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    for (const input of register.existing) await receptionist.invoke('clients.register', { ...input, confirmedWarnings: ['possibleDuplicate'] });
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

  for (const language of ['uz-Cyrl', 'ru', 'en'] as const satisfies readonly Language[]) {
    it(`shows the screen in ${language}`, async () => {
      const shell = new AppShellPage(page);
      await shell.chooseLanguage(language);
      await shell.navigateTo(language, 'clientImport', 'nav');
      const screen = new ClientImportPage(page, language);
      await screen.heading().waitFor();
      await screen.fileInput().waitFor();
    });
  }

  it('previews 5,000 rows, reports the refused ones and imports the rest with a progress bar (uz-Latn)', async () => {
    const shell = new AppShellPage(page);
    await shell.chooseLanguage('uz-Latn');
    await shell.navigateTo('uz-Latn', 'clientImport', 'nav');
    const screen = new ClientImportPage(page, 'uz-Latn');
    await screen.heading().waitFor();
    await screen.fileInput().focus();
    await screen.choose('royxat.xlsx', register.bytes);
    const { expected } = register;
    const summaryText = screen.t('summary', {
      rows: String(expected.rows),
      accepted: String(expected.accepted),
      refused: String(expected.bad + expected.duplicates),
      duplicates: String(expected.duplicates),
      blank: String(expected.blankRows),
    });
    await page.getByRole('status').getByText(summaryText, { exact: true }).waitFor({ timeout: 30_000 });
    expect(await screen.mappingSelect('lastName').inputValue()).toBe('1');
    expect(await screen.mappingSelect('birthDate').inputValue()).toBe('4');
    // Header row plus one row per refusal, the first 100 of them on screen (the report has all).
    const refused = expected.bad + expected.duplicates;
    expect(refused).toBeGreaterThan(100);
    expect(await screen.refusalRows().count()).toBe(1 + 100);
    await page.getByText(screen.t('refusalsShown', { shown: '100', total: String(refused) }), { exact: true }).waitFor();
    await page.getByRole('table', { name: screen.t('refusals') }).getByText(screen.t('reasons.duplicateInFile')).first().waitFor();
    await snap(page, 'client-import.uz-Latn');

    const [download] = await Promise.all([page.waitForEvent('download'), screen.reportButton('csv').click()]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(download.suggestedFilename()).toBe('royxat-refused.csv');
    // The last line is the audit chain head the export saw (the import reader skips it).
    expect(lines.at(-1)).toMatch(/^#inson-audit-chain-head;\d+;[0-9a-f]{64}$/);
    const csv = lines.slice(0, -1);
    expect(csv).toHaveLength(1 + expected.bad + expected.duplicates);
    expect(csv[0]?.startsWith(`${screen.t('row')};${screen.t('reason')}`)).toBe(true);

    // Keyboard: the import button is reached and pressed without the mouse.
    await screen.watchProgress();
    await screen.runButton(expected.accepted).focus();
    await page.keyboard.press('Enter');
    await screen.progressBar().first().waitFor({ timeout: 30_000 });
    await screen.done(expected.accepted).waitFor({ timeout: 120_000 });
    await screen.done(expected.accepted).getByText(screen.t('doneRefused', { refused: String(expected.bad + expected.duplicates) }), { exact: false }).waitFor();
    // The bar moved while the rows were checked and written: at least one value between empty and full.
    const values = await screen.progressValuesSeen();
    expect(values.some((value) => value > 0 && value < 100), `progress values seen: ${values.join(', ')}`).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(100);
    await snap(page, 'client-import-done.uz-Latn');
    await expectAccessible(page, 'client-import-done.uz-Latn');

    // This run's refused rows download after it, not the rows it has just imported.
    const [after] = await Promise.all([page.waitForEvent('download'), screen.reportAfterButton('csv').click()]);
    const afterLines = readFileSync(await after.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(afterLines).toHaveLength(1 + expected.bad + expected.duplicates + 1);

    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const again = await receptionist.invoke('clients.importPreview', { fileName: 'royxat.xlsx', contentBase64: register.bytes.toString('base64') });
    expect(again.isSavedMapping).toBe(true);
    expect(again.summary.accepted).toBe(0);
  });
});
