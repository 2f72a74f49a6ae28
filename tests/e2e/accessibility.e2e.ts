import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist, type StaffAccount } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { SignInPage } from './pages/sign-in-page';
import { expectAccessible } from './support/accessibility';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text, type Language } from './support/locales';

const CLIENT_NAME = 'Yoʻldosheva Malika';

/** The day `daysAgo` days before today, as the core stores it. */
function today(daysAgo = 0): string {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * The main screens no other file photographs, on the 1366×768 screen centers have, checked by
 * axe-core (WCAG 2.1 AA) with data on them: a client with consent, an open case, an overdue plan
 * item and a service, so the client page shows every panel. The keyboard path of the
 * registration form is checked too.
 */
describe('accessibility: every main screen passes axe (WCAG 2.1 AA) in all four languages', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  let clientId = '';

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const client = await desk.invoke('clients.register', {
      lastName: 'Yoʻldosheva', firstName: 'Malika', patronymic: null, birthDate: '2004-05-25', sex: 'female', pinfl: null, phone: '90 111 22 33',
      address: { regionCode: '1726', districtCode: '1726262', mahalla: 'Navbahor', street: null },
      categories: ['personWithDisability'], disabilityGroup: 'II', languages: ['uz'], identityDocument: null, remarks: null,
    });
    clientId = client.id;
    await desk.invoke('consents.record', { clientId, purpose: 'services', state: 'given', decidedOn: today() });
    await desk.invoke('services.record', { clientId, serviceCode: 'social.consultation', deliveredOn: today() });
    const workers = await desk.invoke('cases.caseWorkers', {});
    const opened = await desk.invoke('cases.open', {
      clientId, intake: { needs: ['housing'], referralSource: 'mahalla', priority: 'high' }, caseWorkerId: workers.items[0]?.id ?? '', openedOn: today(30),
    });
    await desk.invoke('cases.addPlanItem', { caseId: opened.id, serviceCode: 'legal.consultation', goal: 'Uy-joy boʻyicha maslahat', dueDate: today(7) }); // overdue: the home lists it
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

  /** Waits for the screen's heading and for its data (no loader left), then runs axe. */
  async function check(name: string, language: Language): Promise<void> {
    await page.getByRole('main').getByRole('heading', { level: 2 }).first().waitFor();
    // Mantine's Loader has no role of its own; its class is the one sign a panel is still loading.
    await expect.poll(() => page.locator('main .mantine-Loader-root').count()).toBe(0);
    await page.waitForTimeout(150); // transitions settle, as snap() lets them
    await expectAccessible(page, `${name}.${language}`);
  }

  /** Opens the client search from the navigation and searches; the home has a search box of its own, so wait for the page to change first. */
  async function searchClients(language: Language): Promise<void> {
    await shell.navigateTo(language, 'clients', 'nav');
    await shell.navigationLinks(language).and(page.locator('[aria-current="page"]')).getByText(text(language, 'clients', 'nav'), { exact: true }).waitFor();
    await page.getByRole('searchbox', { name: text(language, 'clients', 'search.label') }).fill('Yoldosheva');
  }

  async function signIn(account: StaffAccount): Promise<void> {
    await shell.chooseLanguage('uz-Latn');
    await new SignInPage(page, 'uz-Latn').signIn(account.username, account.password);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  }

  it('sign-in, in every language', async () => {
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      await new SignInPage(page, language).heading().waitFor();
      await check('sign-in', language);
    }
  });

  // Each role's home (home-roles.e2e.ts) and the registration form (dates.e2e.ts, forms.e2e.ts)
  // are checked in all four languages by the snap() of those files; not again here.
  it('receptionist: search with results and a client page with every panel', async () => {
    await signIn(RECEPTIONIST);
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      await searchClients(language);
      const results = page.getByRole('list', { name: text(language, 'clients', 'search.results') }).getByRole('button');
      await results.first().waitFor();
      await check('clients-search', language);
      await results.first().click();
      await page.getByRole('heading', { name: CLIENT_NAME, level: 2 }).waitFor();
      await check('client-page', language);
    }
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
    expect(clientId).not.toBe('');
  });

  it('registration form: Tab from the first field reaches every field, in screen order, and then the submit button', async () => {
    await signIn(RECEPTIONIST);
    await shell.navigateTo('uz-Latn', 'clients', 'nav');
    await page.getByRole('button', { name: text('uz-Latn', 'clients', 'search.register'), exact: true }).click();
    const form = page.getByRole('form', { name: text('uz-Latn', 'clients', 'register.title') });
    await form.waitFor();
    // Number every control a person can reach (one stop per radio group, as browsers make it).
    const stops = await form.evaluate((element) => {
      const controls = Array.from(element.querySelectorAll<HTMLElement>('input, select, textarea, button[type="submit"]')).filter(
        (control) => control.getClientRects().length > 0 && !control.matches(':disabled') && control.tabIndex >= 0 && control.getAttribute('type') !== 'hidden',
      );
      const seenGroups = new Set<string>();
      const required: string[] = [];
      controls.forEach((control, index) => {
        control.dataset.tabStop = String(index);
        const group = control instanceof HTMLInputElement && control.type === 'radio' ? control.name : '';
        if (group !== '' && seenGroups.has(group)) return;
        if (group !== '') seenGroups.add(group);
        required.push(group !== '' ? `radio:${group}` : String(index));
      });
      const submit = controls.find((control) => control.matches('button[type="submit"]'));
      return { required, submit: submit?.dataset.tabStop ?? '' };
    });
    expect(stops.submit).not.toBe('');
    const activeStop = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!(active instanceof HTMLElement) || active.dataset.tabStop === undefined) return null;
        return active instanceof HTMLInputElement && active.type === 'radio' ? `radio:${active.name}` : active.dataset.tabStop;
      });
    // The form focuses its first field on arrival (issue 9 item 3); the walk starts there.
    await expect.poll(activeStop).toBe(stops.required[0]);
    const visited: string[] = [];
    for (let presses = 0; presses < stops.required.length * 3 && visited.at(-1) !== stops.submit; presses += 1) {
      const stop = await activeStop();
      if (stop !== null && visited.at(-1) !== stop) visited.push(stop);
      if (stop === stops.submit) break;
      await page.keyboard.press('Tab');
    }
    expect(visited).toEqual(stops.required);
    await shell.signOut('uz-Latn');
  });

  // Each administration screen in one language, the four taking turns: the snap() checks of the
  // other files see these screens in the other languages, and a fourfold pass would cost the
  // suite about 30 s for little more.
  it('administrator: every screen in the navigation, the languages taking turns', async () => {
    await signIn(ADMIN);
    const count = await shell.navigationLinks('uz-Latn').count();
    expect(count).toBeGreaterThan(4);
    for (let index = 0; index < count; index += 1) {
      const language = LANGUAGES[index % LANGUAGES.length] ?? 'uz-Latn';
      await shell.chooseLanguage(language);
      const link = shell.navigationLinks(language).nth(index);
      const label = (await link.innerText()).trim();
      await link.click();
      await check(`admin-${index}-${label}`, language);
    }
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
  });
});
