import type { Locator, Page } from 'playwright-core';
import { fillDay } from './date-field';
import { text, type Language } from '../support/locales';

type RiskLevel = 'low' | 'medium' | 'high' | 'severe';

/** What a safety plan form is filled with (lists one item a line). */
export interface SafetyPlanEntry {
  readonly mainConcern?: string;
  readonly warningSigns?: readonly string[];
  readonly safePlaces?: readonly string[];
  readonly safePeople?: readonly string[];
  readonly codeWordOrSignal?: string;
  readonly documentsToKeepReady?: readonly string[];
  readonly emergencyContacts?: readonly { readonly name: string; readonly phone?: string; readonly relation?: string }[];
  readonly stepsWhenViolenceHappens?: string;
  readonly stepsAfterLeaving?: string;
  /** YYYY-MM-DD (typed day first, as a person does). */
  readonly reviewOn?: string;
}

/**
 * The clinical panels on a client's Counseling tab: risk assessments (the form driven by the
 * instrument's data, the trend), the safety plan and the survivor intake assessment. The tab
 * itself is opened by the client page's model; this one starts where the panels are on screen.
 */
export class CounselingClinicalPanel {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  private t(key: string, values: Record<string, string> = {}): string {
    return text(this.language, 'clinical', key, values);
  }

  private field(key: string): string {
    return text(this.language, 'counseling', key);
  }

  section(titleKey: 'risk.title' | 'safetyPlan.title' | 'intake.title'): Locator {
    return this.page.getByRole('region', { name: this.t(titleKey), exact: true });
  }

  /** The drawer of a form, by its title. */
  drawer(titleKey: 'risk.formTitle' | 'safetyPlan.formTitle' | 'intake.formTitle'): Locator {
    return this.page.getByRole('dialog', { name: this.t(titleKey), exact: true });
  }

  // Risk assessment

  async openRiskForm(): Promise<Locator> {
    await this.section('risk.title').getByRole('button', { name: this.t('risk.new'), exact: true }).click();
    const drawer = this.drawer('risk.formTitle');
    await drawer.getByRole('form', { name: this.t('risk.formTitle'), exact: true }).waitFor();
    return drawer;
  }

  /** One question of the instrument, by its number on the form (1-based) and its text. */
  question(number: number, questionText: string): Locator {
    return this.drawer('risk.formTitle').getByRole('radiogroup', { name: `${number}. ${questionText}` });
  }

  /** Picks an answer (by the option's text) for each numbered question. */
  async answer(answers: readonly { readonly number: number; readonly question: string; readonly option: string }[]): Promise<void> {
    for (const { number, question, option } of answers) {
      await this.question(number, question).getByRole('radio', { name: option, exact: true }).check();
    }
  }

  /** The instrument's questions, in order. */
  questions(): Locator {
    return this.drawer('risk.formTitle').getByRole('radiogroup');
  }

  /** Picks, for each question in order, the option at that position (0 = the first, which is "no" on the default instrument). */
  async answerByPosition(positions: readonly number[]): Promise<void> {
    for (const [index, position] of positions.entries()) {
      await this.questions().nth(index).getByRole('radio').nth(position).check();
    }
  }

  /** The live "level from these answers" box. */
  computedLevel(): Locator {
    return this.drawer('risk.formTitle').getByRole('status').filter({ hasText: this.t('risk.computedTitle') });
  }

  async submitRisk(): Promise<void> {
    await this.drawer('risk.formTitle').getByRole('button', { name: this.t('risk.record'), exact: true }).click();
  }

  /** The notice after recording, naming the level. */
  recordedNotice(): Locator {
    return this.section('risk.title').getByRole('status').filter({ hasText: this.t('risk.recordedTitle') });
  }

  trendTable(): Locator {
    return this.section('risk.title').getByRole('table', { name: this.t('risk.trendTitle'), exact: true });
  }

  /** The trend's rows (newest first), header excluded. */
  trendRows(): Locator {
    return this.trendTable().locator('tbody').getByRole('row');
  }

