import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The sign-in form. */
export class SignInPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  heading() {
    return this.page.getByRole('heading', { name: text(this.language, 'auth', 'signIn.title'), exact: true });
  }

  username() {
    return this.page.getByRole('textbox', { name: text(this.language, 'auth', 'username'), exact: true });
  }

  password() {
    return this.page.getByLabel(text(this.language, 'auth', 'password'), { exact: true });
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.heading().waitFor();
    await this.username().fill(username);
    await this.password().fill(password);
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'signIn.submit'), exact: true }).click();
  }

  async forgotPassword(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'signIn.forgot'), exact: true }).click();
  }

  errorAlert() {
    return this.page.getByRole('alert');
  }
}
