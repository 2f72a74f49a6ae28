import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The lock screen: the same user's password, or sign out. */
export class LockScreenPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  heading() {
    return this.page.getByRole('heading', { name: text(this.language, 'auth', 'lock.title'), exact: true });
  }

  async unlock(password: string): Promise<void> {
    await this.page.getByLabel(text(this.language, 'auth', 'password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'lock.unlock'), exact: true }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'signOut'), exact: true }).click();
  }
}
