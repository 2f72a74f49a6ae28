import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/** The registry upload page (src/ui/pages/sync), by the labels and roles a person sees. */
export class RegistryUploadPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values: Record<string, string> = {}): string {
    return text(this.language, 'sync', key, values);
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('title'), exact: true });
  }

  field(key: string) {
    return this.page.getByRole('textbox', { name: this.t(key), exact: true });
  }

  button(key: string) {
    return this.page.getByRole('button', { name: this.t(key), exact: true });
  }

  /** Fills the enrollment form from the letter and submits it. */
  async enroll(registryUrl: string, code: string, fingerprint = ''): Promise<void> {
    await this.field('enroll.registryUrl').fill(registryUrl);
    await this.field('enroll.code').fill(code);
    await this.field('enroll.fingerprint').fill(fingerprint);
    await this.button('enroll.submit').click();
  }

  /** The fingerprint shown in groups (after enrolling, and in the status). */
  fingerprintGroups() {
    return this.page.getByRole('group', { name: this.t('enroll.fingerprintGroups'), exact: true });
  }

  /** A table found by its heading. */
  table(headingKey: string) {
    return this.page.getByRole('table', { name: this.t(headingKey), exact: true });
  }

  /** The count shown for pending records or for batches in one state. */
  count(state: 'pending' | 'sealed' | 'held' | 'acknowledged' | 'refused' | 'superseded') {
    return this.page.locator(`[data-count="${state}"]`);
  }

  notification(key: string, values: Record<string, string>) {
    return this.page.getByText(this.t(key, values), { exact: true });
  }

  async exportTo(path: string): Promise<void> {
    await this.field('usb.exportPath').fill(path);
    await this.button('usb.export').click();
  }

  async importReceipts(path: string): Promise<void> {
    await this.field('usb.importPath').fill(path);
    await this.button('usb.import').click();
  }
}
