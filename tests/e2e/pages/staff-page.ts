import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** Staff management: add an account, read its temporary password once, reset, deactivate. */
export class StaffPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  heading() {
    return this.page.getByRole('heading', { name: text(this.language, 'staff', 'title'), exact: true });
  }

  async add(displayName: string, username: string, role: string): Promise<void> {
    await this.page.getByRole('textbox', { name: text(this.language, 'staff', 'displayName'), exact: true }).fill(displayName);
    await this.page.getByRole('textbox', { name: text(this.language, 'auth', 'username'), exact: true }).fill(username);
    await this.page.getByRole('combobox', { name: text(this.language, 'staff', 'role'), exact: true }).selectOption(role);
    await this.page.getByRole('button', { name: text(this.language, 'staff', 'add.submit'), exact: true }).click();
  }

  /** The one-time temporary password notice (a status region). */
  async temporaryPassword(): Promise<string> {
    const notice = this.page.getByRole('status').filter({ hasText: text(this.language, 'staff', 'temporary.label') });
    await notice.waitFor();
    return ((await notice.locator('pre, code').first().textContent()) ?? '').trim();
  }

  async dismissTemporaryPassword(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'staff', 'temporary.done'), exact: true }).click();
  }

  /** Presses a row's action button (named for the person) and confirms it in the dialog. */
  async act(displayName: string, action: 'reset' | 'deactivate'): Promise<void> {
    const key = action === 'reset' ? 'resetFor' : 'deactivateFor';
    await this.page.getByRole('button', { name: text(this.language, 'staff', key, { name: displayName }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: text(this.language, 'staff', `${action}.confirmTitle`) });
    await dialog.getByRole('button', { name: text(this.language, 'staff', `${action}.action`), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Reactivates an inactive account (confirming it); the new temporary password is then shown once. */
  async reactivate(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'staff', 'reactivateFor', { name: displayName }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: text(this.language, 'staff', 'reactivate.confirmTitle') });
    await dialog.getByRole('button', { name: text(this.language, 'staff', 'reactivate.action'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Opens the edit dialog of an account (named for the person). */
  async openEdit(displayName: string) {
    await this.page.getByRole('button', { name: text(this.language, 'staff', 'editFor', { name: displayName }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: text(this.language, 'staff', 'edit.title', { name: displayName }) });
    await dialog.waitFor();
    return dialog;
  }

  /**
   * Opens "give access to notes" for a psychologist or supervisor and submits the recovery code
   * with the recipient's own password. `open` is false when the dialog is still open from a refused try.
   */
  async grantByRecovery(displayName: string, recoveryCode: string, recipientPassword: string, open = true): Promise<void> {
    if (open) await this.page.getByRole('button', { name: text(this.language, 'staff', 'confidential.grantFor', { name: displayName }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: text(this.language, 'staff', 'confidential.byRecoveryTitle') });
    await dialog.getByRole('textbox', { name: text(this.language, 'auth', 'recover.code'), exact: true }).fill(recoveryCode);
    await dialog.getByLabel(text(this.language, 'staff', 'confidential.recipientPassword', { name: displayName }), { exact: true }).fill(recipientPassword);
    await dialog.getByRole('button', { name: text(this.language, 'staff', 'confidential.grant'), exact: true }).click();
  }

  /**
   * Rotates the keys: from the page's button, or from the offer shown after a password reset
   * (`fromOffer`), typing the administrator's own password. Leaves the dialog open when refused.
   */
  async rotateKeys(actorPassword: string, from: 'button' | 'offer' | 'openDialog' = 'button'): Promise<void> {
    if (from === 'button') await this.page.getByRole('button', { name: text(this.language, 'staff', 'rotate.action'), exact: true }).click();
    if (from === 'offer') {
      const offer = this.page.getByRole('status').filter({ hasText: text(this.language, 'staff', 'rotate.afterReset') });
      await offer.getByRole('button', { name: text(this.language, 'staff', 'rotate.submit'), exact: true }).click();
    }
    const dialog = this.rotateDialog();
    await dialog.getByLabel(text(this.language, 'staff', 'rotate.password'), { exact: true }).fill(actorPassword);
    await dialog.getByRole('button', { name: text(this.language, 'staff', 'rotate.submit'), exact: true }).click();
  }

  rotateDialog() {
    return this.page.getByRole('dialog', { name: text(this.language, 'staff', 'rotate.title') });
  }

  /** A notice about keys (`rotate.done`, `rotate.afterReset`, …) in a status region. */
  keyNotice(key: string, values: Record<string, string> = {}) {
    return this.page.getByRole('status').getByText(text(this.language, 'staff', key, values), { exact: true });
  }

  row(displayName: string) {
    return this.page.getByRole('table', { name: text(this.language, 'staff', 'list.title') }).getByRole('row', { name: displayName });
  }
}
