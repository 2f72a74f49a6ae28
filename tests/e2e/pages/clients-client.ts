import type { Page } from 'playwright-core';
import { fillDay } from './date-field';
import { text, type Language } from '../support/locales';

/** The client page's sections, one tab each. */
export type ClientTab = 'identity' | 'consents' | 'case' | 'services' | 'counseling' | 'timeline';

/**
 * One client's page: identity, consents, case and plan, services and referrals, timeline, each a
 * tab; forms open in a drawer from a button in their section. The methods open the tab and the
 * drawer they need.
 */
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

  tab(name: ClientTab) {
    return this.page.getByRole('tablist', { name: text(this.language, 'clients', 'page.sections') }).getByRole('tab', { name: text(this.language, 'clients', `page.tab.${name}`), exact: true });
  }

  /** Shows a section (a no-op when it is already shown). */
  async openTab(name: ClientTab): Promise<void> {
    const tab = this.tab(name);
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.getByRole('tabpanel', { name: text(this.language, 'clients', `page.tab.${name}`) }).waitFor();
  }

  /** The drawer a form opened in (named by its title). */
  drawer(title: string) {
    return this.page.getByRole('dialog', { name: title, exact: true });
  }

  /** Opens a form's drawer from its button in the section titled `sectionKey` (care namespace); returns the form. */
  private async openForm(tab: ClientTab, sectionKey: string, openerKey: string, formKey: string = openerKey) {
    await this.openTab(tab);
    await this.section(sectionKey).getByRole('button', { name: this.care(openerKey), exact: true }).click();
    const form = this.page.getByRole('form', { name: this.care(formKey) });
    await form.waitFor();
    return form;
  }

  /** Closes the open drawer (Escape), as a person leaving a refused form would. */
  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Closes a drawer whose form holds typed text: Escape asks first, and the answer is "leave without saving". */
  async leaveDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    const question = this.page.getByRole('dialog', { name: text(this.language, 'common', 'leave.title'), exact: true });
    await question.getByRole('button', { name: text(this.language, 'common', 'leave.leave'), exact: true }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** The record-a-service form, opened. */
  openServiceForm() {
    return this.openForm('services', 'services.title', 'services.record');
  }

  /** The open-a-case form, opened. */
  openCaseForm() {
    return this.openForm('case', 'cases.title', 'cases.open', 'cases.openTitle');
  }

  /** The add-to-plan form, opened. */
  openPlanItemForm() {
    return this.openForm('case', 'plan.title', 'plan.add');
  }

  identity() {
    return this.page.getByRole('region', { name: text(this.language, 'clients', 'page.identity'), exact: true });
  }

  async startEditing(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: text(this.language, 'clients', 'edit.open'), exact: true }).click();
    await this.page.getByRole('form', { name: text(this.language, 'clients', 'edit.title') }).waitFor();
  }

  async saveEdits(): Promise<void> {
    const form = this.page.getByRole('form', { name: text(this.language, 'clients', 'edit.title') });
    await form.getByRole('button', { name: text(this.language, 'common', 'actions.save'), exact: true }).click();
  }

  async recordConsent(purpose: string, state: string, formReference?: string): Promise<void> {
    const form = await this.openForm('consents', 'consents.title', 'consents.record');
    await form.getByLabel(this.care('consents.purposeLabel'), { exact: true }).selectOption(purpose);
    await form.getByLabel(this.care('consents.stateLabel'), { exact: true }).selectOption(state);
    if (formReference !== undefined) await form.getByLabel(this.care('consents.formReference'), { exact: true }).fill(formReference);
    await form.getByRole('button', { name: this.care('consents.record'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** The rows of the consent history (newest last). */
  consentHistoryRows() {
    return this.page.getByRole('table', { name: this.care('consents.historyLabel') }).getByRole('row');
  }

  /** The current-consent row of one purpose. */
  consentRow(purpose: string) {
    return this.page.getByRole('table', { name: this.care('consents.current') }).getByRole('row', { name: this.care(`consents.purpose.${purpose}`) });
  }

  /** The open-case form's case-worker select (the signed-in user preselected); the form must be open. */
  caseWorkerSelect() {
    return this.page.getByRole('form', { name: this.care('cases.openTitle') }).getByLabel(this.care('cases.caseWorker'), { exact: true });
  }

  /** `caseWorker`: the option label to pick (name and role); left as preselected when omitted. */
  async openCase(needs: readonly string[], referralSource: string, priority: string, household: string, caseWorker?: string): Promise<void> {
    const form = (await this.page.getByRole('form', { name: this.care('cases.openTitle') }).count()) > 0 ? this.page.getByRole('form', { name: this.care('cases.openTitle') }) : await this.openCaseForm();
    if (caseWorker !== undefined) await this.caseWorkerSelect().selectOption({ label: caseWorker });
    for (const need of needs) await form.getByRole('checkbox', { name: this.care(`cases.need.${need}`), exact: true }).check();
    await form.getByLabel(this.care('cases.referralSource'), { exact: true }).selectOption(referralSource);
    await form.getByLabel(this.care('cases.priority'), { exact: true }).selectOption(priority);
    await form.getByLabel(this.care('cases.household'), { exact: true }).fill(household);
    await form.getByRole('button', { name: this.care('cases.open'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** The care plan's table (on the case tab). */
  planTable() {
    return this.page.getByRole('table', { name: this.care('plan.title'), exact: true });
  }

  /** Adds a plan item with the catalog entry at `serviceIndex` (1 = first after "choose"); returns its name. */
  async addPlanItem(serviceIndex: number, goal: string, dueDate: string): Promise<string> {
    const form = await this.openPlanItemForm();
    const select = form.getByLabel(this.care('plan.service'), { exact: true });
    await select.selectOption({ index: serviceIndex });
    const serviceName = (await select.locator('option:checked').textContent()) ?? '';
    await form.getByLabel(this.care('plan.goal'), { exact: true }).fill(goal);
    await fillDay(form.getByLabel(this.care('plan.dueDate'), { exact: true }), dueDate);
    await form.getByRole('button', { name: this.care('plan.add'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    return serviceName;
  }

  /** Records a delivered service (catalog entry at `serviceIndex`); returns its name. */
  async recordService(serviceIndex: number, durationMinutes: string, note: string): Promise<string> {
    const form = await this.openServiceForm();
    const select = form.getByLabel(this.care('services.service'), { exact: true });
    await select.selectOption({ index: serviceIndex });
    const serviceName = (await select.locator('option:checked').textContent()) ?? '';
    await form.getByLabel(this.care('services.duration'), { exact: true }).fill(durationMinutes);
    await form.getByLabel(this.care('services.note'), { exact: true }).fill(note);
    await form.getByRole('button', { name: this.care('services.record'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    return serviceName;
  }

  async setPlanItemStatus(goal: string, status: string): Promise<void> {
    await this.openTab('case');
    await this.page.getByRole('combobox', { name: this.care('plan.statusOf', { goal }), exact: true }).selectOption(status);
  }

  /** Hands the open case to the colleague whose option label is `caseWorker`. */
  async reassignCase(caseWorker: string): Promise<void> {
    const form = await this.openForm('case', 'cases.title', 'cases.reassign', 'cases.reassignTitle');
    await form.getByLabel(this.care('cases.reassignTo'), { exact: true }).selectOption({ label: caseWorker });
    await form.getByRole('button', { name: this.care('cases.reassignConfirm'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  async closeCase(reason: string): Promise<void> {
    const form = await this.openForm('case', 'cases.title', 'cases.close', 'cases.closeTitle');
    await form.getByLabel(this.care('cases.closeReason'), { exact: true }).selectOption(reason);
    await form.getByRole('button', { name: this.care('cases.closeConfirm'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Fills and sends the referral form; it stays open when the core refuses (see `referralForm`). */
  async createReferral(agency: string, reason: string): Promise<void> {
    const form = await this.openForm('services', 'referrals.title', 'referrals.create');
    await form.getByLabel(this.care('referrals.agency'), { exact: true }).fill(agency);
    await form.getByLabel(this.care('referrals.reason'), { exact: true }).fill(reason);
    await form.getByRole('button', { name: this.care('referrals.create'), exact: true }).click();
  }

  referralForm() {
    return this.page.getByRole('form', { name: this.care('referrals.create') });
  }

  /** The whole timeline's entries (on the timeline tab), newest first. */
  timelineItems() {
    return this.page.getByRole('list', { name: this.care('timeline.title') }).getByRole('listitem');
  }

  /** The newest few events beside the identity card. */
  latestTimelineItems() {
    return this.page.getByRole('list', { name: this.care('timeline.latest') }).getByRole('listitem');
  }
}
