import type { Page } from 'playwright-core';
import { fillDay } from './date-field';
import { text, type Language } from '../support/locales';

/** One client's page: identity, consents, case and plan, services, referrals, timeline. */
export class ClientsClientPage {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private care(key: string, values?: Record<string, string>): string {
    return text(this.language, 'care', key, values);
  }

  heading(name: string) {
    return this.page.getByRole('heading', { name, exact: true, level: 2 });
  }

  section(titleKey: string) {
    return this.page.getByRole('region', { name: this.care(titleKey), exact: true });
  }

  identity() {
    return this.page.getByRole('region', { name: text(this.language, 'clients', 'page.identity'), exact: true });
  }

  async startEditing(): Promise<void> {
    await this.page.getByRole('button', { name: text(this.language, 'clients', 'edit.open'), exact: true }).click();
    await this.page.getByRole('form', { name: text(this.language, 'clients', 'edit.title') }).waitFor();
  }

  async saveEdits(): Promise<void> {
    const form = this.page.getByRole('form', { name: text(this.language, 'clients', 'edit.title') });
    await form.getByRole('button', { name: text(this.language, 'common', 'actions.save'), exact: true }).click();
  }

  async recordConsent(purpose: string, state: string, formReference?: string): Promise<void> {
    const form = this.page.getByRole('form', { name: this.care('consents.record') });
    await form.getByLabel(this.care('consents.purposeLabel'), { exact: true }).selectOption(purpose);
    await form.getByLabel(this.care('consents.stateLabel'), { exact: true }).selectOption(state);
    if (formReference !== undefined) await form.getByLabel(this.care('consents.formReference'), { exact: true }).fill(formReference);
    await form.getByRole('button', { name: this.care('consents.record'), exact: true }).click();
  }

  /** The current-consent row of one purpose. */
  consentRow(purpose: string) {
    return this.page.getByRole('table', { name: this.care('consents.current') }).getByRole('row', { name: this.care(`consents.purpose.${purpose}`) });
  }

  /** The open-case form's case-worker select (the signed-in user preselected). */
  caseWorkerSelect() {
    return this.page.getByRole('form', { name: this.care('cases.openTitle') }).getByLabel(this.care('cases.caseWorker'), { exact: true });
  }

  /** `caseWorker`: the option label to pick (name and role); left as preselected when omitted. */
  async openCase(needs: readonly string[], referralSource: string, priority: string, household: string, caseWorker?: string): Promise<void> {
    const form = this.page.getByRole('form', { name: this.care('cases.openTitle') });
    if (caseWorker !== undefined) await this.caseWorkerSelect().selectOption({ label: caseWorker });
    for (const need of needs) await form.getByRole('checkbox', { name: this.care(`cases.need.${need}`), exact: true }).check();
    await form.getByLabel(this.care('cases.referralSource'), { exact: true }).selectOption(referralSource);
    await form.getByLabel(this.care('cases.priority'), { exact: true }).selectOption(priority);
    await form.getByLabel(this.care('cases.household'), { exact: true }).fill(household);
    await form.getByRole('button', { name: this.care('cases.open'), exact: true }).click();
  }

  planTable() {
    return this.page.getByRole('table', { name: this.care('plan.title'), exact: true });
  }

  /** Adds a plan item with the catalog entry at `serviceIndex` (1 = first after "choose"); returns its name. */
  async addPlanItem(serviceIndex: number, goal: string, dueDate: string): Promise<string> {
    const form = this.page.getByRole('form', { name: this.care('plan.add') });
    const select = form.getByLabel(this.care('plan.service'), { exact: true });
    await select.selectOption({ index: serviceIndex });
    const serviceName = (await select.locator('option:checked').textContent()) ?? '';
    await form.getByLabel(this.care('plan.goal'), { exact: true }).fill(goal);
    await fillDay(form.getByLabel(this.care('plan.dueDate'), { exact: true }), dueDate);
    await form.getByRole('button', { name: this.care('plan.add'), exact: true }).click();
    return serviceName;
  }

  /** Records a delivered service (catalog entry at `serviceIndex`); returns its name. */
  async recordService(serviceIndex: number, durationMinutes: string, note: string): Promise<string> {
    const form = this.page.getByRole('form', { name: this.care('services.record') });
    const select = form.getByLabel(this.care('services.service'), { exact: true });
    await select.selectOption({ index: serviceIndex });
    const serviceName = (await select.locator('option:checked').textContent()) ?? '';
    await form.getByLabel(this.care('services.duration'), { exact: true }).fill(durationMinutes);
    await form.getByLabel(this.care('services.note'), { exact: true }).fill(note);
    await form.getByRole('button', { name: this.care('services.record'), exact: true }).click();
    return serviceName;
  }

  async setPlanItemStatus(goal: string, status: string): Promise<void> {
    await this.page.getByRole('combobox', { name: this.care('plan.statusOf', { goal }), exact: true }).selectOption(status);
  }

  /** Hands the open case to the colleague whose option label is `caseWorker`. */
  async reassignCase(caseWorker: string): Promise<void> {
    await this.page.getByRole('button', { name: this.care('cases.reassign'), exact: true }).click();
    const form = this.page.getByRole('form', { name: this.care('cases.reassignTitle') });
    await form.getByLabel(this.care('cases.reassignTo'), { exact: true }).selectOption({ label: caseWorker });
    await form.getByRole('button', { name: this.care('cases.reassignConfirm'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  async closeCase(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: this.care('cases.close'), exact: true }).click();
    const form = this.page.getByRole('form', { name: this.care('cases.closeTitle') });
    await form.getByLabel(this.care('cases.closeReason'), { exact: true }).selectOption(reason);
    await form.getByRole('button', { name: this.care('cases.closeConfirm'), exact: true }).click();
  }

  async createReferral(agency: string, reason: string): Promise<void> {
    const form = this.page.getByRole('form', { name: this.care('referrals.create') });
    await form.getByLabel(this.care('referrals.agency'), { exact: true }).fill(agency);
    await form.getByLabel(this.care('referrals.reason'), { exact: true }).fill(reason);
    await form.getByRole('button', { name: this.care('referrals.create'), exact: true }).click();
  }

  referralForm() {
    return this.page.getByRole('form', { name: this.care('referrals.create') });
  }

  timelineItems() {
    return this.page.getByRole('list', { name: this.care('timeline.title') }).getByRole('listitem');
  }
}
