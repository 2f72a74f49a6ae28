import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The first screen: a welcome heading and the version and database state from `system.info`. */
export class HomePage {
  constructor(readonly page: Page) {}

  heading(language: Language) {
    return this.page.getByRole('heading', { name: text(language, 'common', 'home.title'), exact: true });
  }

  /** The value in the table row headed "Version" (in the given language). */
  version(language: Language) {
    return this.page.getByRole('row', { name: text(language, 'common', 'home.version') }).getByRole('cell');
  }

  databaseState(language: Language) {
    return this.page.getByRole('row', { name: text(language, 'common', 'home.database') }).getByRole('cell');
  }
}
