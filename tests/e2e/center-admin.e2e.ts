import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { LockScreenPage } from './pages/lock-screen';
import { SignInPage } from './pages/sign-in-page';
import { RecoverPage } from './pages/recover-page';
import { StaffPage } from './pages/staff-page';
import { AppError } from '../../src/core/api/errors';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';

const ADMIN = { displayName: 'Malika Yusupova', username: 'malika', password: 'Yashil-choy-stakan-9' };
const NEW_ADMIN_PASSWORD = 'Kok-gumbaz-minora-12';
const TRAINER = { displayName: 'Otabek Rahimov', username: 'otabek' };
const PSYCHOLOGIST = { displayName: 'Nodira Sobirova', username: 'nodira', password: 'Olma-anor-uzum-2026' };
const COLLEAGUE = { displayName: 'Kamola Ergasheva', username: 'kamola', password: 'Qovun-tarvuz-bogi-77' };

/**
 * An administrator's work on a center set up beforehand (through the API): the center's settings
 * and the inactivity lock they drive, resetting and deactivating an account, and getting back in
 * with the recovery code. The page's clock is Playwright's, so minutes of "no input" pass in
 * milliseconds; the lock itself is the real UI and core code.
 */
describe('center administration', () => {
  let recoveryCode = '';
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;

  beforeAll(async () => {
    harness = await startHarness();
    const setup = await apiClient(harness).invoke('setup.createCenter', {
      center: { name: 'Yunusobod markazi', type: 'rehabilitation', regionCode: '1726', districtCode: '1726266' },
      admin: ADMIN,
    });
    recoveryCode = setup.recoveryCode;
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.clock.install();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
    await shell.chooseLanguage('ru');
    await new SignInPage(page, 'ru').signIn(ADMIN.username, ADMIN.password);
    await shell.navigationLinks('ru').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('an administrator sets the timeout on the center page', async () => {
    await shell.navigate('ru', 'nav.center');
    const minutes = page.getByRole('textbox', { name: text('ru', 'common', 'center.inactivityLockMinutes') });
    await minutes.fill('2');
    await page.getByRole('button', { name: text('ru', 'common', 'actions.save'), exact: true }).click();
    await page.getByRole('status').getByText(text('ru', 'common', 'center.saved')).waitFor();
    await snap(page, 'center-settings.ru');
  });

  it('stays open while there is input, and locks after two quiet minutes', async () => {
    await shell.navigate('ru', 'nav.home');
    await page.mouse.move(10, 10);
    await page.clock.fastForward('01:30');
    await page.mouse.move(20, 20);
    await page.clock.fastForward('01:30');
    expect(await new LockScreenPage(page, 'ru').heading().count()).toBe(0);
    await page.clock.fastForward('00:35');
    const lock = new LockScreenPage(page, 'ru');
    await lock.heading().waitFor();
    await lock.unlock(ADMIN.password);
    await shell.navigationLinks('ru').first().waitFor();
  });

  it('resets a password (a new temporary one, shown once) and deactivates the account', async () => {
    await shell.navigate('ru', 'nav.staff');
    const staff = new StaffPage(page, 'ru');
    await staff.heading().waitFor();
    await staff.add(TRAINER.displayName, TRAINER.username, 'trainer');
    const first = await staff.temporaryPassword();
    await staff.dismissTemporaryPassword();

    await staff.act(TRAINER.displayName, 'reset');
    const second = await staff.temporaryPassword();
    expect(second).not.toBe(first);
    await staff.dismissTemporaryPassword();
    await expect(apiClient(harness).invoke('auth.signIn', { username: TRAINER.username, password: first })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });

    await staff.act(TRAINER.displayName, 'deactivate');
    await staff.row(TRAINER.displayName).getByText(text('ru', 'staff', 'states.inactive')).waitFor();
    await snap(page, 'staff-deactivated.ru');
    await expect(apiClient(harness).invoke('auth.signIn', { username: TRAINER.username, password: second })).rejects.toBeInstanceOf(AppError);
  });

  it('reactivates the account with a new temporary password, then renames it and changes its role', async () => {
    const staff = new StaffPage(page, 'ru');
    await staff.reactivate(TRAINER.displayName);
    const temporary = await staff.temporaryPassword();
    await staff.dismissTemporaryPassword();
    await staff.row(TRAINER.displayName).getByText(text('ru', 'staff', 'states.temporaryPassword')).waitFor();
    const back = apiClient(harness);
    expect(await back.invoke('auth.signIn', { username: TRAINER.username, password: temporary })).toMatchObject({ mustChangePassword: true });
    await back.invoke('auth.signOut', {});

    // The dialog is named for the person in every language; the first field has the focus.
    for (const language of ['uz-Latn', 'uz-Cyrl', 'en', 'ru'] as const) {
      await shell.chooseLanguage(language);
      const localized = new StaffPage(page, language);
      const dialog = await localized.openEdit(TRAINER.displayName);
      expect(await dialog.getByRole('textbox', { name: text(language, 'staff', 'displayName'), exact: true }).evaluate((input) => input === document.activeElement)).toBe(true);
      await dialog.getByRole('button', { name: text(language, 'common', 'actions.cancel'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const dialog = await staff.openEdit(TRAINER.displayName);
    await dialog.getByRole('textbox', { name: text('ru', 'staff', 'displayName'), exact: true }).fill('');
    await dialog.getByRole('button', { name: text('ru', 'staff', 'edit.submit'), exact: true }).click();
    await dialog.getByText(text('ru', 'validation', 'required'), { exact: true }).waitFor();
    await dialog.getByRole('textbox', { name: text('ru', 'staff', 'displayName'), exact: true }).fill('Otabek Rahimov-Karimov');
    await dialog.getByRole('combobox', { name: text('ru', 'staff', 'role'), exact: true }).selectOption('receptionist');
    await snap(page, 'staff-edit.ru');
    await dialog.getByRole('button', { name: text('ru', 'staff', 'edit.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const renamed = staff.row('Otabek Rahimov-Karimov');
    await renamed.getByText(text('ru', 'common', 'roles.receptionist'), { exact: true }).waitFor();
  });

  it('gives the first psychologist the key to counseling notes with the recovery code, her own password typed beside it', async () => {
    const staff = new StaffPage(page, 'ru');
    await staff.add(PSYCHOLOGIST.displayName, PSYCHOLOGIST.username, 'psychologist');
    const psychologistTemporaryPassword = await staff.temporaryPassword();
    await staff.dismissTemporaryPassword();
    await staff.add(COLLEAGUE.displayName, COLLEAGUE.username, 'psychologist');
    const colleagueTemporaryPassword = await staff.temporaryPassword();
    await staff.dismissTemporaryPassword();
    // Each chooses her own password first (on her own PC): a temporary one is known to the administrator.
    for (const [person, temporary] of [[PSYCHOLOGIST, psychologistTemporaryPassword], [COLLEAGUE, colleagueTemporaryPassword]] as const) {
      const own = apiClient(harness);
      await own.invoke('auth.signIn', { username: person.username, password: temporary });
      await own.invoke('auth.changePassword', { currentPassword: temporary, newPassword: person.password });
      await own.invoke('auth.signOut', {});
    }
    const awaiting = staff.row(PSYCHOLOGIST.displayName).getByText(text('ru', 'staff', 'states.awaitingConfidential'));
    await awaiting.waitFor();
    // Psychologists without the key: the page says plainly who can give it, and how.
    const nobody = page.getByRole('status').filter({ hasText: text('ru', 'staff', 'confidential.status.nobodyTitle') });
    await nobody.getByText(text('ru', 'staff', 'confidential.status.nobodyRecoverable')).waitFor();
    await staff.grantByRecovery(PSYCHOLOGIST.displayName, 'AAAAA-BBBBB-CCCCC', PSYCHOLOGIST.password);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('note').getByText(text('ru', 'staff', 'origin.neverReset')).waitFor();
    await snap(page, 'grant-refused.ru');
    await staff.grantByRecovery(PSYCHOLOGIST.displayName, recoveryCode, PSYCHOLOGIST.password, false);
    await awaiting.waitFor({ state: 'detached' });
    await nobody.waitFor({ state: 'detached' });
  });

  it('gets the administrator back in with the recovery code', async () => {
    await shell.signOut('ru');
    await shell.chooseLanguage('uz-Latn');
    const signIn = new SignInPage(page, 'uz-Latn');
    await signIn.heading().waitFor();
    await signIn.forgotPassword();
    const recover = new RecoverPage(page, 'uz-Latn');
    // A typo in the second password is caught on the form, before the code is even tried.
    await recover.submit(recoveryCode, ADMIN.username, NEW_ADMIN_PASSWORD, `${NEW_ADMIN_PASSWORD}x`);
    await page.getByText(text('uz-Latn', 'validation', 'password.mismatch'), { exact: true }).waitFor();
    await recover.submit('AAAAA-BBBBB', ADMIN.username, NEW_ADMIN_PASSWORD);
    await page.getByRole('alert').waitFor();
    await snap(page, 'recover-refused.uz-Latn');
    await recover.submit(recoveryCode.toLowerCase(), ADMIN.username, NEW_ADMIN_PASSWORD);
    await recover.done().waitFor();
    await recover.backToSignIn();
    await signIn.signIn(ADMIN.username, NEW_ADMIN_PASSWORD);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  });

  it('the psychologist then gives the key to a colleague in person: the colleague types her password on this screen (English)', async () => {
    await shell.signOut('uz-Latn');
    await shell.chooseLanguage('en');
    await new SignInPage(page, 'en').signIn(PSYCHOLOGIST.username, PSYCHOLOGIST.password);
    await shell.navigateTo('en', 'staff', 'confidential.nav');
    await page.getByRole('button', { name: text('en', 'staff', 'confidential.grantFor', { name: COLLEAGUE.displayName }), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'staff', 'confidential.inPersonTitle') });
    await dialog.getByRole('note').getByText(new RegExp(ADMIN.displayName)).waitFor();
    const password = dialog.getByLabel(text('en', 'staff', 'confidential.recipientPassword', { name: COLLEAGUE.displayName }), { exact: true });
    await password.fill('not-her-password-1');
    await dialog.getByRole('button', { name: text('en', 'staff', 'confidential.grant'), exact: true }).click();
    await dialog.getByRole('alert').getByText(text('en', 'errors', 'WRONG_PASSWORD')).waitFor();
    await password.fill(COLLEAGUE.password);
    await snap(page, 'confidential-in-person.en');
    await dialog.getByRole('button', { name: text('en', 'staff', 'confidential.grant'), exact: true }).click();
    await page.getByRole('status').getByText(text('en', 'staff', 'confidential.granted', { name: COLLEAGUE.displayName })).waitFor();
    await page.getByText(text('en', 'staff', 'confidential.none'), { exact: true }).waitFor();
    await snap(page, 'confidential-granted.en');
    const colleague = apiClient(harness);
    expect(await colleague.invoke('auth.signIn', { username: COLLEAGUE.username, password: COLLEAGUE.password })).toMatchObject({ holdsConfidential: true });
    await colleague.invoke('auth.signOut', {});
  });

  it('the psychologist changes the key to notes with her own password; the colleague needs it from her again (English)', async () => {
    await page.getByRole('button', { name: text('en', 'staff', 'confidential.rotate.action'), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'staff', 'confidential.rotate.title') });
    const password = dialog.getByLabel(text('en', 'staff', 'rotate.password'), { exact: true });
    await password.fill('not-my-password-12');
    await dialog.getByRole('button', { name: text('en', 'staff', 'confidential.rotate.submit'), exact: true }).click();
    await dialog.getByRole('alert').getByText(text('en', 'errors', 'WRONG_PASSWORD')).waitFor();
    await password.fill(PSYCHOLOGIST.password);
    await snap(page, 'confidential-rotate.en');
    await dialog.getByRole('button', { name: text('en', 'staff', 'confidential.rotate.submit'), exact: true }).click();
    await page.getByRole('status').getByText(text('en', 'staff', 'confidential.rotate.done', { count: '1' })).waitFor();
    // The colleague lost the old key: she is listed again, and her own sign-in says so.
    await page.getByRole('button', { name: text('en', 'staff', 'confidential.grantFor', { name: COLLEAGUE.displayName }), exact: true }).waitFor();
    expect(await apiClient(harness).invoke('auth.signIn', { username: COLLEAGUE.username, password: COLLEAGUE.password })).toMatchObject({ holdsConfidential: false });
  });
});
