import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The register import screen (`/clients/import`), by the labels a person reads. */
export class ClientImportPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  t(key: string, values?: Record<string, string>): string {
    return text(this.language, 'clientImport', key, values);
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('title'), exact: true });
  }

  fileInput() {
    return this.page.getByLabel(this.t('file'), { exact: true });
  }

  async choose(fileName: string, buffer: Buffer): Promise<void> {
    await this.fileInput().setInputFiles({ name: fileName, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  }

  mappingSelect(field: string) {
    return this.page.getByRole('combobox', { name: this.t(`fields.${field}`), exact: true });
  }

  refusalRows() {
    return this.page.getByRole('table', { name: this.t('refusals') }).getByRole('row');
  }

  runButton(count: number) {
    return this.page.getByRole('button', { name: this.t('run', { count: String(count) }), exact: true });
  }

  reportButton(format: 'csv' | 'xlsx') {
    return this.page.getByRole('button', { name: this.t(format === 'csv' ? 'reportCsv' : 'reportXlsx'), exact: true });
  }

  done(count: number) {
    return this.page.getByRole('status').filter({ hasText: this.t('done', { count: String(count) }) });
  }

  progressBar() {
    return this.page.getByRole('progressbar', { name: this.t('progressLabel'), exact: true });
  }

  /**
   * Starts noting every value the import's progress bar shows (as it changes, not only when the
   * test looks), for `progressValuesSeen`.
   */
  async watchProgress(): Promise<void> {
    await this.page.evaluate((label) => {
      const seen: number[] = [];
      (window as unknown as { importProgressSeen: number[] }).importProgressSeen = seen;
      const note = () => {
        for (const bar of document.querySelectorAll(`[role="progressbar"][aria-label="${label}"]`)) {
          const value = Number(bar.getAttribute('aria-valuenow'));
          if (seen.at(-1) !== value) seen.push(value);
        }
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    }, this.t('progressLabel'));
  }

  progressValuesSeen(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as { importProgressSeen?: number[] }).importProgressSeen ?? []);
  }

  reportAfterButton(format: 'csv' | 'xlsx') {
    return this.page.getByRole('button', { name: this.t(format === 'csv' ? 'reportAfterCsv' : 'reportAfterXlsx'), exact: true });
  }
}
