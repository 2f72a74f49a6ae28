import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

/**
 * The supervisor's "Counseling supervision" page: the attention list (clients whose risk rose)
 * and the emergency-access list (break-the-glass events to review). Rows are found by the names a
 * person reads: the client's on the attention list, the psychologist's and the client's on the
 * emergency list.
 */
export class CounselingSupervisionPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values: Record<string, string> = {}): string {
    return text(this.language, 'clinical', key, values);
  }

  /** Opens the page from the navigation. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: text(this.language, 'common', 'nav.label') }).getByRole('link', { name: this.t('supervision.nav'), exact: true }).click();
    await this.heading().waitFor();
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('supervision.title'), exact: true, level: 2 });
  }

  attentionTable() {
    return this.page.getByRole('table', { name: this.t('attention.title'), exact: true });
  }

  /** The attention row of a client (by the name as lists show it: last, first). */
  attentionRow(clientName: string) {
    return this.attentionTable().getByRole('row', { name: clientName, exact: true });
  }

  attentionEmpty() {
    return this.page.getByText(this.t('attention.none'), { exact: true });
  }

  /** Takes a client off the attention list, confirming in the dialog. */
  async resolveAttention(clientName: string): Promise<void> {
    await this.attentionRow(clientName).getByRole('button', { name: this.t('attention.resolveFor', { name: clientName }), exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: this.t('attention.confirmTitle') });
    await dialog.getByRole('button', { name: this.t('attention.resolve'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  emergencyTable() {
    return this.page.getByRole('table', { name: this.t('emergency.title'), exact: true });
  }

  /** The row of one break of the glass: who opened whose record. */
  emergencyRow(psychologistName: string, clientName: string) {
    return this.emergencyTable().getByRole('row', { name: this.t('emergency.rowName', { psychologist: psychologistName, client: clientName }), exact: true });
  }

  emergencyEmpty() {
    return this.page.getByText(this.t('emergency.none'), { exact: true });
  }

  async reviewEmergency(psychologistName: string, clientName: string): Promise<void> {
    await this.emergencyRow(psychologistName, clientName)
      .getByRole('button', { name: this.t('emergency.reviewFor', { psychologist: psychologistName, client: clientName }), exact: true })
      .click();
    await this.emergencyRow(psychologistName, clientName).waitFor({ state: 'detached' });
  }
}