  levelText(level: RiskLevel): string {
    return this.field(`riskLevel.${level}`);
  }

  // Safety plan

  async openSafetyPlanForm(): Promise<Locator> {
    const section = this.section('safetyPlan.title');
    await section.getByRole('button', { name: new RegExp(`^(${escape(this.t('safetyPlan.make'))}|${escape(this.t('safetyPlan.revise'))})$`) }).click();
    const drawer = this.drawer('safetyPlan.formTitle');
    await drawer.getByRole('form', { name: this.t('safetyPlan.formTitle'), exact: true }).waitFor();
    return drawer;
  }

  safetyPlanBox(name: string): Locator {
    return this.drawer('safetyPlan.formTitle').getByRole('textbox', { name: this.field(`safetyPlanField.${name}`) });
  }

  async fillSafetyPlan(entry: SafetyPlanEntry): Promise<void> {
    const drawer = this.drawer('safetyPlan.formTitle');
    const texts = ['mainConcern', 'codeWordOrSignal', 'stepsWhenViolenceHappens', 'stepsAfterLeaving'] as const;
    for (const name of texts) if (entry[name] !== undefined) await this.safetyPlanBox(name).fill(entry[name]);
    const lists = ['warningSigns', 'safePlaces', 'safePeople', 'documentsToKeepReady'] as const;
    for (const name of lists) if (entry[name] !== undefined) await this.safetyPlanBox(name).fill(entry[name].join('\n'));
    for (const [index, contact] of (entry.emergencyContacts ?? []).entries()) {
      const number = String(index + 1);
      await drawer.getByRole('button', { name: this.t('safetyPlan.addContact'), exact: true }).click();
      await drawer.getByRole('textbox', { name: this.t('safetyPlan.contactName', { number }) }).fill(contact.name);
      if (contact.phone !== undefined) await drawer.getByRole('textbox', { name: this.t('safetyPlan.contactPhone', { number }) }).fill(contact.phone);
      if (contact.relation !== undefined) await drawer.getByRole('textbox', { name: this.t('safetyPlan.contactRelation', { number }) }).fill(contact.relation);
    }
    if (entry.reviewOn !== undefined) {
      await fillDay(drawer.getByRole('textbox', { name: this.field('safetyPlanField.reviewOn') }), entry.reviewOn);
    }
  }

  async submitSafetyPlan(): Promise<void> {
    await this.drawer('safetyPlan.formTitle').getByRole('button', { name: this.t('safetyPlan.save'), exact: true }).click();
  }

  /** Fills and saves a safety plan, waiting for the drawer to close. */
  async recordSafetyPlan(entry: SafetyPlanEntry): Promise<void> {
    await this.openSafetyPlanForm();
    await this.fillSafetyPlan(entry);
    await this.submitSafetyPlan();
    await this.drawer('safetyPlan.formTitle').waitFor({ state: 'detached' });
  }

  // Intake assessment

  async openIntakeForm(): Promise<Locator> {
    const section = this.section('intake.title');
    await section.getByRole('button', { name: new RegExp(`^(${escape(this.t('intake.record'))}|${escape(this.t('intake.revise'))})$`) }).click();
    const drawer = this.drawer('intake.formTitle');
    await drawer.getByRole('form', { name: this.t('intake.formTitle'), exact: true }).waitFor();
    return drawer;
  }

  intakeBox(name: 'presentingProblem' | 'background' | 'livingSituation' | 'currentRisks'): Locator {
    return this.drawer('intake.formTitle').getByRole('textbox', { name: this.field(`intakeField.${name}`) });
  }

  needLevel(area: 'safety' | 'health' | 'psychosocial' | 'legal' | 'material'): Locator {
    return this.drawer('intake.formTitle').getByRole('combobox', { name: this.t('intake.needLevel', { area: this.field(`needArea.${area}`) }) });
  }

  async submitIntake(): Promise<void> {
    await this.drawer('intake.formTitle').getByRole('button', { name: this.t('intake.save'), exact: true }).click();
  }
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
