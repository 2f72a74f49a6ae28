import type { z } from 'zod';
import { NEED_AREAS, recordIntakeInput, type IntakeAssessmentContent, type NeedArea, type NeedLevel } from '../../../../core/counseling/counseling.schema';
import { schemaResolver, type FieldPathOf } from './schema-resolver';

/** The survivor intake form's values: the core's content, flat, with the day it was assessed. */
export interface IntakeFormValues {
  readonly assessedOn: string;
  readonly presentingProblem: string;
  readonly background: string;
  readonly livingSituation: string;
  readonly currentRisks: string;
  readonly needs: Readonly<Record<NeedArea, { readonly level: NeedLevel; readonly note: string }>>;
}

export type IntakeInput = z.output<typeof recordIntakeInput>;

/** A new assessment starts from the latest one, if any (a revision is a new record). */
export function intakeFormValues(today: string, latest: IntakeAssessmentContent | null): IntakeFormValues {
  const needs = Object.fromEntries(NEED_AREAS.map((area) => [area, { level: latest?.needs[area].level ?? 'none', note: latest?.needs[area].note ?? '' }])) as IntakeFormValues['needs'];
  return {
    assessedOn: today,
    presentingProblem: latest?.presentingProblem ?? '',
    background: latest?.background ?? '',
    livingSituation: latest?.livingSituation ?? '',
    currentRisks: latest?.currentRisks ?? '',
    needs,
  };
}

export function toIntakeInput(clientId: string, values: IntakeFormValues): z.input<typeof recordIntakeInput> {
  const { assessedOn, ...content } = values;
  return { clientId, assessedOn, content: { ...content, needs: { ...content.needs } } };
}

/** `content.needs.legal.note` is shown under `needs.legal.note`. */
export const intakeFieldPath: FieldPathOf = (path) => {
  const parts = path.map(String);
  if (parts[0] === 'clientId') return '';
  return (parts[0] === 'content' ? parts.slice(1) : parts).join('.');
};

export const intakeResolver = (clientId: string) => schemaResolver(recordIntakeInput, (values: IntakeFormValues) => toIntakeInput(clientId, values), intakeFieldPath);
