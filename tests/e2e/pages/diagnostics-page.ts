import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** Support's API console: one operation name, its JSON input, and the answer or the error. */
export class DiagnosticsPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  heading() {
    return this.page.getByRole('heading', { name: text(this.language, 'common', 'diagnostics.title'), exact: true });
  }

  async send(method: string, inputJson: string): Promise<void> {
    await this.page.getByRole('textbox', { name: text(this.language, 'common', 'diagnostics.method') }).fill(method);
    await this.page.getByRole('textbox', { name: text(this.language, 'common', 'diagnostics.input') }).fill(inputJson);
    await this.page.getByRole('button', { name: text(this.language, 'common', 'diagnostics.send') }).click();
  }

  errorAlert() {
    return this.page.getByRole('alert');
  }

  result() {
    return this.page.getByRole('region', { name: text(this.language, 'common', 'diagnostics.result') });
  }
}
