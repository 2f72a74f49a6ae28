import type { Page } from 'playwright-core';
import { anyLanguage, type Language } from '../support/locales';

/** What every screen has: the header's language switch and the footer's links and status. */
export class AppShellPage {
  constructor(readonly page: Page) {}

  /** Opens the harness URL (token in the fragment) and waits for the app to render. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.languageSelect().waitFor();
  }

  languageSelect() {
    return this.page.getByRole('combobox', { name: anyLanguage('common', 'language.label') });
  }

  async chooseLanguage(language: Language): Promise<void> {
    await this.languageSelect().selectOption(language);
  }

  async currentLanguage(): Promise<string> {
    return this.languageSelect().inputValue();
  }

  async htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  async openDiagnostics(): Promise<void> {
    await this.page.getByRole('link', { name: anyLanguage('common', 'nav.diagnostics') }).click();
  }
}
