import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Role } from '../../src/core/api/permissions';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist, type StaffAccount } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text, type Language } from './support/locales';
import { snap } from './support/screens';

const PSYCHOLOGIST: StaffAccount = { username: 'psixolog', password: 'Psixolog-parol-2026!', displayName: 'Malika Tursunova' };
const MANAGER: StaffAccount = { username: 'rahbar', password: 'Rahbar-parol-2026!', displayName: 'Bahodir Aliyev' };
const TRAINER: StaffAccount = { username: 'trener', password: 'Trener-parol-2026!', displayName: 'Zuhra Nazarova' };
const NEWCOMER = { username: 'yangi', displayName: 'Ravshan Yangiboyev' } as const;
const VISITOR = 'Sobirova Gulchehra';
const PSYCHOLOGISTS_CLIENT = 'Ergasheva Munisa';

function today(): string {
  const date = new Date();
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

describe('home: each role’s first screen shows its work, in all four languages', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const accounts: ReadonlyArray<readonly [StaffAccount, Role]> = [[PSYCHOLOGIST, 'psychologist'], [MANAGER, 'manager'], [TRAINER, 'trainer']];
    for (const [account, role] of accounts) {
      const added = await admin.invoke('staff.add', { displayName: account.displayName, username: account.username, role });
      const session = apiClient(harness);
      await session.invoke('auth.signIn', { username: account.username, password: added.temporaryPassword });
      await session.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: account.password });
      await session.invoke('auth.signOut', {});
    }
    await admin.invoke('staff.add', { displayName: NEWCOMER.displayName, username: NEWCOMER.username, role: 'receptionist' });
    const workers = await admin.invoke('staff.list', {});
    const psychologistId = workers.find((member) => member.username === PSYCHOLOGIST.username)?.id ?? '';
    const receptionistId = workers.find((member) => member.username === RECEPTIONIST.username)?.id ?? '';
    await admin.invoke('auth.signOut', {});

    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const register = (lastName: string, firstName: string) =>
      desk.invoke('clients.register', {
        lastName, firstName, patronymic: null, birthDate: '1988-04-12', sex: 'female', pinfl: null, phone: null,
        address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
        categories: [], languages: ['uz'], identityDocument: null, remarks: null,
      });
    const visitor = await register('Sobirova', 'Gulchehra');
    const other = await register('Ergasheva', 'Munisa');
    await desk.invoke('consents.record', { clientId: visitor.id, purpose: 'services', state: 'given', decidedOn: today() });
    await desk.invoke('services.record', { clientId: visitor.id, serviceCode: 'social.consultation', deliveredOn: today() });
    const intake = { needs: ['housing' as const], referralSource: 'mahalla' as const, priority: 'high' as const };
    await desk.invoke('cases.open', { clientId: visitor.id, intake, caseWorkerId: receptionistId });
    await desk.invoke('cases.open', { clientId: other.id, intake, caseWorkerId: psychologistId });
    await desk.invoke('auth.signOut', {});

    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    shell = new AppShellPage(page);
    await shell.open(harness.url);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  const common = (language: Language, key: string, values?: Record<string, string>) => text(language, 'common', key, values);
  const region = (language: Language, key: string) => page.getByRole('region', { name: common(language, key), exact: true });

  async function signIn(account: StaffAccount): Promise<void> {
    await page.getByRole('textbox', { name: text('uz-Latn', 'auth', 'username'), exact: true }).fill(account.username);
    await page.getByLabel(text('uz-Latn', 'auth', 'password'), { exact: true }).fill(account.password);
    await page.getByRole('button', { name: text('uz-Latn', 'auth', 'signIn.submit'), exact: true }).click();
    await shell.navigationLinks('uz-Latn').first().waitFor();
  }

  /** Signs in, then checks the home in every language with `check`; signs out in uz-Latn. */
  async function homeOf(account: StaffAccount, name: string, check: (language: Language) => Promise<void>): Promise<void> {
    await shell.chooseLanguage('uz-Latn');
    await signIn(account);
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      await check(language);
      await snap(page, `home-${name}-${language}`);
    }
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
  }

  it('receptionist: search, today’s visitors, her open cases and overdue items', async () => {
    await homeOf(RECEPTIONIST, 'receptionist', async (language) => {
      await page.getByRole('searchbox', { name: text(language, 'clients', 'search.label') }).waitFor();
      const visitors = region(language, 'home.visitors.title');
      await visitors.getByRole('link', { name: VISITOR, exact: true }).waitFor();
      await visitors.getByText(common(language, 'home.visitors.served'), { exact: true }).waitFor();
      await visitors.getByRole('link', { name: PSYCHOLOGISTS_CLIENT, exact: true }).waitFor();
      const cases = region(language, 'home.cases.title');
      await cases.getByRole('link', { name: VISITOR, exact: true }).waitFor();
      await cases.getByText(text(language, 'care', 'cases.priorityLevel.high'), { exact: true }).waitFor();
      await page.getByRole('region', { name: text(language, 'care', 'overdue.title'), exact: true }).waitFor();
    });
  });

  it('psychologist: her cases and overdue items, no visitors list', async () => {
    await homeOf(PSYCHOLOGIST, 'psychologist', async (language) => {
      await region(language, 'home.cases.title').getByRole('link', { name: PSYCHOLOGISTS_CLIENT, exact: true }).waitFor();
      await page.getByRole('region', { name: text(language, 'care', 'overdue.title'), exact: true }).waitFor();
      if ((await region(language, 'home.visitors.title').count()) !== 0) throw new Error('a psychologist sees the visitors list');
    });
  });

  it('manager: the center’s counts (marked preliminary) and staff not ready yet', async () => {
    await homeOf(MANAGER, 'manager', async (language) => {
      const counts = region(language, 'home.counts.title');
      await counts.getByText(common(language, 'home.counts.preliminary'), { exact: true }).waitFor();
      await counts.getByText(common(language, 'home.counts.servicesToday'), { exact: true }).waitFor();
      const staff = region(language, 'home.staff.title');
      await staff.getByRole('row', { name: new RegExp(NEWCOMER.displayName) }).getByText(common(language, 'home.staff.password'), { exact: true }).waitFor();
    });
  });

  it('administrator: the same counts and staff list', async () => {
    await homeOf(ADMIN, 'administrator', async (language) => {
      await region(language, 'home.counts.title').waitFor();
      await region(language, 'home.staff.title').getByRole('row', { name: new RegExp(NEWCOMER.displayName) }).waitFor();
    });
  });

  it('trainer: today’s sessions, her cohorts, learners at risk and follow-ups due (none yet)', async () => {
    const training = (language: Language, key: string) => page.getByRole('region', { name: text(language, 'training', key), exact: true });
    await homeOf(TRAINER, 'trainer', async (language) => {
      await training(language, 'home.today').getByText(text(language, 'training', 'home.noSessionToday'), { exact: true }).waitFor();
      await training(language, 'home.cohorts').getByText(text(language, 'training', 'home.noCohorts'), { exact: false }).waitFor();
      await training(language, 'home.atRisk').getByText(text(language, 'training', 'home.nobodyAtRisk'), { exact: true }).waitFor();
    });
  });
});
