import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { DiagnosticsPage } from './pages/diagnostics-page';
import { LockScreenPage } from './pages/lock-screen';
import { PasswordChangePage } from './pages/password-change';
import { SetupWizardPage } from './pages/setup-wizard';
import { SignInPage } from './pages/sign-in-page';
import { StaffPage } from './pages/staff-page';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';
import { PASSWORD_MIN_LENGTH } from '../../src/core/staff/staff.schema';

const ADMIN = { displayName: 'Dilnoza Karimova', username: 'dilnoza', password: 'Tog-olma-bogi-2026' };
const RECEPTIONIST = { displayName: 'Jasur Aliyev', username: 'jasur', password: 'Qizil-anor-daraxti-7' };

/**
 * The end-to-end path, in Chromium through the harness, across the four languages:
 * set up a center, sign in, add a receptionist, sign out, sign in as the receptionist and change
 * the temporary password, lock, unlock. One browser page all along, as a person would use it.
 */
describe('center setup, staff and the lock screen', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  let temporaryPassword = '';

  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchBrowser();
    page = await browser.newPage();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('sets up the center in Uzbek (Latin), with localized field errors first', async () => {
    const wizard = new SetupWizardPage(page, 'uz-Latn');
    await wizard.heading().waitFor();
    await wizard.next();
    await page.getByText(text('uz-Latn', 'validation', 'soato.region'), { exact: true }).waitFor();
    await wizard.fillCenter({ name: 'Chilonzor INSON markazi', type: 'mahalla', region: 'Samarqand viloyati', district: 'Oqdaryo tumani' });
    await wizard.next();

    await wizard.fillAdmin({ ...ADMIN, password: 'qisqa' }, 'boshqa');
    await wizard.create();
    await page.getByText(text('uz-Latn', 'validation', 'password.tooShort', { passwordMinLength: String(PASSWORD_MIN_LENGTH) }), { exact: true }).waitFor();
    await page.getByText(text('uz-Latn', 'validation', 'password.mismatch'), { exact: true }).waitFor();
    await snap(page, 'setup-admin-errors.uz-Latn');

    await wizard.fillAdmin(ADMIN);
    await wizard.create();
    await wizard.recoveryCode().waitFor();
    const code = ((await wizard.recoveryCode().textContent()) ?? '').trim();
    expect(code).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    await snap(page, 'setup-recovery.uz-Latn');
    // The printed sheet names the center and the day, and only the sheet prints.
    const sheet = page.getByRole('region', { name: text('uz-Latn', 'setup', 'recovery.codeLabel') });
    await sheet.getByText(text('uz-Latn', 'setup', 'recovery.centerLine', { name: 'Chilonzor INSON markazi' }), { exact: true }).waitFor();
    await sheet.getByText(/^Berilgan sana: \d{2}\.\d{2}\.\d{4}$/).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await wizard.recoveryCode().isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: /-guruhini kiriting$/ }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // A wrong group is refused; the right one (typed in lower case) finishes.
    await page.getByRole('textbox', { name: /-guruhini kiriting$/ }).fill('XXXXX');
    await page.getByRole('button', { name: text('uz-Latn', 'setup', 'recovery.finish'), exact: true }).click();
    await page.getByText(/-guruhi emas\.$/).waitFor();
    await wizard.confirmRecoveryCode(code);
    await new SignInPage(page, 'uz-Latn').heading().waitFor();
    expect(await page.getByText(code).count()).toBe(0);
  });

  it('after five wrong passwords shows how long to wait, counting down, and holds the button meanwhile', async () => {
    const signIn = new SignInPage(page, 'uz-Latn');
    const submit = page.getByRole('button', { name: text('uz-Latn', 'auth', 'signIn.submit'), exact: true });
    for (let i = 0; i < 5; i += 1) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth.signIn'));
      await signIn.signIn('mehmon', `notogri-parol-${i}`);
      await answered;
    }
    const timer = page.getByRole('timer');
    await timer.getByText(text('uz-Latn', 'auth', 'throttle.wait', { time: '0:01' })).waitFor();
    expect(await submit.isDisabled()).toBe(true);
    // The wait ends on its own: the countdown goes and the form may try again.
    await timer.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await submit.isDisabled()).toBe(false);
  });

  it('refuses a wrong password, keeps what was typed, then signs the administrator in', async () => {
    const signIn = new SignInPage(page, 'uz-Latn');
    await signIn.signIn(ADMIN.username, 'notogri-parol-123');
    await signIn.errorAlert().getByText(text('uz-Latn', 'errors', 'WRONG_PASSWORD')).waitFor();
    expect(await signIn.username().inputValue()).toBe(ADMIN.username);
    await snap(page, 'sign-in-refused.uz-Latn');
    await signIn.password().fill(ADMIN.password);
    await page.getByRole('button', { name: text('uz-Latn', 'auth', 'signIn.submit'), exact: true }).click();
    await shell.navigationLinks('uz-Latn').first().waitFor();
    const links = await shell.navigationLinks('uz-Latn').allTextContents();
    for (const key of ['home', 'staff', 'center', 'account']) expect(links).toContain(text('uz-Latn', 'common', `nav.${key}`));
  });

  it('adds a receptionist in Russian and shows the temporary password once', async () => {
    await shell.chooseLanguage('ru');
    await shell.navigate('ru', 'nav.staff');
    const staff = new StaffPage(page, 'ru');
    await staff.heading().waitFor();
    await staff.add(RECEPTIONIST.displayName, 'Bad Name!', 'receptionist');
    await page.getByText(text('ru', 'validation', 'username.format'), { exact: true }).waitFor();
    await staff.add(RECEPTIONIST.displayName, RECEPTIONIST.username, 'receptionist');
    temporaryPassword = await staff.temporaryPassword();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await snap(page, 'staff-added.ru');
    await staff.row(RECEPTIONIST.displayName).getByText(text('ru', 'staff', 'states.temporaryPassword')).waitFor();
    expect(await staff.row(RECEPTIONIST.displayName).textContent()).toContain(text('ru', 'common', 'roles.receptionist'));
    await staff.dismissTemporaryPassword();
    expect(await page.getByText(temporaryPassword).count()).toBe(0);

    // The same username again says exactly that, in every language, not "someone else changed this record".
    for (const language of ['ru', 'uz-Cyrl', 'en', 'uz-Latn'] as const) {
      await shell.chooseLanguage(language);
      const again = new StaffPage(page, language);
      await again.add('Boshqa Jasur', RECEPTIONIST.username, 'trainer');
      await page.getByRole('alert').getByText(text(language, 'errors', 'reasons.CONFLICT.usernameTaken')).waitFor();
    }

    // Adding an administrator asks for one's own password again, in every language.
    for (const language of ['uz-Latn', 'uz-Cyrl', 'en', 'ru'] as const) {
      await shell.chooseLanguage(language);
      await page.getByRole('combobox', { name: text(language, 'staff', 'role'), exact: true }).selectOption('administrator');
      await page.getByLabel(text(language, 'staff', 'add.actorPassword'), { exact: true }).waitFor();
    }
    const admins = new StaffPage(page, 'ru');
    await admins.add('Ikkinchi Administrator', 'ikkinchi', 'administrator');
    await page.getByRole('alert').getByText(text('ru', 'errors', 'reasons.CONFIRMATION_REQUIRED.actorPassword')).waitFor();
    await page.getByLabel(text('ru', 'staff', 'add.actorPassword'), { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: text('ru', 'staff', 'add.submit'), exact: true }).click();
    expect((await admins.temporaryPassword()).length).toBeGreaterThanOrEqual(10);
    await admins.dismissTemporaryPassword();
    await shell.chooseLanguage('ru');
  });

  it('resets the receptionist\'s password, offers to rotate the keys, and rotates them in every language with the administrator\'s own password', async () => {
    const staff = new StaffPage(page, 'ru');
    await staff.act(RECEPTIONIST.displayName, 'reset');
    temporaryPassword = await staff.temporaryPassword();
    await staff.keyNotice('rotate.afterReset').waitFor();
    await snap(page, 'staff-reset-offers-rotation.ru');
    await staff.rotateKeys(ADMIN.password, 'offer');
    await staff.keyNotice('rotate.done').waitFor();
    await staff.dismissTemporaryPassword();

    // A wrong password of her own is refused in each language; the right one rotates.
    for (const language of ['uz-Cyrl', 'en', 'uz-Latn'] as const) {
      await shell.chooseLanguage(language);
      const localized = new StaffPage(page, language);
      await localized.rotateKeys('not-my-own-password');
      await localized.rotateDialog().getByRole('alert').getByText(text(language, 'errors', 'WRONG_PASSWORD')).waitFor();
      await localized.rotateKeys(ADMIN.password, 'openDialog');
      await localized.rotateDialog().waitFor({ state: 'detached' });
      await localized.keyNotice('rotate.done').waitFor();
    }
    await snap(page, 'staff-keys-rotated.uz-Latn');
    await shell.chooseLanguage('ru');
    await shell.signOut('ru');
    await new SignInPage(page, 'ru').heading().waitFor();
  });

  it('makes the receptionist change the temporary password (English), then hides what the role cannot do', async () => {
    await shell.chooseLanguage('en');
    await new SignInPage(page, 'en').signIn(RECEPTIONIST.username, temporaryPassword);
    const change = new PasswordChangePage(page, 'en');
    await change.forcedHeading().waitFor();
    await change.change(temporaryPassword, temporaryPassword);
    await page.getByText(text('en', 'validation', 'password.sameAsCurrent'), { exact: true }).waitFor();
    await snap(page, 'forced-change-refused.en');
    await change.change(temporaryPassword, RECEPTIONIST.password);
    await shell.navigationLinks('en').first().waitFor();
    const links = await shell.navigationLinks('en').allTextContents();
    expect(links).toContain(text('en', 'common', 'nav.account'));
    expect(links).not.toContain(text('en', 'common', 'nav.staff'));
    expect(links).not.toContain(text('en', 'common', 'nav.center'));
    await snap(page, 'signed-in-receptionist.en');
  });

  it('the core itself refuses the receptionist an administrator method', async () => {
    await shell.openDiagnostics();
    const diagnostics = new DiagnosticsPage(page, 'en');
    await diagnostics.send('staff.list', '{}');
    await diagnostics.errorAlert().getByText(text('en', 'errors', 'FORBIDDEN')).waitFor();
  });

  it('locks with the hot key (Uzbek Cyrillic) and unlocks only with the same password', async () => {
    await shell.chooseLanguage('uz-Cyrl');
    await shell.navigate('uz-Cyrl', 'nav.home');
    await page.keyboard.press('Control+L');
    const lock = new LockScreenPage(page, 'uz-Cyrl');
    await lock.heading().waitFor();
    expect(await shell.navigationLinks('uz-Cyrl').count()).toBe(0);
    await lock.unlock(ADMIN.password);
    await page.getByRole('alert').getByText(text('uz-Cyrl', 'errors', 'WRONG_PASSWORD')).waitFor();
    await snap(page, 'lock-refused.uz-Cyrl');
    await lock.unlock(RECEPTIONIST.password);
    await shell.navigationLinks('uz-Cyrl').first().waitFor();
  });

  it('quick hide blanks the window at once and comes back to the lock screen', async () => {
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('button', { name: text('uz-Cyrl', 'auth', 'quickHide.reveal') }).waitFor();
    expect(await page.getByRole('heading').count()).toBe(0);
    await snap(page, 'quick-hide.uz-Cyrl');
    await page.keyboard.press('Space');
    const lock = new LockScreenPage(page, 'uz-Cyrl');
    await lock.heading().waitFor();
    await lock.unlock(RECEPTIONIST.password);
    await shell.navigationLinks('uz-Cyrl').first().waitFor();
  });
});
