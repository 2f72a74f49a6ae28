import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';
import { fillDay } from './date-field';

export interface ClientInput {
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic?: string;
  readonly birthDate?: string;
  readonly sex?: 'male' | 'female';
  readonly pinfl?: string;
  readonly phone?: string;
  readonly regionCode?: string;
  readonly districtCode?: string;
  readonly mahalla?: string;
  readonly street?: string;
  readonly remarks?: string;
}

/** The registration form, by the labels a receptionist reads. */
export class ClientsRegisterPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values?: Record<string, string>): string {
    return text(this.language, 'clients', key, values);
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('register.title'), exact: true });
  }

  /** A field by its label; required fields' labels end in Mantine's asterisk. */
  field(key: string) {
    const label = this.t(`field.${key}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.getByLabel(new RegExp(`^${label}( \\*)?$`));
  }

  async fill(input: ClientInput): Promise<void> {
    await this.field('lastName').fill(input.lastName);
    await this.field('firstName').fill(input.firstName);
    if (input.patronymic !== undefined) await this.field('patronymic').fill(input.patronymic);
    if (input.birthDate !== undefined) await fillDay(this.field('birthDate'), input.birthDate);
    if (input.sex !== undefined) await this.page.getByRole('radio', { name: this.t(`sex.${input.sex}`), exact: true }).check();
    if (input.pinfl !== undefined) await this.field('pinfl').fill(input.pinfl);
    if (input.phone !== undefined) await this.field('phone').fill(input.phone);
    if (input.regionCode !== undefined) await this.field('region').selectOption(input.regionCode);
    if (input.districtCode !== undefined) await this.field('district').selectOption(input.districtCode);
    if (input.mahalla !== undefined) await this.field('mahalla').fill(input.mahalla);
    if (input.street !== undefined) await this.field('street').fill(input.street);
    if (input.remarks !== undefined) await this.field('remarks').fill(input.remarks);
  }

  async checkCategory(category: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: this.t(`category.${category}`), exact: true }).check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('register.submit'), exact: true }).click();
  }

  /** The localized error under a field (Mantine links it with aria-describedby). */
  async fieldErrorOf(key: string): Promise<string> {
    const input = this.field(key);
    await input.and(this.page.locator('[aria-invalid="true"]')).waitFor();
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
    const id = ids[0];
    if (id === undefined) return '';
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? '';
  }

  confirmation() {
    return this.page.locator('[data-confirmation]');
  }

  duplicateTable() {
    return this.page.getByRole('table', { name: this.t('duplicates.tableLabel') });
  }

  async openExistingDuplicate(name: string): Promise<void> {
    await this.page.getByRole('button', { name: this.t('duplicates.openNamed', { name }), exact: true }).click();
  }

  async confirmCheckedDocument(): Promise<void> {
    await this.page.getByRole('checkbox', { name: this.t('confirm.checkedDocument') }).check();
  }

  async confirmAndSave(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('confirm.save'), exact: true }).click();
  }

  async registerAnyway(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('confirm.registerAnyway'), exact: true }).click();
  }

  /** The question a half-filled form asks when a link would leave it. */
  leaveQuestion() {
    return this.page.getByRole('dialog', { name: text(this.language, 'common', 'leave.title') });
  }

  /** Answers the question a half-filled form asks when left: throw away what was typed. */
  async leaveWithoutSaving(): Promise<void> {
    const dialog = this.leaveQuestion();
    await dialog.getByRole('button', { name: text(this.language, 'common', 'leave.leave'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  errorAlertWithCode(code: string) {
    return this.page.locator(`[role="alert"][data-error-code="${code}"]`);
  }
}
