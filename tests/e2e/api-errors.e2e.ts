import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { DiagnosticsPage } from './pages/diagnostics-page';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text, type Language } from './support/locales';

describe('API errors reach the UI typed and localized', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ devMethods: true });
    // The console is the administrator's: a center and its administrator first.
    await setUpCenterWithReceptionist(harness);
    browser = await launchBrowser();
    page = await browser.newPage();
    const shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new SignInPage(page, 'uz-Latn').signIn(ADMIN.username, ADMIN.password);
    await shell.openDiagnostics();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  async function diagnosticsIn(language: Language): Promise<DiagnosticsPage> {
    await new AppShellPage(page).chooseLanguage(language);
    const diagnostics = new DiagnosticsPage(page, language);
    await diagnostics.heading().waitFor();
    return diagnostics;
  }

  it('an unknown method', async () => {
    const diagnostics = await diagnosticsIn('ru');
    await diagnostics.send('nothing.here', '{}');
    const alert = diagnostics.errorAlert();
    await alert.getByText(text('ru', 'errors', 'UNKNOWN_METHOD')).waitFor();
    expect(await alert.textContent()).toContain('UNKNOWN_METHOD');
  });

  it('invalid input, with the field problem localized', async () => {
    const diagnostics = await diagnosticsIn('en');
    await diagnostics.send('system.info', '"not an object"');
    const alert = diagnostics.errorAlert();
    await alert.getByText(text('en', 'errors', 'INVALID_INPUT')).waitFor();
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([
      `${text('en', 'common', 'error.wholeInput')}: ${text('en', 'validation', 'invalid_type')}`,
    ]);
  });

  it('a handler that throws, without what it threw', async () => {
    const diagnostics = await diagnosticsIn('uz-Cyrl');
    await diagnostics.send('dev.fail', '{}');
    const alert = diagnostics.errorAlert();
    await alert.getByText(text('uz-Cyrl', 'errors', 'INTERNAL')).waitFor();
    expect(await alert.textContent()).toContain('INTERNAL');
    expect(await page.content()).not.toContain('a handler that throws');
    expect(harness.stderr()).not.toContain('a handler that throws');
  });

  it('a successful call shows its result', async () => {
    const diagnostics = await diagnosticsIn('uz-Latn');
    await diagnostics.send('system.info', '{}');
    await diagnostics.result().waitFor();
    expect(await diagnostics.result().textContent()).toContain('"database": "open"');
  });
});
