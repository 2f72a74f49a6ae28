import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePinfl } from '../../src/core/uz/pinfl';
import { ADMIN, RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsClientPage } from './pages/clients-client';
import { ClientsRegisterPage } from './pages/clients-register';
import { ClientsSearchPage } from './pages/clients-search';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { PROJECT_DIR } from './support/harness';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';

const SCREENSHOTS = join(PROJECT_DIR, 'test-results/screens/clients');

/** A calendar day `days` from today on this machine (the harness's core runs on the same clock). */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

const SHUHRAT = {
  lastName: 'Жўраев',
  firstName: 'Шухрат',
  patronymic: 'Абдуллаевич',
  birthDate: '1990-05-25',
  sex: 'male',
  pinfl: makePinfl('male', '1990-05-25', 417),
  phone: '90 123 45 67',
  regionCode: '1726',
  districtCode: '1726262',
  mahalla: 'Навоий',
} as const;
const SHUHRAT_NAME = 'Жўраев Шухрат Абдуллаевич';

describe('clients: the receptionist registers, finds, and serves a client', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  /** The catalog name of the plan item that was overdue and then done. */
  let lateServiceName = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('registers a client typed in Cyrillic', async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().waitFor();
    // Not found yet: registration starts from what was typed.
    await search.search('Жўраев Шухрат');
    await search.noResults().waitFor();
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.heading().waitFor();
    expect(await form.field('lastName').inputValue()).toBe('Жўраев');
    expect(await form.field('firstName').inputValue()).toBe('Шухрат');
    await form.fill(SHUHRAT);
    await form.submit();
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.heading(SHUHRAT_NAME).waitFor();
    const identity = client.identity();
    await identity.getByText(SHUHRAT.pinfl, { exact: true }).waitFor();
    // Stored as +998901234567, shown grouped as people read it.
    await identity.getByText('+998 90 123 45 67', { exact: true }).waitFor();
    await identity.getByText(/Uchtepa tumani/).waitFor();
  });

  it('finds them typing Latin, in any of the usual spellings, and opens them from the keyboard', async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().click();
    await search.heading().waitFor();
    for (const query of ['Shuxrat Joʻrayev', 'SHUHRAT JURAEV', "shuxrat jo'rayev", 'Shukhrat Djuraev']) {
      await search.search(query);
      await expect.poll(async () => search.results().first().textContent(), { timeout: 10_000 }).toContain(SHUHRAT_NAME);
    }
    await search.search(SHUHRAT.pinfl.slice(0, 7));
    await expect.poll(async () => search.results().first().textContent(), { timeout: 10_000 }).toContain(SHUHRAT.pinfl.slice(-4));
    // The list shows only the last four digits of a PINFL.
    expect(await search.results().first().textContent()).not.toContain(SHUHRAT.pinfl);
    await page.screenshot({ path: join(SCREENSHOTS, 'search-uz-Latn.png') });

    await search.search('Shuxrat Joʻrayev');
    await expect.poll(async () => search.results().count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await search.searchBox().press('ArrowDown');
    await page.keyboard.press('Enter');
    await new ClientsClientPage(page, 'uz-Latn').heading(SHUHRAT_NAME).waitFor();
  });

  it('shows the possible duplicate side by side when the same person is typed with a Russian-style spelling', async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().click();
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.fill({ lastName: 'Джураев', firstName: 'Шухрат', birthDate: SHUHRAT.birthDate, sex: 'male' });
    await form.submit();
    await form.duplicateTable().waitFor();
    const table = (await form.duplicateTable().textContent()) ?? '';
    expect(table).toContain('Джураев Шухрат');
    expect(table).toContain(SHUHRAT_NAME);
    await page.screenshot({ path: join(SCREENSHOTS, 'duplicate-uz-Latn.png'), fullPage: true });
    // The form still holds what was typed.
    expect(await form.field('lastName').inputValue()).toBe('Джураев');
    await form.openExistingDuplicate(SHUHRAT_NAME);
    await new ClientsClientPage(page, 'uz-Latn').heading(SHUHRAT_NAME).waitFor();
  });

  it('stops a second client with the same PINFL and leads to the existing one', async () => {
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().click();
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.fill({ lastName: 'Karimov', firstName: 'Anvar', birthDate: '1985-01-02', sex: 'male', pinfl: SHUHRAT.pinfl });
    await form.submit();
    // A PINFL someone holds stops the form before any warning about it is asked.
    await form.errorAlertWithCode('DUPLICATE_PINFL').waitFor();
    expect(await form.fieldErrorOf('pinfl')).toBe(text('uz-Latn', 'clients', 'issue.pinflTaken'));
    await page.getByRole('button', { name: text('uz-Latn', 'clients', 'register.openExisting'), exact: true }).click();
    await new ClientsClientPage(page, 'uz-Latn').heading(SHUHRAT_NAME).waitFor();
  });

  it('asks to confirm a PINFL whose check digit is wrong, and saves once the document is checked', async () => {
    const valid = makePinfl('female', '1995-03-14', 55);
    const mistyped = valid.slice(0, 13) + String((Number(valid.slice(13)) + 1) % 10);
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.navLink().click();
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.fill({ lastName: 'Karimova', firstName: 'Nodira', birthDate: '1995-03-14', sex: 'female', pinfl: mistyped });
    await form.submit();
    await form.confirmation().getByText(text('uz-Latn', 'clients', 'warning.checkDigit')).waitFor();
    const save = page.getByRole('button', { name: text('uz-Latn', 'clients', 'confirm.save'), exact: true });
    expect(await save.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'pinfl-warning-uz-Latn.png') });
    await form.confirmCheckedDocument();
    await form.confirmAndSave();
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.heading('Karimova Nodira').waitFor();
    await client.identity().getByText(mistyped, { exact: true }).waitFor();
    await client.identity().getByText(text('uz-Latn', 'clients', 'warning.checkDigit'), { exact: false }).waitFor();
    // Back to the client this story follows.
    await search.navLink().click();
    await search.search(SHUHRAT.pinfl);
    await search.results().first().click();
    await client.heading(SHUHRAT_NAME).waitFor();
  });

  it('records consents, and a referral without referral consent is refused with a localized message', async () => {
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.recordConsent('services', 'given', 'R-2026/117');
    await client.consentRow('services').getByText(text('uz-Latn', 'care', 'consents.state.given')).waitFor();
    await client.consentRow('services').getByText('R-2026/117').waitFor();
    await client.recordConsent('registrySharing', 'refused');
    await client.consentRow('registrySharing').getByText(text('uz-Latn', 'care', 'consents.state.refused')).waitFor();
    // The form was emptied after the first decision: the refusal carries no form reference.
    expect(await client.consentRow('registrySharing').textContent()).not.toContain('R-2026/117');

    await client.createReferral('Tuman shifoxonasi', 'Tibbiy koʻrik');
    const refused = client.referralForm().locator('[role="alert"][data-error-code="CONSENT_REQUIRED"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain(text('uz-Latn', 'errors', 'reasons.CONSENT_REQUIRED.referral'));
    // The refusal took the focus, and the drawer kept what was typed.
    expect(await refused.evaluate((alert) => alert === document.activeElement)).toBe(true);
    expect(await client.referralForm().getByLabel(text('uz-Latn', 'care', 'referrals.agency'), { exact: true }).inputValue()).toBe('Tuman shifoxonasi');
    await client.leaveDrawer();
  });

  it('opens a case with a care plan; an overdue item is highlighted and listed on the home page', async () => {
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.openCase(['housing', 'legalAid'], 'mahalla', 'high', 'Ona va ikki bola bilan yashaydi');
    await client.planTable().or(page.getByText(text('uz-Latn', 'care', 'plan.empty'))).waitFor();
    await client.addPlanItem(1, 'Uy-joy masalasini hal qilish', dayFromToday(30));
    await client.planTable().getByText('Uy-joy masalasini hal qilish').waitFor();
    lateServiceName = await client.addPlanItem(2, 'Huquqiy maslahat', dayFromToday(-3));
    const overdueRow = client.planTable().locator('tr[data-overdue]');
    await overdueRow.getByText('Huquqiy maslahat').waitFor();

    const search = new ClientsSearchPage(page, 'uz-Latn');
    await page.getByRole('link', { name: text('uz-Latn', 'common', 'nav.home'), exact: true }).click();
    await search.overdueSection().getByText('Huquqiy maslahat').waitFor();
    await search.overdueSection().getByRole('link', { name: SHUHRAT_NAME }).click();
    await client.heading(SHUHRAT_NAME).waitFor();

    // Done: no longer overdue, here or on the home page.
    await client.setPlanItemStatus('Huquqiy maslahat', 'done');
    await expect.poll(async () => client.planTable().locator('tr[data-overdue]').count(), { timeout: 10_000 }).toBe(0);
  });

  it('records a service and sees everything on the timeline', async () => {
    const client = new ClientsClientPage(page, 'uz-Latn');
    const serviceName = await client.recordService(1, '45', 'Birinchi suhbat');
    await client.section('services.title').getByText('Birinchi suhbat').waitFor();
    // Opened again, the form is empty.
    const serviceForm = await client.openServiceForm();
    expect(await serviceForm.getByLabel(text('uz-Latn', 'care', 'services.note'), { exact: true }).inputValue()).toBe('');
    await client.closeDrawer();
    await client.openTab('timeline');
    const delivered = text('uz-Latn', 'care', 'timeline.serviceDelivered', { service: serviceName });
    await client.timelineItems().filter({ hasText: delivered }).waitFor();
    const timeline = (await client.timelineItems().allTextContents()).join('\n');
    expect(timeline).toContain(text('uz-Latn', 'care', 'timeline.registered'));
    expect(timeline).toContain(text('uz-Latn', 'care', 'timeline.caseOpened', { priority: text('uz-Latn', 'care', 'cases.priorityLevel.high'), worker: RECEPTIONIST.displayName }));
    expect(timeline).toContain('Uy-joy masalasini hal qilish');
    expect(timeline).toContain(
      text('uz-Latn', 'care', 'timeline.planItemStatusChanged', {
        goal: 'Huquqiy maslahat',
        service: lateServiceName,
        from: text('uz-Latn', 'care', 'plan.statusLabel.planned'),
        to: text('uz-Latn', 'care', 'plan.statusLabel.done'),
      }),
    );
    // Each entry says when it was recorded and by whom.
    expect(await client.timelineItems().filter({ hasText: delivered }).textContent()).toMatch(new RegExp(`\\d{2}:\\d{2} · ${RECEPTIONIST.displayName}`));
    await page.screenshot({ path: join(SCREENSHOTS, 'client-uz-Latn.png'), fullPage: true });
    for (const language of ['ru', 'uz-Cyrl', 'en'] as const) {
      await new AppShellPage(page).chooseLanguage(language);
      await page.getByRole('heading', { name: text(language, 'care', 'timeline.title'), exact: true }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `client-${language}.png`), fullPage: true });
    }
    await new AppShellPage(page).chooseLanguage('uz-Latn');
  });

  it('closes the case with a reason; a new one can be opened later', async () => {
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.closeCase('goalsAchieved');
    await page.getByText(text('uz-Latn', 'care', 'cases.reason.goalsAchieved'), { exact: false }).first().waitFor();
    await client.section('cases.title').getByRole('button', { name: text('uz-Latn', 'care', 'cases.open'), exact: true }).waitFor();
    const closed = text('uz-Latn', 'care', 'timeline.caseClosed', { reason: text('uz-Latn', 'care', 'cases.reason.goalsAchieved') });
    await client.openTab('timeline');
    await client.timelineItems().filter({ hasText: closed }).waitFor();
  });

  it('edits the record: the form opens with what is stored, and the page shows the change', async () => {
    const client = new ClientsClientPage(page, 'uz-Latn');
    await client.startEditing();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    expect(await form.field('lastName').inputValue()).toBe(SHUHRAT.lastName);
    expect(await form.field('pinfl').inputValue()).toBe(SHUHRAT.pinfl);
    expect(await form.field('district').inputValue()).toBe(SHUHRAT.districtCode);
    expect(await form.field('phone').inputValue()).toBe('+998 90 123 45 67');
    await form.field('phone').fill('91 5554433');
    await form.checkCategory('lowIncomeRegister');
    await client.saveEdits();
    await client.openTab('identity');
    await client.identity().getByText('+998 91 555 44 33', { exact: true }).waitFor();
    await client.identity().getByText(text('uz-Latn', 'clients', 'category.lowIncomeRegister')).waitFor();
  });

  describe('bad input (in Russian)', () => {
    const language = 'ru';

    /** A fresh form; `isLeavingTyped`: the previous test left a half-filled one, which asks first. */
    async function openRegistration({ isLeavingTyped }: { readonly isLeavingTyped: boolean }): Promise<ClientsRegisterPage> {
      const search = new ClientsSearchPage(page, language);
      const form = new ClientsRegisterPage(page, language);
      await search.navLink().click();
      if (isLeavingTyped) await form.leaveWithoutSaving();
      await search.startRegistration();
      await form.heading().waitFor();
      return form;
    }

    beforeAll(async () => {
      await new AppShellPage(page).chooseLanguage(language);
    });

    it('empty names, no sex and no date of birth: each field says what is missing', async () => {
      const form = await openRegistration({ isLeavingTyped: false });
      await form.submit();
      expect(await form.fieldErrorOf('lastName')).toBe(text(language, 'validation', 'required'));
      expect(await form.fieldErrorOf('firstName')).toBe(text(language, 'validation', 'required'));
      expect(await form.fieldErrorOf('birthDate')).toBe(text(language, 'clients', 'issue.birthDateOrEstimatedYear'));
      await page.getByText(text(language, 'clients', 'issue.sexRequired')).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'register-empty-ru.png'), fullPage: true });
    });

    it('a date of birth in the future and a 13-digit PINFL are refused with localized messages, keeping what was typed', async () => {
      const form = await openRegistration({ isLeavingTyped: false });
      await form.fill({ lastName: 'Иванова', firstName: 'Мария', birthDate: dayFromToday(2), sex: 'female', pinfl: '3250590012345' });
      await form.submit();
      expect(await form.fieldErrorOf('pinfl')).toBe(text(language, 'clients', 'issue.pinflDigits'));
      await form.field('pinfl').fill('');
      await form.submit();
      // The core knows today's date: its refusal lands on the field like the form's own.
      expect(await form.fieldErrorOf('birthDate')).toBe(text(language, 'clients', 'issue.future_date'));
      expect(await form.field('lastName').inputValue()).toBe('Иванова');
      await page.screenshot({ path: join(SCREENSHOTS, 'register-future-ru.png'), fullPage: true });
    });

    it('a 10,000-character remark is refused whole, not cut', async () => {
      const form = await openRegistration({ isLeavingTyped: true });
      await form.fill({ lastName: 'Петров', firstName: 'Пётр', birthDate: '1970-03-04', sex: 'male', remarks: 'я'.repeat(10_000) });
      await form.submit();
      expect(await form.fieldErrorOf('remarks')).toBe(text(language, 'validation', 'maxLength', { maximum: '2000' }));
    });

    it('SQL and HTML in text fields are stored and shown verbatim, as text', async () => {
      const form = await openRegistration({ isLeavingTyped: true });
      const html = '<b>Ali</b><img src=x onerror=alert(1)>';
      const sql = "Robert'); DROP TABLE clients;--";
      const remarks = `<script>alert("x")</script> ' OR 1=1 --`;
      await form.fill({ lastName: sql, firstName: html, birthDate: '1961-07-08', sex: 'male', mahalla: '"><svg onload=alert(2)>', remarks });
      await form.submit();
      const client = new ClientsClientPage(page, language);
      await client.heading(`${sql} ${html}`).waitFor();
      const identity = client.identity();
      await identity.getByText(remarks, { exact: true }).waitFor();
      await identity.getByText('"><svg onload=alert(2)>', { exact: false }).waitFor();
      expect(await page.locator('main b, main img, main svg[onload], main script').count()).toBe(0);
      expect(dialogs).toEqual([]);
      // And the record is found again by its odd name.
      const search = new ClientsSearchPage(page, language);
      await search.navLink().click();
      await search.search('Robert');
      await expect.poll(async () => search.results().first().textContent(), { timeout: 10_000 }).toContain(sql);
      await page.screenshot({ path: join(SCREENSHOTS, 'search-sql-ru.png') });
    });
  });

  it('an administrator merges a duplicate record into the client, and undoes it (English)', async () => {
    const desk = apiClient(harness);
    await desk.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const duplicate = await desk.invoke('clients.register', {
      lastName: 'Djurayev',
      firstName: 'Shuxrat',
      birthDate: SHUHRAT.birthDate,
      sex: 'male',
      confirmedWarnings: ['possibleDuplicate'],
    });
    await desk.invoke('consents.record', { clientId: duplicate.id, purpose: 'photographs', state: 'given', decidedOn: dayFromToday(0) });

    const adminPage = await browser.newPage();
    const shell = new AppShellPage(adminPage);
    await shell.open(harness.url);
    await shell.chooseLanguage('en');
    await adminPage.getByRole('textbox', { name: text('en', 'auth', 'username'), exact: true }).fill(ADMIN.username);
    await adminPage.getByLabel(text('en', 'auth', 'password'), { exact: true }).fill(ADMIN.password);
    await adminPage.getByRole('button', { name: text('en', 'auth', 'signIn.submit'), exact: true }).click();
    const search = new ClientsSearchPage(adminPage, 'en');
    await search.navLink().click();
    // An administrator finds and merges, but does not register.
    await search.heading().waitFor();
    expect(await adminPage.getByRole('button', { name: text('en', 'clients', 'search.register') }).count()).toBe(0);
    await search.search('Shuxrat Joʻrayev');
    await search.results().filter({ hasText: SHUHRAT_NAME }).click();
    const client = new ClientsClientPage(adminPage, 'en');
    await client.heading(SHUHRAT_NAME).waitFor();
    await client.openTab('consents');
    await expect.poll(async () => client.consentHistoryRows().count(), { timeout: 10_000 }).toBe(2);

    await adminPage.getByRole('button', { name: text('en', 'clients', 'merge.open'), exact: true }).click();
    const drawer = client.drawer(text('en', 'clients', 'merge.title'));
    await drawer.getByRole('searchbox', { name: text('en', 'clients', 'merge.search') }).fill('Djurayev');
    await drawer.getByRole('list', { name: text('en', 'clients', 'search.results') }).getByRole('button').filter({ hasText: 'Djurayev Shuxrat' }).click();
    await adminPage.getByRole('dialog', { name: text('en', 'clients', 'merge.confirmTitle') }).getByRole('button', { name: text('en', 'clients', 'merge.confirm'), exact: true }).click();
    await adminPage.getByText(text('en', 'clients', 'merge.done')).waitFor();
    // The duplicate's consent now belongs to this client, and the merge is on the timeline with who did it.
    await expect.poll(async () => client.consentHistoryRows().count(), { timeout: 10_000 }).toBe(3);
    await adminPage.screenshot({ path: join(SCREENSHOTS, 'merged-en.png'), fullPage: true });
    await client.openTab('timeline');
    await client.timelineItems().filter({ hasText: text('en', 'care', 'timeline.mergedIn') }).filter({ hasText: ADMIN.displayName }).waitFor();

    await adminPage.getByRole('button', { name: text('en', 'clients', 'merge.undo'), exact: true }).click();
    await client.timelineItems().filter({ hasText: text('en', 'care', 'timeline.unmergedOut') }).waitFor();
    await client.openTab('consents');
    await expect.poll(async () => client.consentHistoryRows().count(), { timeout: 10_000 }).toBe(2);
    await adminPage.close();
  });

  it('kept personal data out of the harness log', () => {
    const log = harness.stderr();
    for (const secret of [SHUHRAT.pinfl, 'Жўраев', 'Шухрат', '901234567', 'R-2026/117']) expect(log).not.toContain(secret);
  });
});
