import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The backup panel on the administrator's home, the restore form, and the damaged-database screen. */
export class BackupPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values: Record<string, string> = {}): string {
    return text(this.language, 'backup', key, values);
  }

  panel() {
    return this.page.getByRole('region', { name: this.t('title'), exact: true });
  }

  async setFolder(folder: string, intervalHours: number): Promise<void> {
    await this.panel().getByRole('textbox', { name: this.t('folder') }).fill(folder);
    await this.panel().getByRole('textbox', { name: this.t('interval') }).fill(String(intervalHours));
    await this.panel().getByRole('button', { name: this.t('save'), exact: true }).click();
    await this.panel().getByText(this.t('saved'), { exact: true }).waitFor();
  }

  async backUpNow(): Promise<void> {
    await this.panel().getByRole('button', { name: this.t('backUpNow'), exact: true }).click();
  }

  /** The first-start offer above the setup wizard. */
  async chooseRestore(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('restore.offer'), exact: true }).click();
  }

  damagedHeading() {
    return this.page.getByRole('heading', { name: this.t('damaged.title'), exact: true });
  }

  fileField() {
    return this.page.getByRole('textbox', { name: this.t('restore.file') });
  }

  async restoreWithRecoveryCode(file: string | null, code: string): Promise<void> {
    if (file !== null) await this.fileField().fill(file);
    await this.page.getByRole('textbox', { name: this.t('restore.recoveryCode') }).fill(code);
    await this.page.getByRole('button', { name: this.t('restore.submit'), exact: true }).click();
  }

  async restoreWithPassword(file: string | null, username: string, password: string): Promise<void> {
    if (file !== null) await this.fileField().fill(file);
    await this.page.getByRole('radio', { name: this.t('restore.methodPassword'), exact: true }).check();
    await this.page.getByRole('textbox', { name: text(this.language, 'auth', 'username'), exact: true }).fill(username);
    await this.page.getByLabel(text(this.language, 'auth', 'password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: this.t('restore.submit'), exact: true }).click();
  }
}
