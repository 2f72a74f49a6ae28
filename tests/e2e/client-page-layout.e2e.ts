import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage, type ClientTab } from './pages/clients-client';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

const TABS: readonly ClientTab[] = ['identity', 'consents', 'case', 'services', 'timeline'];
/** Well under the 3,400 px the page used to be: at most about two screens of 768 px. */
const MAX_SCROLL_HEIGHT_PX = 1600;

/** A calendar day `days` from today on this machine (the harness's core runs on the same clock). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const CLIENT = { lastName: 'Abdurahmonova', firstName: 'Muxlisaxon', patronymic: 'Abdulhamid qizi' } as const;
const CLIENT_NAME = `${CLIENT.lastName} ${CLIENT.firstName} ${CLIENT.patronymic}`;

/** What the page's badges and the document measure: a cut badge label is wider inside than its box. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const badges = [...document.querySelectorAll<HTMLElement>('main .mantine-Badge-root, main .mantine-Badge-label')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ text: element.textContent ?? '', scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    return { scrollHeight: scroller.scrollHeight, scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, badges };
  });
}

describe('client page: its sections fit a 1366×768 screen in every language, and use a 1920 px one', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let timelineLength = 0;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    // A client with a full history: every section has something to show, the timeline more than a page.
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const client = await desk.invoke('clients.register', {
      ...CLIENT,
      birthDate: '1960-02-11',
      sex: 'female',
      pinfl: null,
      phone: '+998 90 123 45 67',
      address: { regionCode: '1726', districtCode: '1726262', mahalla: 'Navbahor mahallasi', street: 'Mustaqillik koʻchasi, 12-uy' },
      categories: ['olderPerson', 'personWithDisability', 'survivorOfViolence', 'lowIncomeRegister'],
      disabilityGroup: 'II',
      languages: ['uz', 'ru'],
      identityDocument: { type: 'passport', number: 'AA1234567' },
      remarks: 'Qizi bilan keladi.',
    });
    for (const purpose of ['services', 'referral', 'registrySharing', 'photographs'] as const) {
      await desk.invoke('consents.record', { clientId: client.id, purpose, state: 'refused', decidedOn: dayFromToday(-20) });
      await desk.invoke('consents.record', { clientId: client.id, purpose, state: 'given', decidedOn: dayFromToday(-10), formReference: `R-2026/${purpose}` });
    }
    const opened = await desk.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['housing', 'legalAid', 'health', 'income'], referralSource: 'mahalla', priority: 'high', householdSituation: 'Yolgʻiz yashaydi, qizi har hafta keladi.' },
      caseWorkerId: (await desk.invoke('auth.me', {}))?.id ?? '',
      openedOn: dayFromToday(-9),
    });
    const goals = ['Uy-joy masalasi', 'Pensiya hujjatlari', 'Shifokor koʻrigi', 'Huquqiy maslahat', 'Nogironlik guruhi qayta koʻrigi'];
    for (const [index, goal] of goals.entries()) {
      const item = await desk.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: index % 2 === 0 ? 'social.consultation' : 'legal.consultation', goal, dueDate: dayFromToday(index - 2) });
      await desk.invoke('cases.updatePlanItem', { itemId: item.id, status: 'inProgress' });
      if (index % 2 === 1) await desk.invoke('cases.updatePlanItem', { itemId: item.id, status: 'done' });
    }
    for (let day = 8; day >= 1; day -= 1) {
      await desk.invoke('services.record', { clientId: client.id, caseId: opened.id, serviceCode: 'social.consultation', deliveredOn: dayFromToday(-day), durationMinutes: 30, note: `Suhbat ${day}` });
    }
    for (const agency of ['Tuman shifoxonasi', 'Pensiya jamgʻarmasi', 'Adliya boʻlimi']) {
      await desk.invoke('services.createReferral', { clientId: client.id, direction: 'out', agency, reason: 'Hujjatlar', date: dayFromToday(-5) });
    }
    timelineLength = (await desk.invoke('timeline.forClient', { clientId: client.id })).events.length;
    await desk.invoke('auth.signOut', {});

    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().click();
    await search.heading().waitFor();
    await search.search(`${CLIENT.lastName} ${CLIENT.firstName}`);
    await search.results().first().click({ timeout: 20_000 });
    await new ClientsClientPage(page, 'uz-Latn').heading(CLIENT_NAME).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const language of LANGUAGES) {
    it(`shows every section at 1366×768 under ${MAX_SCROLL_HEIGHT_PX} px high, no badge cut and nothing wider than the screen (${language})`, async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await new AppShellPage(page).chooseLanguage(language);
      const client = new ClientsClientPage(page, language);
      await client.heading(CLIENT_NAME).waitFor();
      for (const tab of TABS) {
        await client.openTab(tab);
        // Each section's content is in: its last list or table, or its empty text.
        if (tab === 'timeline') await client.timelineItems().nth(19).waitFor();
        if (tab === 'consents') await client.consentHistoryRows().nth(7).waitFor();
        if (tab === 'case') await client.planTable().getByRole('row').nth(5).waitFor();
        if (tab === 'services') await client.section('referrals.title').getByText('Adliya boʻlimi').waitFor();
        if (tab === 'identity') await client.latestTimelineItems().nth(4).waitFor();
        await snap(page, `client-page.1366.${language}.${tab}`);
        const measured = await measure(page);
        expect(measured.scrollHeight, `${language} ${tab}: page height`).toBeLessThan(MAX_SCROLL_HEIGHT_PX);
        expect(measured.scrollWidth, `${language} ${tab}: page width`).toBeLessThanOrEqual(measured.clientWidth);
        expect(measured.badges.length, `${language} ${tab}: badges`).toBeGreaterThan(0);
        for (const badge of measured.badges) expect(badge.scrollWidth, `${language} ${tab}: badge "${badge.text}" cut`).toBeLessThanOrEqual(badge.clientWidth);
      }
      // The timeline's next page is one click away.
      await client.openTab('timeline');
      expect(timelineLength).toBeGreaterThan(20);
      await page.getByRole('button', { name: text(language, 'care', 'timeline.showMore', { shown: '20', count: String(timelineLength) }), exact: true }).click();
      await client.timelineItems().nth(20).waitFor();
    });
  }

  it('puts two columns side by side at 1920×1080', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await new AppShellPage(page).chooseLanguage('uz-Latn');
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.openTab('identity');
    await client.latestTimelineItems().first().waitFor();
    const identityBox = await client.identity().boundingBox();
    const latestBox = await page.getByRole('region', { name: text('uz-Latn', 'care', 'timeline.latest'), exact: true }).boundingBox();
    expect(identityBox).not.toBeNull();
    expect(latestBox).not.toBeNull();
    // Side by side: the same top, the latest events to the right of the identity card.
    expect(Math.abs((identityBox?.y ?? 0) - (latestBox?.y ?? 1000))).toBeLessThan(4);
    expect(latestBox?.x ?? 0).toBeGreaterThan((identityBox?.x ?? 0) + (identityBox?.width ?? 0) - 1);
    await snap(page, 'client-page.1920.uz-Latn.identity');
    for (const tab of ['consents', 'case', 'services'] as const) {
      await client.openTab(tab);
      await page.waitForTimeout(300);
      await snap(page, `client-page.1920.uz-Latn.${tab}`);
    }
    await client.openTab('services');
    const services = await client.section('services.title').boundingBox();
    const referrals = await client.section('referrals.title').boundingBox();
    expect(Math.abs((services?.y ?? 0) - (referrals?.y ?? 1000))).toBeLessThan(4);
  });
});
