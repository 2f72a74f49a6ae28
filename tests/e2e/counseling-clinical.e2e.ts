import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C_ADMIN, PSYCHOLOGIST, SECOND_PSYCHOLOGIST, setUpCounselingCenter, SUPERVISOR, type CounselingAccount, type CounselingCenterSetup } from './counseling-setup';
import { AppShellPage } from './pages/app-shell';
import { CounselingSupervisionPage } from './pages/counseling-supervision';
import { SignInPage } from './pages/sign-in-page';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { LANGUAGES, text } from './support/locales';
import { snap } from './support/screens';

const BREAK_GLASS_REASON = 'Mijoz tunda qoʻngʻiroq qildi, psixologi taʼtilda.';

/** Every item answered "no" but strangulation: the instrument puts that at high whatever the total. */
const HIGH_RISK_ANSWERS = {
  recentPhysicalViolence: 'no',
  escalation: 'no',
  strangulation: 'yes',
  threatsToKill: 'no',
  weapon: 'no',
  separation: 'no',
  control: 'no',
  children: 'no',
  pregnancy: 'no',
  abuserSubstanceUse: 'no',
  suicidalThoughts: 'no',
  fearForLife: 'no',
};

describe('counseling clinical screens: the supervisor\'s lists and the emergency-access setting', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let center: CounselingCenterSetup;
  let shell: AppShellPage;

  beforeAll(async () => {
    harness = await startHarness();
    center = await setUpCounselingCenter(harness);
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = await browser.newPage();
    shell = new AppShellPage(page);
    await shell.open(harness.url);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  async function signIn(account: CounselingAccount): Promise<void> {
    await new SignInPage(page, 'uz-Latn').signIn(account.username, account.password);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  }

  it('an administrator sets how long emergency access lasts, and an hour count out of range is refused at the field', async () => {
    await signIn(C_ADMIN);
    await shell.chooseLanguage('ru');
    await shell.navigate('ru', 'nav.center');
    const hours = page.getByRole('textbox', { name: text('ru', 'common', 'center.emergencyAccessHours') });
    expect(await hours.inputValue()).toBe('4');
    await hours.fill('25');
    await page.getByRole('button', { name: text('ru', 'common', 'actions.save'), exact: true }).click();
    await page.getByText(text('ru', 'validation', 'numberMax', { maximum: '24' }), { exact: true }).waitFor();
    // Refused where it is: the keyboard is on the field, and the number is not clamped behind the person's back.
    expect(await hours.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await hours.inputValue()).toBe('25');
    await snap(page, 'counseling-emergency-hours-refused.ru');
    await hours.fill('0');
    await page.getByText(text('ru', 'validation', 'numberMin', { minimum: '1' }), { exact: true }).waitFor();
    await hours.fill('6');
    await page.getByRole('button', { name: text('ru', 'common', 'actions.save'), exact: true }).click();
    await page.getByRole('status').getByText(text('ru', 'common', 'center.saved')).waitFor();
    const admin = await center.signedIn(C_ADMIN);
    expect((await admin.invoke('center.get', {})).settings.emergencyAccessHours).toBe(6);
    await admin.invoke('auth.signOut', {});
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
  });

  it('a supervisor sees the client whose risk rose and the break of the glass, in every language, and settles both from the keyboard', async () => {
    const psychologist = await center.signedIn(PSYCHOLOGIST);
    await psychologist.invoke('counseling.recordRiskAssessment', {
      clientId: center.clientId,
      sessionId: null,
      assessedAt: new Date().toISOString(),
      instrumentId: 'inson.riskScreen',
      instrumentVersion: 1,
      answers: HIGH_RISK_ANSWERS,
    });
    await psychologist.invoke('auth.signOut', {});
    const second = await center.signedIn(SECOND_PSYCHOLOGIST);
    const opened = await second.invoke('counseling.breakGlass', { clientId: center.clientId, reason: BREAK_GLASS_REASON });
    await second.invoke('auth.signOut', {});
    // The center's setting from the test above: six hours.
    expect(new Date(opened.expiresAt).getTime() - Date.now()).toBeGreaterThan(5.9 * 3_600_000);

    await signIn(SUPERVISOR);
    for (const language of LANGUAGES) {
      await shell.chooseLanguage(language);
      const supervision = new CounselingSupervisionPage(page, language);
      if (language === 'uz-Latn') await supervision.open();
      await supervision.heading().waitFor();
      await supervision.attentionRow(center.clientName).getByText(text(language, 'counseling', 'riskLevel.high'), { exact: true }).waitFor();
      const row = supervision.emergencyRow(SECOND_PSYCHOLOGIST.displayName, center.clientName);
      await row.getByText(BREAK_GLASS_REASON, { exact: true }).waitFor();
      await row.getByText(text(language, 'clinical', 'emergency.active'), { exact: true }).waitFor();
      await snap(page, `counseling-supervision.${language}`);
    }

    await shell.chooseLanguage('en');
    const supervision = new CounselingSupervisionPage(page, 'en');
    // From the keyboard: focus the row's button, Enter; the dialog's confirm has the focus, Enter again.
    await supervision.attentionRow(center.clientName).getByRole('button', { name: text('en', 'clinical', 'attention.resolveFor', { name: center.clientName }), exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: text('en', 'clinical', 'attention.confirmTitle') }).waitFor();
    await snap(page, 'counseling-supervision-resolve.en');
    await page.keyboard.press('Enter');
    await supervision.attentionEmpty().waitFor();
    await supervision
      .emergencyRow(SECOND_PSYCHOLOGIST.displayName, center.clientName)
      .getByRole('button', { name: text('en', 'clinical', 'emergency.reviewFor', { psychologist: SECOND_PSYCHOLOGIST.displayName, client: center.clientName }), exact: true })
      .focus();
    await page.keyboard.press('Enter');
    await supervision.emergencyEmpty().waitFor();
    await snap(page, 'counseling-supervision-empty.en');

    const supervisor = await center.signedIn(SUPERVISOR);
    expect((await supervisor.invoke('counseling.listAttention', {})).items).toEqual([]);
    expect((await supervisor.invoke('counseling.listEmergencyAccess', {})).items).toEqual([]);
    await supervisor.invoke('auth.signOut', {});
    await shell.chooseLanguage('uz-Latn');
    await shell.signOut('uz-Latn');
  });

  it('offers the supervision page to supervisors only', async () => {
    await signIn(PSYCHOLOGIST);
    await shell.navigationLinks('uz-Latn').first().waitFor();
    expect(await shell.navigationLinks('uz-Latn').getByText(text('uz-Latn', 'clinical', 'supervision.nav'), { exact: true }).count()).toBe(0);
    await shell.signOut('uz-Latn');
  });
});
