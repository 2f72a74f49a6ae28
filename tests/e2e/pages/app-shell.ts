import type { Page } from 'playwright-core';
import { anyLanguage, text, type Language } from '../support/locales';

/** What every screen has: the header's language switch, the navigation and the footer's status. */
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

  /** Opens a page from the signed-in navigation by its label in the given language. */
  async navigate(language: Language, key: string): Promise<void> {
    await this.page.getByRole('navigation', { name: text(language, 'common', 'nav.label') }).getByRole('link', { name: text(language, 'common', key), exact: true }).click();
  }

  /** Like navigate, for an entry whose label lives in another namespace (an area's own file). */
  async navigateTo(language: Language, namespace: string, key: string): Promise<void> {
    await this.page.getByRole('navigation', { name: text(language, 'common', 'nav.label') }).getByRole('link', { name: text(language, namespace, key), exact: true }).click();
  }

  navigationLinks(language: Language) {
    return this.page.getByRole('navigation', { name: text(language, 'common', 'nav.label') }).getByRole('link');
  }

  async openUserMenu(): Promise<void> {
    await this.page.getByRole('button', { name: anyLanguage('common', 'userMenu.label', true) }).click();
  }

  async signOut(language: Language): Promise<void> {
    await this.openUserMenu();
    await this.page.getByRole('menuitem', { name: text(language, 'auth', 'signOut'), exact: true }).click();
  }

  /** The version line in the footer status. */
  version(language: Language, version: string) {
    return this.page.getByText(text(language, 'common', 'status.version', { version }), { exact: true });
  }

  databaseState(language: Language, state: 'notSetUp' | 'locked' | 'open') {
    const stateText = text(language, 'common', `databaseState.${state}`);
    return this.page.getByText(text(language, 'common', 'status.database', { state: stateText }), { exact: true });
  }

  /** The administrator's diagnostics console, from the signed-in navigation. */
  async openDiagnostics(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: anyLanguage('common', 'nav.diagnostics') }).click();
  }

  /** The diagnostics entry, wherever it would be (for checking that a role does not see it). */
  diagnosticsLinks() {
    return this.page.getByRole('link', { name: anyLanguage('common', 'nav.diagnostics') });
  }
}
