import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

const ADMIN = { displayName: 'Dilnoza Karimova', username: 'admin', password: 'Kuchli-parol-2026!' } as const;
const FIRST = { displayName: 'Malika Yusupova', username: 'malika', password: 'Psixolog-parol-2026!' } as const;
const SECOND = { displayName: 'Sevara Tursunova', username: 'sevara', password: 'Supervizor-parol-26!' } as const;

describe('notes access: the page says plainly who holds the key to counseling notes and who can give it', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let recoveryCode = '';

  beforeAll(async () => {
    harness = await startHarness();
    const admin = apiClient(harness);
    const setup = await admin.invoke('setup.createCenter', {
      center: { name: 'Chilonzor tumani ijtimoiy xizmatlar markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
      admin: ADMIN,
    });
    recoveryCode = setup.recoveryCode;
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    for (const [person, role] of [[FIRST, 'psychologist'], [SECOND, 'supervisor']] as const) {
      const added = await admin.invoke('staff.add', { displayName: person.displayName, username: person.username, role });
      const own = apiClient(harness);
      await own.invoke('auth.signIn', { username: person.username, password: added.temporaryPassword });
      await own.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: person.password });
      await own.invoke('auth.signOut', {});
    }
    await admin.invoke('auth.signOut', {});
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  async function signInAs(person: { readonly username: string; readonly password: string }): Promise<void> {
    await new SignInPage(page, 'uz-Latn').signIn(person.username, person.password);
    await new AppShellPage(page).navigateTo('uz-Latn', 'staff', 'confidential.nav');
  }

  it('tells a psychologist, in every language, that nobody holds the key yet and how the first one is given, and offers no grant', async () => {
    await signInAs(FIRST);
    const shell = new AppShellPage(page);
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      const notice = page.getByRole('status').filter({ hasText: text(language, 'staff', 'confidential.status.nobodyTitle') });
      await notice.getByText(text(language, 'staff', 'confidential.status.nobodyRecoverable'), { exact: true }).waitFor();
      // Nothing to give yet: no grant buttons.
      await page.getByRole('button', { name: text(language, 'staff', 'confidential.grantFor', { name: SECOND.displayName }), exact: true }).waitFor({ state: 'detached' });
      await snap(page, `notes-access.nobody.${language}`);
    }
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
  });

  it('names the holder to a colleague without the key, and lets the holder give it', async () => {
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const first = (await admin.invoke('staff.list', {})).find((member) => member.username === FIRST.username);
    await admin.invoke('staff.grantConfidentialByRecovery', { userId: first?.id ?? '', recoveryCode, password: FIRST.password });
    await admin.invoke('auth.signOut', {});

    await signInAs(SECOND);
    const lacking = page.getByRole('alert').filter({ hasText: text('uz-Latn', 'staff', 'confidential.youLackTitle') });
    await lacking.getByText(text('uz-Latn', 'staff', 'confidential.youLack', { names: `${FIRST.displayName} (${text('uz-Latn', 'common', 'roles.psychologist')})` }), { exact: true }).waitFor();
    await snap(page, 'notes-access.lacking.uz-Latn');
    const shell = new AppShellPage(page);
    await shell.signOut('uz-Latn');

    await signInAs(FIRST);
    await page.getByText(text('uz-Latn', 'staff', 'confidential.intro'), { exact: true }).waitFor();
    await page.getByRole('button', { name: text('uz-Latn', 'staff', 'confidential.grantFor', { name: SECOND.displayName }), exact: true }).waitFor();
  });
});
