import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The forced change of a temporary password (the same form is on the account page). */
export class PasswordChangePage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  forcedHeading() {
    return this.page.getByRole('heading', { name: text(this.language, 'auth', 'forcedChange.title'), exact: true });
  }

  async change(current: string, next: string, confirm = next, currentKey: 'temporaryPassword' | 'currentPassword' = 'temporaryPassword'): Promise<void> {
    await this.page.getByLabel(text(this.language, 'auth', currentKey), { exact: true }).fill(current);
    await this.page.getByLabel(text(this.language, 'auth', 'newPassword'), { exact: true }).fill(next);
    await this.page.getByLabel(text(this.language, 'auth', 'confirmNewPassword'), { exact: true }).fill(confirm);
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'changePassword.submit'), exact: true }).click();
  }
}
