import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupHeader } from '../../src/core/backup/backup-file';
import { PAGE_SIZE_BYTES } from '../../src/core/db/page-check';
import { AppShellPage } from './pages/app-shell';
import { BackupPage } from './pages/backup-page';
import { SignInPage } from './pages/sign-in-page';
import { apiClient } from './support/api';
import { launchBrowser, type Browser } from './support/browser';
import { startHarness, type Harness } from './support/harness';
import { text } from './support/locales';
import { snap } from './support/screens';

const ADMIN = { displayName: 'Dilshod Qodirov', username: 'dilshod', password: 'Sariq-qovun-bozor-31' };
const RECEPTIONIST = { displayName: 'Zarina Tursunova', username: 'zarina' };

/**
 * Issue 14 items 3 to 5 in the harness: the administrator backs up from the home page; the
 * database is then damaged on disk (one page overwritten) and the next start finds it and offers
 * the backup, which comes back with the damaged file kept aside; and a new PC's first start
 * restores the same backup with the recovery code.
 */
describe('backups, a damaged database, restore on a new PC', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-e2e-backup-'));
  const folder = mkdtempSync(join(tmpdir(), 'inson-e2e-usb-'));
  let recoveryCode = '';
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let shell: AppShellPage;
  let backupFile = '';

  beforeAll(async () => {
    harness = await startHarness({ dataDir });
    const setup = await apiClient(harness).invoke('setup.createCenter', {
      center: { name: 'Mirobod markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
      admin: ADMIN,
    });
    recoveryCode = setup.recoveryCode;
    const admin = apiClient(harness);
    await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    await admin.invoke('staff.add', { ...RECEPTIONIST, role: 'receptionist' });
    await admin.invoke('auth.signOut', {});
    browser = await launchBrowser();
    page = await browser.newPage();
    shell = new AppShellPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  });

  it('the administrator chooses the folder and backs up now; the home shows the last good backup', async () => {
    await shell.open(harness.url);
    await shell.chooseLanguage('ru');
    await new SignInPage(page, 'ru').signIn(ADMIN.username, ADMIN.password);
    const backups = new BackupPage(page, 'ru');
    await backups.panel().waitFor();
    await backups.panel().getByText(text('ru', 'backup', 'noFolder'), { exact: true }).waitFor();
    await backups.setFolder(folder, 24);
    await backups.panel().getByText(text('ru', 'backup', 'overdue', { hours: '24' }), { exact: true }).waitFor();
    await backups.backUpNow();
    const [file] = await waitForFiles(folder);
    backupFile = join(folder, file ?? '');
    await backups.panel().getByText(text('ru', 'backup', 'done', { file: file ?? '' }), { exact: true }).waitFor();
    const createdAt = dayjs(readBackupHeader(backupFile).manifest.createdAt).format('DD.MM.YYYY HH:mm');
    await backups.panel().getByText(text('ru', 'backup', 'lastGood', { date: createdAt }), { exact: false }).waitFor();
    expect(await backups.panel().getByText(text('ru', 'backup', 'overdue', { hours: '24' })).count()).toBe(0);
    await snap(page, 'backup-home-ru');
  });

  it('a damaged page is found at the next start: the app offers the backup, restores it and keeps the damaged file', async () => {
    await harness.stop();
    const databasePath = join(dataDir, 'center.db');
    const fd = openSync(databasePath, 'r+');
    writeSync(fd, Buffer.alloc(PAGE_SIZE_BYTES, 0x5a), 0, PAGE_SIZE_BYTES, 4 * PAGE_SIZE_BYTES);
    closeSync(fd);
    const damagedBytes = readFileSync(databasePath);
    harness = await startHarness({ dataDir });
    await shell.open(harness.url);
    // A new port is a new origin: the remembered language is that origin's.
    await shell.chooseLanguage('ru');
    await new SignInPage(page, 'ru').signIn(ADMIN.username, ADMIN.password);
    const backups = new BackupPage(page, 'ru');
    await backups.damagedHeading().waitFor();
    expect(await backups.fileField().inputValue()).toBe(backupFile);
    await snap(page, 'backup-damaged-offer-ru');
    await backups.restoreWithPassword(null, ADMIN.username, ADMIN.password);
    const createdAt = dayjs(readBackupHeader(backupFile).manifest.createdAt).format('DD.MM.YYYY HH:mm');
    await page.getByText(text('ru', 'backup', 'restore.done', { date: createdAt, count: '0' }), { exact: true }).waitFor();
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0] ?? '', 'center.db')).equals(damagedBytes)).toBe(true);
    await page.getByRole('button', { name: text('ru', 'auth', 'signIn.title'), exact: true }).click();
    await new SignInPage(page, 'ru').signIn(ADMIN.username, ADMIN.password);
    await backups.panel().waitFor();
  });

  it('a new PC restores the center at first start with the recovery code, with every staff slot', async () => {
    const newPc = await startHarness();
    try {
      const fresh = await browser.newPage();
      const freshShell = new AppShellPage(fresh);
      await freshShell.open(newPc.url);
      await freshShell.chooseLanguage('ru');
      const backups = new BackupPage(fresh, 'ru');
      await backups.chooseRestore();
      await backups.fileField().waitFor();
      await snap(fresh, 'backup-restore-first-start-ru');
      await backups.restoreWithRecoveryCode(backupFile, 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
      await fresh.getByRole('alert').filter({ hasText: text('ru', 'errors', 'WRONG_RECOVERY_CODE') }).waitFor();
      await backups.restoreWithRecoveryCode(null, recoveryCode);
      await fresh.getByRole('button', { name: text('ru', 'auth', 'signIn.title'), exact: true }).click();
      await new SignInPage(fresh, 'ru').signIn(ADMIN.username, ADMIN.password);
      await backups.panel().waitFor();
      // Every slot came back: the receptionist's account is there too.
      const admin = apiClient(newPc);
      await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
      expect((await admin.invoke('staff.list', {})).map((member) => member.username).sort()).toEqual([ADMIN.username, RECEPTIONIST.username].sort());
      await fresh.close();
    } finally {
      await newPc.stop();
    }
  });
});

/** The backup folder's whole backups, once there is one. */
async function waitForFiles(folder: string): Promise<string[]> {
  for (let i = 0; i < 100; i += 1) {
    const files = readdirSync(folder).filter((name) => name.endsWith('.inson-backup'));
    if (files.length > 0) return files;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no backup was written');
}
