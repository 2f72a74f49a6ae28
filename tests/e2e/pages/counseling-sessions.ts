import type { Page } from 'playwright-core';
import { fillDay } from './date-field';
import { text, type Language } from '../support/locales';

/**
 * The client page's counseling tab: the list of sessions (or only that they took place), the
 * record-a-session drawer with its autosaved draft, one session's drawer (note, signature,
 * addenda, countersignature, void), and emergency access for an unassigned psychologist.
 */
export class CounselingSessionsPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  t(key: string, values?: Record<string, string>): string {
    return text(this.language, 'counselingSessions', key, values);
  }

  code(list: string, code: string): string {
    return text(this.language, 'counseling', `${list}.${code}`);
  }

  section() {
    return this.page.getByRole('region', { name: this.t('title'), exact: true });
  }

  /** The rows of the sessions table (header row excluded). */
  rows() {
    return this.section().getByRole('table').first().locator('tbody tr');
  }

  button(key: string, values?: Record<string, string>) {
    return this.page.getByRole('button', { name: this.t(key, values), exact: true });
  }

  /** The record-a-session form (in its drawer), opened from the tab. */
  async openNewSession() {
    await this.section().getByRole('button', { name: this.t('record.open'), exact: true }).click();
    return this.editor();
  }

  editor() {
    return this.page.getByRole('form', { name: this.t('record.title'), exact: true });
  }

  /** A field of the form by its label (a required field's label ends in an asterisk). */
  field(key: string) {
    const label = this.t(`field.${key}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.editor().getByLabel(new RegExp(`^${label}( \\*)?$`));
  }

  note() {
    return this.editor().getByRole('textbox', { name: this.t('field.note'), exact: true });
  }

  /** The autosave's status line under the form. */
  draftStatus() {
    return this.editor().locator('[data-draft-status]');
  }

  async waitUntilSaved(): Promise<void> {
    await this.editor().locator('[data-draft-status="saved"]').waitFor();
  }

  /** Picks codes in a coded-list field (a searchable multi-select) by typing and Enter, as with the keyboard. */
  async pickCodes(fieldKey: 'concerns' | 'interventions', list: 'concern' | 'intervention', codes: readonly string[]): Promise<void> {
    const input = this.field(fieldKey);
    for (const code of codes) {
      await input.click();
      await input.fill(this.code(list, code));
      await this.page.getByRole('option', { name: this.code(list, code), exact: true }).click();
    }
    await this.page.keyboard.press('Escape');
  }

  async fillFacts(facts: { readonly kind?: string; readonly form?: string; readonly durationMinutes?: string; readonly riskLevel?: string; readonly startedOn?: string; readonly startedTime?: string }): Promise<void> {
    if (facts.startedOn !== undefined) await fillDay(this.field('startedOn'), facts.startedOn);
    if (facts.startedTime !== undefined) await this.field('startedTime').fill(facts.startedTime);
    if (facts.kind !== undefined) await this.field('kind').selectOption(facts.kind);
    if (facts.form !== undefined) await this.field('form').selectOption(facts.form);
    if (facts.durationMinutes !== undefined) await this.field('durationMinutes').fill(facts.durationMinutes);
    if (facts.riskLevel !== undefined) await this.field('riskLevel').selectOption(facts.riskLevel);
  }

  async sign(): Promise<void> {
    await this.editor().getByRole('button', { name: this.t('sign.action'), exact: true }).click();
  }

  /** The open session's drawer. */
  sessionDrawer() {
    return this.page.getByRole('dialog', { name: this.t('view.title'), exact: true });
  }

  /** Opens the newest session in the list (its Open or Continue button). */
  async openFirstSession(): Promise<void> {
    await this.rows().first().getByRole('button').click();
    await this.sessionDrawer().waitFor();
  }

  /** The shown note of a session opened for reading. */
  shownNote() {
    return this.sessionDrawer().locator('[data-session-note]');
  }

  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }
}
