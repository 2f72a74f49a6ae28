import type { Page } from 'playwright-core';
import { text, type Language } from '../support/locales';

export interface CenterDetails {
  readonly name: string;
  readonly type: 'mahalla' | 'rehabilitation' | 'inclusiveVocational';
  /** Region and district as a person sees them in the selects (their names in this language). */
  readonly region: string;
  readonly district: string;
}

export interface AdminDetails {
  readonly displayName: string;
  readonly username: string;
  readonly password: string;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first-start wizard: center, administrator, then the recovery code typed back. */
export class SetupWizardPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values?: Record<string, string>): string {
    return text(this.language, 'setup', key, values);
  }

  heading() {
    return this.page.getByRole('heading', { name: this.t('title'), exact: true });
  }

  async fillCenter(center: CenterDetails): Promise<void> {
    await this.page.getByRole('textbox', { name: this.t('center.name'), exact: true }).fill(center.name);
    await this.page.getByRole('radio', { name: this.t(`centerTypes.${center.type}`), exact: true }).check();
    await this.page.getByRole('combobox', { name: this.t('center.region'), exact: true }).selectOption({ label: center.region });
    await this.page.getByRole('combobox', { name: this.t('center.district'), exact: true }).selectOption({ label: center.district });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'common', 'actions.next'), exact: true }).click();
  }

  async fillAdmin(admin: AdminDetails, confirmPassword = admin.password): Promise<void> {
    await this.page.getByRole('textbox', { name: this.t('admin.displayName'), exact: true }).fill(admin.displayName);
    await this.page.getByRole('textbox', { name: this.t('admin.username'), exact: true }).fill(admin.username);
    await this.page.getByLabel(this.t('admin.password'), { exact: true }).fill(admin.password);
    await this.page.getByLabel(this.t('admin.confirmPassword'), { exact: true }).fill(confirmPassword);
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('createCenter'), exact: true }).click();
  }

  /** The error text shown under a field, by the field's label. */
  async fieldError(label: string): Promise<string | null> {
    const input = this.page.getByLabel(label, { exact: true });
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    for (const id of describedBy.split(/\s+/).filter(Boolean)) {
      const node = this.page.locator(`[id="${id}"]`);
      if ((await node.count()) > 0 && (await node.getAttribute('class'))?.includes('error')) return node.textContent();
    }
    return null;
  }

  recoveryCode() {
    return this.page.getByRole('region', { name: this.t('recovery.codeLabel') }).locator('pre, code').first();
  }

  /** Reads which group the wizard asks for, types it back from the shown code, and finishes. */
  async confirmRecoveryCode(code: string): Promise<void> {
    const pattern = new RegExp(`^${escapeRegExp(this.t('recovery.typeBack', { group: '§' })).replace('§', '(\\d+)')}$`);
    const input = this.page.getByRole('textbox', { name: pattern });
    const label = (await this.page.locator(`label[for="${await input.getAttribute('id')}"]`).textContent()) ?? '';
    const group = Number(pattern.exec(label.trim())?.[1]);
    const typed = code.split('-')[group - 1] ?? '';
    await input.fill(typed.toLowerCase());
    await this.page.getByRole('button', { name: this.t('recovery.finish'), exact: true }).click();
  }
}
