import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src/core/client';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';

/** A calendar day `days` from today on this machine (the harness's core runs on the same clock). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const PSYCHOLOGIST = { username: 'psixolog', password: 'Psixolog-parol-2026!', displayName: 'Malika Tursunova' } as const;
const CLIENT_NAME = 'Yoʻldosheva Nodira';

/** The option label the case-worker selects show: name and role, "(…, siz)" for the signed-in user. */
const workerLabel = (name: string, role: string, self = false) =>
  text('uz-Latn', 'care', self ? 'cases.caseWorkerYou' : 'cases.caseWorkerOption', { name, role: text('uz-Latn', 'common', `roles.${role}`) });

describe('clients: a receptionist opens a case for a colleague and reassigns it', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let psychologist: ApiClient;
  let lateItemId = '';
  const overdueIdsOf = async (session: ApiClient) => (await session.invoke('cases.overduePlanItems', {})).items.map((item) => item.id);

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const added = await admin.invoke('staff.add', { displayName: PSYCHOLOGIST.displayName, username: PSYCHOLOGIST.username, role: 'psychologist' });
    await admin.invoke('auth.signOut', {});
    psychologist = apiClient(harness);
    await psychologist.invoke('auth.signIn', { username: PSYCHOLOGIST.username, password: added.temporaryPassword });
    await psychologist.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: PSYCHOLOGIST.password });
    const receptionist = apiClient(harness);
    await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    await receptionist.invoke('clients.register', {
      lastName: 'Yoʻldosheva', firstName: 'Nodira', patronymic: null, birthDate: '1979-02-11', sex: 'female', pinfl: null, phone: null,
      address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
      categories: [], languages: ['uz'], identityDocument: null, remarks: null,
    });
    await receptionist.invoke('auth.signOut', {});

    browser = await launchBrowser();
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser.close();
    await harness.stop();
  });

  const openClient = async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.search('Yuldosheva Nodira');
    await search.results().first().click();
    await new ClientsClientPage(page, 'uz-Latn').heading(CLIENT_NAME).waitFor();
  };

  it('opens the case for the psychologist chosen in the labelled select (the receptionist is preselected)', async () => {
    await openClient();
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.openCaseForm();
    const select = client.caseWorkerSelect();
    expect(await select.locator('option:checked').textContent()).toBe(workerLabel(RECEPTIONIST.displayName, 'receptionist', true));
    // Only colleagues who may be case workers: the administrator is not offered.
    const offered = await select.locator('option').allTextContents();
    expect(offered.sort()).toEqual([workerLabel(PSYCHOLOGIST.displayName, 'psychologist'), workerLabel(RECEPTIONIST.displayName, 'receptionist', true)].sort());

    await client.openCase(['safety'], 'hotline', 'urgent', 'Yolgʻiz yashaydi', workerLabel(PSYCHOLOGIST.displayName, 'psychologist'));
    await client.section('cases.title').getByText(workerLabel(PSYCHOLOGIST.displayName, 'psychologist'), { exact: true }).waitFor();
    await client.addPlanItem(1, 'Xavfsizlik rejasi', dayFromToday(-2));
    await client.planTable().locator('tr[data-overdue]').getByText('Xavfsizlik rejasi').waitFor();
  });

  it("puts the overdue item on the psychologist's list, not the receptionist's", async () => {
    const overdue = await psychologist.invoke('cases.overduePlanItems', {});
    expect(overdue.items.map((item) => item.goal)).toEqual(['Xavfsizlik rejasi']);
    lateItemId = overdue.items[0]?.id ?? '';
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await page.getByRole('link', { name: text('uz-Latn', 'common', 'nav.home'), exact: true }).click();
    await search.overdueSection().getByText(text('uz-Latn', 'care', 'overdue.none')).waitFor();
  });

  it('reassigns the case to the receptionist: the summary and both overdue lists follow', async () => {
    await openClient();
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.reassignCase(workerLabel(RECEPTIONIST.displayName, 'receptionist', true));
    await client.section('cases.title').getByText(workerLabel(RECEPTIONIST.displayName, 'receptionist', true), { exact: true }).waitFor();
    expect(await overdueIdsOf(psychologist)).toEqual([]);

    const search = new ClientsSearchPage(page, 'uz-Latn');
    await page.getByRole('link', { name: text('uz-Latn', 'common', 'nav.home'), exact: true }).click();
    await search.overdueSection().getByText('Xavfsizlik rejasi').waitFor();
    await search.overdueSection().getByRole('link', { name: CLIENT_NAME }).click();
    await client.heading(CLIENT_NAME).waitFor();

    // And back to the psychologist: the item leaves the receptionist's list again.
    await client.reassignCase(workerLabel(PSYCHOLOGIST.displayName, 'psychologist'));
    await client.section('cases.title').getByText(workerLabel(PSYCHOLOGIST.displayName, 'psychologist'), { exact: true }).waitFor();
    expect(await overdueIdsOf(psychologist)).toEqual([lateItemId]);
    await page.getByRole('link', { name: text('uz-Latn', 'common', 'nav.home'), exact: true }).click();
    await search.overdueSection().getByText(text('uz-Latn', 'care', 'overdue.none')).waitFor();
  });

  it('shows the psychologist, as the case worker, the plan controls the core lets her use (one policy, canEditPlan)', async () => {
    // She holds cases.read, not cases.write: the plan is hers to work as its case worker, and nothing else of the case.
    const own = await browser.newPage();
    try {
      const shell = new AppShellPage(own);
      await shell.open(harness.url);
      await own.getByRole('textbox', { name: text('uz-Latn', 'auth', 'username'), exact: true }).fill(PSYCHOLOGIST.username);
      await own.getByLabel(text('uz-Latn', 'auth', 'password'), { exact: true }).fill(PSYCHOLOGIST.password);
      await own.getByRole('button', { name: text('uz-Latn', 'auth', 'signIn.submit'), exact: true }).click();
      await shell.navigateTo('uz-Latn', 'clients', 'nav');
      const search = new ClientsSearchPage(own, 'uz-Latn');
      await search.search('Yuldosheva Nodira');
      await search.results().first().click();
      const client = new ClientsClientPage(own, 'uz-Latn');
      await client.heading(CLIENT_NAME).waitFor();
      await client.openTab('case');
      await client.section('plan.title').getByRole('button', { name: text('uz-Latn', 'care', 'plan.add'), exact: true }).waitFor();
      expect(await client.section('cases.title').getByRole('button', { name: text('uz-Latn', 'care', 'cases.reassign'), exact: true }).count()).toBe(0);
      expect(await client.section('cases.title').getByRole('button', { name: text('uz-Latn', 'care', 'cases.close'), exact: true }).count()).toBe(0);
      // And the core agrees: the status she sets is saved.
      await client.setPlanItemStatus('Xavfsizlik rejasi', 'inProgress');
      const found = await psychologist.invoke('clients.search', { query: 'Yuldosheva Nodira' });
      const clientId = found.items[0]?.id ?? '';
      const planStatus = async () => (await psychologist.invoke('cases.listForClient', { clientId })).items[0]?.plan[0]?.status;
      await expect.poll(planStatus).toBe('inProgress');
      // The timeline names both reassignments and her status change, each with its author.
      await client.openTab('timeline');
      await client.timelineItems().filter({ hasText: text('uz-Latn', 'care', 'timeline.caseReassigned', { from: PSYCHOLOGIST.displayName, to: RECEPTIONIST.displayName }) }).waitFor();
      await client.timelineItems().filter({ hasText: text('uz-Latn', 'care', 'timeline.caseReassigned', { from: RECEPTIONIST.displayName, to: PSYCHOLOGIST.displayName }) }).waitFor();
      await client
        .timelineItems()
        .filter({ hasText: `${text('uz-Latn', 'care', 'plan.statusLabel.planned')} → ${text('uz-Latn', 'care', 'plan.statusLabel.inProgress')}` })
        .filter({ hasText: PSYCHOLOGIST.displayName })
        .waitFor();
    } finally {
      await own.close();
    }
  });
});
