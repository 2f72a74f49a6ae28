import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePinfl } from '../../src/core/uz/pinfl';
import { RECEPTIONIST, setUpCenterWithReceptionist } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { ClientsRegisterPage } from './pages/clients-register';
import { ClientsSearchPage } from './pages/clients-search';
import { LockScreenPage } from './pages/lock-screen';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { dayAsTyped } from './pages/date-field';
import { snap } from './support/screens';

/** A client as a receptionist would have typed half of them before stepping away. */
const TYPED = {
  lastName: 'Toʻxtasinova',
  firstName: 'Mohigul',
  patronymic: 'Baxtiyorovna',
  birthDate: '1987-03-14',
  sex: 'female',
  pinfl: makePinfl('female', '1987-03-14', 233),
  phone: '93 555 12 34',
  regionCode: '1726',
  districtCode: '1726262',
  mahalla: 'Qoraqamish',
  street: 'Lolazor koʻchasi, 17-uy',
  remarks: 'Qoʻshnisi bilan keldi, ertaga hujjat olib keladi',
} as const;

/** What the person typed as free text: none of it may be on screen while locked. */
const TYPED_TEXTS = [TYPED.lastName, TYPED.firstName, TYPED.patronymic, TYPED.pinfl, TYPED.phone, TYPED.mahalla, TYPED.street, TYPED.remarks];

/** The API method names the page called (`POST /api/<method>`), in order. */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const match = /\/api\/([^/?#]+)$/.exec(request.url());
    if (match?.[1] !== undefined) calls.push(decodeURIComponent(match[1]));
  });
  return calls;
}

/** Form controls that are rendered visibly and hold any of the texts. */
async function visibleControlsHolding(page: Page, texts: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (wanted) =>
      Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
        .filter((control) => control.checkVisibility() && wanted.some((value) => control.value.includes(value)))
        .map((control) => control.name || control.id),
    [...texts],
  );
}

/**
 * Locking covers the signed-in screens without unmounting them: the same user finds a
 * half-typed registration exactly as they left it, nothing of it shows (or calls the core)
 * while locked, and signing out from the lock screen throws it away.
 */
describe('the lock screen keeps a half-typed form for the same user only', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let apiCalls: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    browser = await launchBrowser();
    page = await browser.newPage();
    apiCalls = recordApiCalls(page);
    await new AppShellPage(page).open(harness.url);
    await new ClientsSearchPage(page, 'uz-Latn').signIn(RECEPTIONIST.username, RECEPTIONIST.password);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('hides the typed form behind the lock screen and gives it back after unlock', async () => {
    await new ClientsSearchPage(page, 'uz-Latn').startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.heading().waitFor();
    await form.fill(TYPED);
    await form.checkCategory('lowIncomeRegister');
    await form.field('remarks').focus();

    const callsBeforeLock = apiCalls.length;
    await page.keyboard.press('Control+L');
    const lock = new LockScreenPage(page, 'uz-Latn');
    await lock.heading().waitFor();
    await snap(page, 'lock-keeps-form.locked.uz-Latn');

    for (const value of TYPED_TEXTS) expect(await page.getByText(value).filter({ visible: true }).count(), value).toBe(0);
    expect(await visibleControlsHolding(page, TYPED_TEXTS)).toEqual([]);
    expect(await page.locator('body').innerText()).not.toContain(TYPED.lastName);
    expect(await form.heading().count()).toBe(0);
    // Nothing behind the lock screen can take the keyboard.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-signed-in-app]') ?? null)).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-signed-in-app]') ?? null)).toBeNull();

    // Give anything behind the lock screen time to refetch (the query stale time is 5 s): it must not.
    await page.waitForTimeout(6_000);
    await lock.unlock(RECEPTIONIST.password);
    await form.heading().waitFor();
    const whileLocked = apiCalls.slice(callsBeforeLock, apiCalls.lastIndexOf('auth.unlock'));
    expect(whileLocked.filter((method) => method !== 'auth.lock' && method !== 'system.info')).toEqual([]);

    expect(await form.field('lastName').inputValue()).toBe(TYPED.lastName);
    expect(await form.field('firstName').inputValue()).toBe(TYPED.firstName);
    expect(await form.field('patronymic').inputValue()).toBe(TYPED.patronymic);
    expect(await form.field('birthDate').inputValue()).toBe(dayAsTyped(TYPED.birthDate));
    expect(await page.getByRole('radio', { name: text('uz-Latn', 'clients', 'sex.female'), exact: true }).isChecked()).toBe(true);
    expect(await form.field('pinfl').inputValue()).toBe(TYPED.pinfl);
    expect(await form.field('phone').inputValue()).toBe(TYPED.phone);
    expect(await form.field('region').inputValue()).toBe(TYPED.regionCode);
    expect(await form.field('district').inputValue()).toBe(TYPED.districtCode);
    expect(await form.field('mahalla').inputValue()).toBe(TYPED.mahalla);
    expect(await form.field('street').inputValue()).toBe(TYPED.street);
    expect(await form.field('remarks').inputValue()).toBe(TYPED.remarks);
    expect(await page.getByRole('checkbox', { name: text('uz-Latn', 'clients', 'category.lowIncomeRegister'), exact: true }).isChecked()).toBe(true);
    // The keyboard is back in the field the receptionist was typing in.
    expect(await form.field('remarks').evaluate((field) => field === document.activeElement)).toBe(true);
    await snap(page, 'lock-keeps-form.unlocked.uz-Latn');
  });

  it('quick hide blanks the window at once; behind it the lock screen, then the same form', async () => {
    await page.keyboard.press('Control+Shift+H');
    await page.getByRole('button', { name: text('uz-Latn', 'auth', 'quickHide.reveal') }).waitFor();
    expect(await page.getByRole('heading').count()).toBe(0);
    expect(await visibleControlsHolding(page, TYPED_TEXTS)).toEqual([]);
    await page.keyboard.press('Space');
    const lock = new LockScreenPage(page, 'uz-Latn');
    await lock.heading().waitFor();
    await lock.unlock(RECEPTIONIST.password);
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.heading().waitFor();
    expect(await form.field('remarks').inputValue()).toBe(TYPED.remarks);
  });

  it('throws the form away when someone signs out from the lock screen', async () => {
    // Locked with the user menu open: the menu (rendered in a portal) is hidden with the app.
    const shell = new AppShellPage(page);
    await shell.openUserMenu();
    await page.getByRole('menuitem', { name: text('uz-Latn', 'auth', 'signOut'), exact: true }).waitFor();
    await page.keyboard.press('Control+L');
    const lock = new LockScreenPage(page, 'uz-Latn');
    await lock.heading().waitFor();
    expect(await page.getByRole('menuitem').count()).toBe(0);
    expect(await page.getByText(RECEPTIONIST.displayName).filter({ visible: true }).count()).toBe(1);
    await lock.signOut();
    const search = new ClientsSearchPage(page, 'uz-Latn');
    await search.signIn(RECEPTIONIST.username, RECEPTIONIST.password);
    await search.startRegistration();
    const form = new ClientsRegisterPage(page, 'uz-Latn');
    await form.heading().waitFor();
    for (const key of ['lastName', 'firstName', 'patronymic', 'pinfl', 'phone', 'mahalla', 'street', 'remarks']) {
      expect(await form.field(key).inputValue(), key).toBe('');
    }
    expect(await page.locator('input, textarea').evaluateAll((controls, wanted) => controls.some((control) => wanted.some((value) => (control as HTMLInputElement).value.includes(value))), TYPED_TEXTS)).toBe(false);
  });
});
