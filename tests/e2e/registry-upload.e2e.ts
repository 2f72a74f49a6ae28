import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffMember, ADMIN, RECEPTIONIST, setUpCenterWithReceptionist, type StaffAccount } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { RegistryUploadPage } from './pages/registry-upload';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text, type Language } from './support/locales';
import { startRegistry, type RunningRegistry } from './support/registry';
import { snap } from './support/screens';

const MANAGER: StaffAccount = { username: 'rahbar', password: 'Rahbar-parol-2026!', displayName: 'Zarina Qodirova' };
const CLIENT = {
  lastName: 'Toshmatova', firstName: 'Gulchehra', patronymic: null, birthDate: '1990-05-25', sex: 'female' as const, pinfl: '42505900123456', phone: null,
  address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
  categories: [], languages: ['uz' as const], identityDocument: null, remarks: null,
};


/** A client registered at the front desk (the receptionist's own work, through the API). */
async function registerClient(harness: Harness, lastName: string): Promise<void> {
  const desk = apiClient(harness);
  await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
  await desk.invoke('clients.register', { ...CLIENT, lastName, firstName: lastName === CLIENT.lastName ? CLIENT.firstName : 'Dilbar', birthDate: lastName === CLIENT.lastName ? CLIENT.birthDate : '1975-01-30', pinfl: lastName === CLIENT.lastName ? CLIENT.pinfl : null });
  await desk.invoke('auth.signOut', {});
}

/**
 * Issue 12 from the screen, against a real reference registry in its own process: the manager is
 * told that an administrator enrolls; the administrator's wrong code is refused in words, the
 * right one enrolls and shows the fingerprint; the manager sees the receptionist's client in the
 * preview exactly as it will leave (a pseudonym, no identity), uploads it and sees it
 * acknowledged; a later record goes out on a "USB stick" file, the registry imports it and its
 * receipts file acknowledges the batch here. Every state is pictured and checked by axe, the
 * enrolled page in all four languages at 1366×768.
 */
