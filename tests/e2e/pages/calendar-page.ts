import type { Page } from 'playwright-core';
import { fillDay } from './date-field';
import { text, type Language } from '../support/locales';

/** The appointments calendar: booking form, day and week views, one appointment's dialog. */
export class CalendarPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values: Record<string, string> = {}): string {
    return text(this.language, 'appointments', key, values);
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('title'), exact: true });
  }

  calendar() {
    return this.page.getByRole('region', { name: this.t('calendarLabel'), exact: true });
  }

  async showDay(): Promise<void> {
    await this.calendar().getByRole('button', { name: this.t('calendar.day'), exact: true }).click();
  }

  async showWeek(): Promise<void> {
    await this.calendar().getByRole('button', { name: this.t('calendar.week'), exact: true }).click();
  }

  /** An appointment in the grid, by the client's name. */
  event(clientName: string) {
    return this.calendar().getByText(clientName);
  }

  async book(booking: { readonly clientSearch: string; readonly clientName: string; readonly psychologist?: string; readonly day: string; readonly time: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.t('book'), exact: true }).click();
    const form = this.page.getByRole('form', { name: this.t('book'), exact: true });
    const client = form.getByRole('combobox', { name: this.t('client') });
    await client.fill(booking.clientSearch);
    await this.page.getByRole('option', { name: booking.clientName }).click();
    if (booking.psychologist !== undefined) await form.getByRole('combobox', { name: this.t('psychologist') }).selectOption({ label: booking.psychologist });
    await fillDay(form.getByRole('textbox', { name: this.t('day') }), booking.day);
    await form.getByRole('textbox', { name: this.t('time') }).fill(booking.time);
    await form.getByRole('button', { name: this.t('bookSubmit'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  dialog() {
    return this.page.getByRole('dialog', { name: this.t('details.title'), exact: true });
  }

  async open(clientName: string): Promise<void> {
    await this.event(clientName).click();
    await this.dialog().waitFor();
  }

  async recordNoShow(): Promise<void> {
    await this.dialog().getByRole('button', { name: this.t('details.markNoShow'), exact: true }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }
}
