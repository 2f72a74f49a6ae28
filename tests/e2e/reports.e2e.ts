import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/ui/api/transport';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist, type StaffAccount } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { PROJECT_DIR, startHarness, type Harness } from './support/harness';
import { text, type Language } from './support/locales';
import { snap } from './support/screens';

const MANAGER: StaffAccount = { username: 'rahbar', password: 'Rahbar-parol-2026!', displayName: 'Bahodir Nazarov' };
const LANGUAGES: readonly Language[] = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'];
const rt = (language: Language, key: string, values?: Record<string, string>) => text(language, 'reports', key, values);

function dayFromToday(offset: number): string {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  return `${String(day.getFullYear())}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** Twelve people served over the last months, some of them several times: enough for charts and for small cells to hide. */
const PEOPLE = [
  ['Karimova', 'Dilnoza', '1985-03-14', 'female'],
  ['Rahimov', 'Aziz', '1990-07-02', 'male'],
  ['Toʻxtayeva', 'Gʻulnora', '2004-05-11', 'female'],
  ['Saidova', 'Madina', '2012-09-20', 'female'],
  ['Ergashev', 'Jasur', '1950-01-30', 'male'],
  ['Qodirova', 'Nilufar', '1978-11-08', 'female'],
  ['Yusupova', 'Zarina', '2001-02-17', 'female'],
  ['Nazarov', 'Bobur', '1969-06-25', 'male'],
  ['Mirzayeva', 'Sevara', '1999-03-03', 'female'],
  ['Aliyeva', 'Kamola', '1958-12-12', 'female'],
  ['Xolmatov', 'Sardor', '2008-04-04', 'male'],
  ['Jurayeva', 'Feruza', '1993-08-19', 'female'],
] as const;

/**
 * Issue 13's dashboard as a manager: it renders in the four languages (screenshots at 1366×768,
 * axe on each), a number opens the persons behind it, and an export runs in the background with
 * its progress shown, can be cancelled, and when left to finish saves a file whose small counts
 * are hidden.
 */
describe('reports as a manager', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  const downloads = mkdtempSync(join(tmpdir(), 'inson-e2e-reports-'));

  beforeAll(async () => {
    harness = await startHarness({ devMethods: true });
    await setUpCenterWithReceptionist(harness);
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const added = await admin.invoke('staff.add', { displayName: MANAGER.displayName, username: MANAGER.username, role: 'manager' });
    await admin.invoke('auth.signOut', {});
    const manager = apiClient(harness);
    await manager.invoke('auth.signIn', { username: MANAGER.username, password: added.temporaryPassword });
    await manager.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: MANAGER.password });
    await manager.invoke('auth.signOut', {});
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    for (const [index, [lastName, firstName, birthDate, sex]] of PEOPLE.entries()) {
      const client = await desk.invoke('clients.register', {
        lastName, firstName, patronymic: null, birthDate, sex, pinfl: null, phone: null,
        address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
        categories: index % 3 === 0 ? ['personWithDisability'] : [], disabilityGroup: index % 3 === 0 ? 'II' : null, languages: ['uz'], identityDocument: null, remarks: null,
        confirmedWarnings: ['possibleDuplicate'],
      });
      await desk.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: dayFromToday(-200) });
      for (let visit = 0; visit <= index % 3; visit += 1) {
        await desk.invoke('services.record', { clientId: client.id, serviceCode: visit === 0 ? 'social.consultation' : 'legal.consultation', deliveredOn: dayFromToday(-10 - 25 * ((index + visit) % 6)) });
      }
    }
    await desk.invoke('auth.signOut', {});

    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new SignInPage(page, 'uz-Latn').signIn(MANAGER.username, MANAGER.password);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('renders the dashboard in the four languages', async () => {
    await shell.navigateTo('uz-Latn', 'reports', 'nav');
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      await page.getByRole('heading', { name: rt(language, 'title'), level: 2 }).waitFor();
      const served = page.getByRole('region', { name: rt(language, 'summary.served'), exact: true });
      // Twelve people served in the last twelve months, however many visits.
      await served.getByText('12', { exact: true }).first().waitFor();
      await page.getByRole('table', { name: rt(language, 'indicator.peopleServed.byAgeSex.title') }).waitFor();
      await page.getByRole('figure', { name: rt(language, 'chart.byMonth') }).locator('svg').first().waitFor();
      await snap(page, `reports-dashboard.${language}`);
      // And what the manager sees first, at 1366×768 without scrolling.
      await page.screenshot({ path: join(PROJECT_DIR, 'test-results', 'screens', `reports-dashboard-first-screen.${language}.png`) });
    }
    await shell.chooseLanguage('uz-Latn');
  });

  it('opens the persons behind a number', async () => {
    const table = page.getByRole('table', { name: rt('uz-Latn', 'indicator.peopleServed.byAgeSex.title') });
    // 60 and older: Aliyeva (a woman) and Ergashev (a man); the men's column opens him alone.
    const row = table.getByRole('row', { name: new RegExp(rt('uz-Latn', 'dimension.ageBand.60+')) });
    await row.getByRole('link', { name: '1' }).nth(1).click();
    await page.getByRole('heading', { name: rt('uz-Latn', 'list.title'), level: 2 }).waitFor();
    await page.getByRole('link', { name: /Ergashev Jasur/ }).waitFor();
    expect(await page.getByRole('link', { name: /Aliyeva Kamola/ }).count()).toBe(0);
    await snap(page, 'reports-list.uz-Latn');
    await page.getByRole('link', { name: rt('uz-Latn', 'list.back') }).click();
    await page.getByRole('heading', { name: rt('uz-Latn', 'title'), level: 2 }).waitFor();
  });

  it('runs an export in the background with its progress, cancels it, then saves a suppressed CSV', async () => {
    const pace = (stepDelayMs: number) => createHttpTransport(harness.token, 'e2e-pace', harness.origin, fetch).send('dev.paceReportJobs', { stepDelayMs });
    await pace(700);
    await page.getByRole('combobox', { name: rt('uz-Latn', 'export.format') }).selectOption('csv');
    await page.getByRole('button', { name: rt('uz-Latn', 'export.start'), exact: true }).click();
    const progress = page.getByRole('progressbar', { name: rt('uz-Latn', 'export.progress') });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
    await snap(page, 'reports-export-progress.uz-Latn');
    await page.getByRole('button', { name: rt('uz-Latn', 'export.cancel') }).click();
    await page.getByText(rt('uz-Latn', 'export.cancelled')).waitFor();
    expect(await progress.count()).toBe(0);

    await pace(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: rt('uz-Latn', 'export.start'), exact: true }).click()]);
    const file = join(downloads, 'export.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain(rt('uz-Latn', 'indicator.peopleServed.byAgeSex.title'));
    expect(csv).toContain('<5');
    expect(csv).toMatch(/Ushbu eksportda yashirilgan kataklar soni: \d+/);
    await page.getByText(rt('uz-Latn', 'export.done')).waitFor();
  });
});
