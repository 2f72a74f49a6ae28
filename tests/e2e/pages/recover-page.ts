import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** Access recovery with the center's recovery code. */
export class RecoverPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  /** Fills the form (the new password twice, or `confirmation` the second time) and submits it. */
  async submit(code: string, username: string, newPassword: string, confirmation: string = newPassword): Promise<void> {
    await this.page.getByRole('textbox', { name: text(this.language, 'auth', 'recover.code'), exact: true }).fill(code);
    await this.page.getByRole('textbox', { name: text(this.language, 'auth', 'username'), exact: true }).fill(username);
    await this.page.getByLabel(text(this.language, 'auth', 'newPassword'), { exact: true }).fill(newPassword);
    await this.page.getByLabel(text(this.language, 'auth', 'confirmNewPassword'), { exact: true }).fill(confirmation);
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'recover.submit'), exact: true }).click();
  }

  done() {
    return this.page.getByText(text(this.language, 'auth', 'recover.done'), { exact: true });
  }

  async backToSignIn(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'signIn.title'), exact: true }).click();
  }
}
