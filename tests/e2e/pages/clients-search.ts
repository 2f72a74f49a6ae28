import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** Sign-in (as far as the client tests need it) and the receptionist's home: the client search. */
export class ClientsSearchPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values?: Record<string, string>): string {
    return text(this.language, 'clients', key, values);
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByRole('textbox', { name: text(this.language, 'auth', 'username'), exact: true }).fill(username);
    await this.page.getByLabel(text(this.language, 'auth', 'password'), { exact: true }).fill(password);
    await this.page.getByRole('button', { name: text(this.language, 'auth', 'signIn.submit'), exact: true }).click();
    await this.heading().waitFor();
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('search.title'), exact: true });
  }

  navLink() {
    return this.page.getByRole('link', { name: this.t('nav'), exact: true });
  }

  searchBox() {
    return this.page.getByRole('searchbox', { name: this.t('search.label') });
  }

  async search(query: string): Promise<void> {
    await this.searchBox().fill(query);
  }

  /** The result buttons, best match first. */
  results() {
    return this.page.getByRole('list', { name: this.t('search.results') }).getByRole('button');
  }

  /** "N clients found · showing 21–40": how many match and which are on screen (any plural form). */
  resultCount() {
    const forms = ['found_one', 'found_few', 'found_many', 'found_other'].flatMap((key) => {
      try {
        return [this.t(`search.${key}`, { count: '\u0000' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\u0000', '\\d+')];
      } catch {
        return []; // not every language has every plural form
      }
    });
    return this.page.getByRole('status').filter({ hasText: new RegExp(forms.join('|')) });
  }

  nextPage() {
    return this.page.getByRole('group', { name: this.t('search.pages') }).getByRole('button', { name: this.t('search.nextPage'), exact: true });
  }

  previousPage() {
    return this.page.getByRole('group', { name: this.t('search.pages') }).getByRole('button', { name: this.t('search.previousPage'), exact: true });
  }

  noResults() {
    return this.page.getByRole('status').filter({ hasText: this.t('search.none') });
  }

  async startRegistration(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('search.register'), exact: true }).click();
  }

  overdueSection() {
    return this.page.getByRole('region', { name: text(this.language, 'care', 'overdue.title') });
  }
}