describe('registry upload', () => {
  let harness: Harness;
  let registry: RunningRegistry;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  const stick = mkdtempSync(join(tmpdir(), 'inson-e2e-stick-'));

  beforeAll(async () => {
    [harness, registry] = await Promise.all([startHarness({ syncIntervalMs: 0 }), startRegistry()]);
    await setUpCenterWithReceptionist(harness);
    await addStaffMember(harness, MANAGER, 'manager');
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await registry?.stop();
    rmSync(stick, { recursive: true, force: true });
  });

  async function signInAs(account: StaffAccount, language: Language): Promise<RegistryUploadPage> {
    await shell.chooseLanguage(language);
    await new SignInPage(page, language).signIn(account.username, account.password);
    await shell.navigateTo(language, 'sync', 'nav');
    const upload = new RegistryUploadPage(page, language);
    await upload.heading().waitFor();
    return upload;
  }

  it('tells a manager that an administrator enrolls the center', async () => {
    const upload = await signInAs(MANAGER, 'uz-Latn');
    await page.getByText(text('uz-Latn', 'sync', 'enroll.managerOnly'), { exact: true }).waitFor();
    expect(await upload.field('enroll.code').count()).toBe(0);
    await snap(page, 'registry-not-enrolled-manager.uz-Latn');
    await shell.signOut('uz-Latn');
  });

  it('refuses a wrong code in words, then enrolls with the letter and shows the fingerprint', async () => {
    const upload = await signInAs(ADMIN, 'uz-Latn');
    await upload.enroll(registry.url, 'WRONG-CODE-0000');
    const refusal = page.getByRole('alert').filter({ hasText: text('uz-Latn', 'errors', 'reasons.CONFLICT.syncEnrollmentRefused') });
    await refusal.waitFor();
    await snap(page, 'registry-enroll-refused.uz-Latn');

    const code = await registry.issueCode('Uchtepa tumani ijtimoiy xizmatlar markazi');
    await upload.enroll(registry.url, code, registry.fingerprint);
    await page.getByRole('heading', { name: text('uz-Latn', 'sync', 'enroll.done'), exact: true }).waitFor();
    const groups = upload.fingerprintGroups().first();
    expect((await groups.innerText()).replace(/\s+/g, ' ').trim()).toBe(registry.fingerprint);
    await snap(page, 'registry-enrolled.uz-Latn');
    await shell.signOut('uz-Latn');
  });

  it('shows the manager what will leave, record by record, uploads it and sees it acknowledged', async () => {
    await registerClient(harness, CLIENT.lastName);
    const upload = await signInAs(MANAGER, 'ru');
    const preview = upload.table('preview.title');
    const clientRow = preview.getByRole('row').filter({ hasText: text('ru', 'sync', 'types.client') });
    await clientRow.first().waitFor();
    // No registry-sharing consent: the client travels under a pseudonym, her name does not travel at all.
    await clientRow.getByText(text('ru', 'sync', 'preview.pseudonym'), { exact: true }).waitFor();
    expect(await preview.getByText(CLIENT.lastName).count()).toBe(0);
    expect(await upload.count('pending').innerText()).not.toBe('0');
    await snap(page, 'registry-preview.ru');

    await upload.button('actions.uploadNow').click();
    await upload.notification('result.done', { acknowledged: '1', held: '0', refused: '0' }).waitFor();
    await page.getByText(text('ru', 'sync', 'preview.none'), { exact: true }).waitFor();
    expect(await upload.count('pending').innerText()).toBe('0');
    expect(await upload.count('acknowledged').innerText()).toMatch(/^1\b/);
    await upload.table('batches.title').getByText(text('ru', 'sync', 'states.acknowledged'), { exact: true }).waitFor();
  });

  it('pictures the enrolled page in all four languages at 1366×768', async () => {
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      const upload = new RegistryUploadPage(page, language);
      await upload.heading().waitFor();
      await upload.button('actions.uploadNow').waitFor();
      await snap(page, `registry-status.${language}`);
    }
    await shell.chooseLanguage('ru');
  });

  it('exports a later record to a file and acknowledges it with the registry receipts file', async () => {
    await registerClient(harness, 'Karimova');
    const upload = new RegistryUploadPage(page, 'ru');
    // Away and back: the page reads the status afresh, as a manager coming back to it would.
    await shell.navigate('ru', 'nav.home');
    await shell.navigateTo('ru', 'sync', 'nav');
    await upload.heading().waitFor();
    // The new client's record, and whatever else the center wrote since (a setting, a backup): at least one.
    await expect.poll(async () => Number(/\d+/.exec(await upload.count('pending').innerText())?.[0] ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    const pending = /\d+/.exec(await upload.count('pending').innerText())?.[0] ?? '';
    // A path is suggested (there is no file dialog); a folder that is not there is refused in words and nothing is sealed.
    expect(await upload.field('usb.exportPath').inputValue()).toMatch(/inson-batches-\d{4}-\d{2}-\d{2}\.json$/);
    await upload.exportTo(join(stick, 'no-such-folder', 'inson-batches.json'));
    await page.getByRole('alert').filter({ hasText: text('ru', 'errors', 'reasons.CONFLICT.syncFileNotWritable') }).waitFor();
    expect(await upload.count('pending').innerText()).toBe(pending);
    const transfer = join(stick, 'inson-batches.json');
    await upload.exportTo(transfer);
    await upload.notification('usb.exported', { batches: '1', records: pending }).waitFor();
    expect(existsSync(transfer)).toBe(true);
    await upload.table('batches.title').getByText(text('ru', 'sync', 'states.sealed'), { exact: true }).waitFor();

    await registry.command(['import', transfer]);
    const status = apiClient(harness);
    await status.invoke('auth.signIn', { username: MANAGER.username, password: MANAGER.password });
    const { enrollment } = await status.invoke('sync.status', {});
    await status.invoke('auth.signOut', {});
    const receipts = join(stick, 'inson-receipts.json');
    await registry.command(['export-receipts', '--center', enrollment?.centerId ?? '', '--out', receipts]);
    await upload.importReceipts(receipts);
    await upload.notification('usb.imported', { acknowledged: '1', already: '1', unknown: '0' }).waitFor();
    // The status is read again after the notification; under load that takes a moment.
    await expect.poll(() => upload.count('sealed').innerText(), { timeout: 15_000 }).toMatch(/^0\b/);
    await snap(page, 'registry-usb.ru');
  });

  it('says in words when the receipts file is not one', async () => {
    const upload = new RegistryUploadPage(page, 'en');
    await shell.chooseLanguage('en');
    // The previous case's notification covers the button, as it would for a person: closed first, with its own button.
    const previous = page.getByRole('alert').filter({ hasText: text('ru', 'sync', 'usb.imported', { acknowledged: '1', already: '1', unknown: '0' }) });
    if (await previous.count()) await previous.getByRole('button').first().click();
    await previous.waitFor({ state: 'detached' });
    await upload.importReceipts(join(stick, 'inson-batches.json'));
    await page.getByRole('alert').filter({ hasText: text('en', 'errors', 'reasons.CONFLICT.syncFileDamaged') }).waitFor();
    await snap(page, 'registry-usb-refused.en');
  });

  it('explains in words why an upload did not go through, and when it tries again', async () => {
    await registry.stop();
    const upload = new RegistryUploadPage(page, 'en');
    await upload.button('actions.uploadNow').click();
    const failed = text('en', 'sync', 'result.failed', { reason: text('en', 'sync', 'reasons.network') });
    await page.getByRole('alert').filter({ hasText: failed }).waitFor();
    await page.getByRole('row', { name: new RegExp(text('en', 'sync', 'status.lastError')) }).getByText(text('en', 'sync', 'reasons.network'), { exact: true }).waitFor();
    await page.getByRole('rowheader', { name: text('en', 'sync', 'status.nextAttempt'), exact: true }).waitFor();
    await snap(page, 'registry-unreachable.en');
  });
});
