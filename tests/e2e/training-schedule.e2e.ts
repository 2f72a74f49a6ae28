import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffMember, RECEPTIONIST, setUpCenterWithReceptionist, type StaffAccount } from './clients-setup';
import { AppShellPage } from './pages/app-shell';
import { dayAsTyped, fillDay } from './pages/date-field';
import { SignInPage } from './pages/sign-in-page';
import type { ApiClient } from '../../src/core/client';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';

const TRAINER: StaffAccount = { username: 'trener', password: 'Trener-parol-2026!', displayName: 'Zarina Yusupova' };
const LEARNER = { lastName: 'Qodirova', firstName: 'Nilufar', birthDate: '1985-07-14' };
const tr = (key: string, values?: Record<string, string>) => text('uz-Latn', 'training', key, values);


/** The coming Monday (never today), as the core's YYYY-MM-DD. */
function comingMonday(): string {
  const monday = new Date();
  do monday.setDate(monday.getDate() + 1);
  while (monday.getDay() !== 1);
  return `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, '0')}-${String(monday.getDate()).padStart(2, '0')}`;
}

/**
 * Issue 11's schedule path as a trainer: the holidays the schedules skip (a built-in one switched
 * off, a center's own added with a typed date), a session moved (a malformed time refused in the
 * dialog first), and a learner withdrawn with a reason. Its own center, so it depends on no other file.
 */
describe('training schedule as a trainer', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  let trainer: ApiClient;
  let cohortId: string;

  beforeAll(async () => {
    harness = await startHarness();
    await setUpCenterWithReceptionist(harness);
    await addStaffMember(harness, TRAINER, 'trainer');
    trainer = apiClient(harness);
    await trainer.invoke('auth.signIn', { username: TRAINER.username, password: TRAINER.password });
    const course = await trainer.invoke('training.createCourse', {
      names: { 'uz-Latn': 'Moliyaviy savodxonlik', 'uz-Cyrl': 'Молиявий саводхонлик', ru: 'Финансовая грамотность', en: 'Financial literacy' },
      kind: 'financialLiteracy',
      hours: 6,
      targetGroups: ['women'],
      accessibility: [],
    });
    const reception = apiClient(harness);
    await reception.invoke('auth.signIn', { username: RECEPTIONIST.username, password: RECEPTIONIST.password });
    const registered = await reception.invoke('clients.register', {
      patronymic: null,
      sex: 'female',
      pinfl: null,
      phone: null,
      address: { regionCode: '1726', districtCode: '1726262', mahalla: null, street: null },
      categories: ['lowIncomeRegister'],
      disabilityGroup: null,
      languages: ['uz'],
      identityDocument: null,
      remarks: null,
      ...LEARNER,
    });
    await reception.invoke('auth.signOut', {});
    // Arranged before the page first reads the cohort list: the page refreshes after its own writes,
    // not after this other connection's, and keeps what it read for 5 s (the app's staleTime).
    const cohort = await trainer.invoke('training.createCohort', {
      courseId: course.id,
      trainerIds: [(await trainer.invoke('auth.me', {}))?.id ?? ''],
      place: '3-xona',
      capacity: 10,
      schedule: { startsOn: comingMonday(), weekdays: [1], startTime: '14:00', durationMinutes: 120 },
    });
    expect(cohort.sessions.map((session) => session.seq)).toEqual([1, 2, 3]);
    cohortId = cohort.id;
    await trainer.invoke('training.enroll', { cohortId, clientId: registered.id });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    shell = new AppShellPage(page);
    await shell.open(harness.url);
    await new SignInPage(page, 'uz-Latn').signIn(TRAINER.username, TRAINER.password);
    await shell.navigationLinks('uz-Latn').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('edits the holidays the schedules skip, moves a session and withdraws a learner with a reason', async () => {
    await shell.navigateTo('uz-Latn', 'training', 'nav');
    const holidays = page.getByRole('table', { name: tr('holidays.title') });
    const navruz = { name: tr('holidays.skippedFor', { name: tr('holidays.names.navruz') }) };
    await holidays.getByRole('switch', { ...navruz, checked: true }).click();
    // The switch shows what the core holds: it turns off once the change is saved and read back.
    await holidays.getByRole('switch', { ...navruz, checked: false }).waitFor();
    await fillDay(page.getByRole('textbox', { name: tr('holidays.date') }), '2027-03-20');
    await page.getByRole('textbox', { name: tr('holidays.name') }).fill('Ramazon hayiti');
    await page.getByRole('button', { name: tr('holidays.add') }).click();
    await holidays.getByRole('rowheader', { name: 'Ramazon hayiti' }).waitFor();
    await holidays.getByRole('cell', { name: '20.03.2027' }).waitFor();
    await snap(page, 'training-holidays.uz-Latn');
    const listed = (await trainer.invoke('training.listHolidays', {})).items;
    expect(listed.find((holiday) => holiday.code === 'navruz')?.isActive).toBe(false);
    expect(listed.find((holiday) => holiday.name === 'Ramazon hayiti')).toMatchObject({ date: '2027-03-20', monthDay: null, isActive: true });

    await page.getByRole('table', { name: tr('cohorts.title') }).getByRole('row', { name: /3-xona/ }).getByRole('link').click();
    const second = tr('sessions.number', { seq: '2' });
    await page.getByRole('button', { name: tr('sessions.changeFor', { session: second }) }).click();
    await page.getByRole('menuitem', { name: tr('sessions.move') }).click();
    const dialog = page.getByRole('dialog', { name: tr('sessions.moveTitle', { session: second }) });
    const time = dialog.getByRole('textbox', { name: tr('cohorts.startTime') });
    await time.fill('9:5');
    await dialog.getByRole('button', { name: tr('sessions.moveConfirm') }).click();
    await dialog.getByText(tr('sessions.timeFormat')).waitFor();
    expect(await time.getAttribute('aria-invalid')).toBe('true');
    const sessionTwo = async () => (await trainer.invoke('training.getCohort', { id: cohortId })).sessions.find((session) => session.seq === 2);
    expect((await sessionTwo())?.startTime).toBe('14:00');
    await time.fill('16:00');
    await dialog.getByRole('button', { name: tr('sessions.moveConfirm') }).click();
    await dialog.waitFor({ state: 'detached' });
    const moved = await sessionTwo();
    expect(moved?.startTime).toBe('16:00');
    const sessions = page.getByRole('table', { name: tr('sessions.title_other', { count: '3' }) });
    await sessions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: second, exact: true }) }).getByText(`${dayAsTyped(moved?.date ?? '')} 16:00`).waitFor();

    await page.getByRole('button', { name: tr('learners.actionsFor', { name: 'Qodirova Nilufar' }) }).click();
    await page.getByRole('menuitem', { name: tr('learners.withdraw') }).click();
    const withdraw = page.getByRole('dialog', { name: tr('learners.withdrawTitle', { name: 'Qodirova Nilufar' }) });
    await withdraw.getByRole('combobox', { name: tr('learners.withdrawReason') }).selectOption('foundWork');
    await snap(page, 'training-withdraw.uz-Latn');
    await withdraw.getByRole('button', { name: tr('learners.withdrawConfirm') }).click();
    await withdraw.waitFor({ state: 'detached' });
    const learners = page.getByRole('table', { name: tr('learners.title') });
    await learners.getByRole('row', { name: /Qodirova Nilufar/ }).getByText(tr('stages.withdrawn'), { exact: true }).waitFor();
    expect((await trainer.invoke('training.getCohort', { id: cohortId })).enrollments).toMatchObject([{ stage: 'withdrawn', withdrawalReason: 'foundWork' }]);
  });
});
