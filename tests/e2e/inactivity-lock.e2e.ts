import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShellPage } from './pages/app-shell';
import { LockScreenPage } from './pages/lock-screen';
import { SignInPage } from './pages/sign-in-page';
import { callApi } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';

const ADMIN = { displayName: 'Malika Yusupova', username: 'malika', password: 'Yashil-choy-stakan-9' };

/**
 * The inactivity lock follows the center's own setting. The page's clock is Playwright's, so
 * minutes of "no input" pass in milliseconds; the lock itself is the real UI and core code.
 */
describe('inactivity lock', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;

  beforeAll(async () => {
    harness = await startHarness();
    await callApi(harness, 'setup.createCenter', {
      center: { name: 'Yunusobod markazi', type: 'rehabilitation', regionCode: '1726', districtCode: '1726266' },
      admin: ADMIN,
    });
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
});
