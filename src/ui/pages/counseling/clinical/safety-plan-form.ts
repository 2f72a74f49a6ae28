import type { z } from 'zod';
import { recordSafetyPlanInput, type SafetyPlanContent } from '../../../../core/counseling/counseling.schema';
import { linesOf, schemaResolver, type FieldPathOf } from './schema-resolver';

/**
 * The safety plan form's values: the lists typed one item a line, the review date as typed
 * ('' for none). `toSafetyPlanInput` turns them into `counseling.recordSafetyPlan`'s input.
 */
export interface SafetyPlanFormValues {
  readonly reviewOn: string;
  readonly isNeeded: boolean;
  readonly isMadeWithClient: boolean;
  readonly mainConcern: string;
  readonly warningSigns: string;
  readonly safePlaces: string;
  readonly safePeople: string;
  readonly codeWordOrSignal: string;
  readonly documentsToKeepReady: string;
  readonly emergencyContacts: readonly { readonly name: string; readonly phone: string; readonly relation: string }[];
  readonly stepsWhenViolenceHappens: string;
  readonly stepsAfterLeaving: string;
}

export const LIST_FIELDS = ['warningSigns', 'safePlaces', 'safePeople', 'documentsToKeepReady'] as const;

export const EMPTY_SAFETY_PLAN: SafetyPlanFormValues = {
  reviewOn: '',
  isNeeded: true,
  isMadeWithClient: true,
  mainConcern: '',
  warningSigns: '',
  safePlaces: '',
  safePeople: '',
  codeWordOrSignal: '',
  documentsToKeepReady: '',
  emergencyContacts: [],
  stepsWhenViolenceHappens: '',
  stepsAfterLeaving: '',
};

/** A revision starts from the current plan. */
export function safetyPlanFormValues(plan: { readonly reviewOn: string | null; readonly content: SafetyPlanContent } | null): SafetyPlanFormValues {
  if (plan === null) return EMPTY_SAFETY_PLAN;
  const { content } = plan;
  return {
    ...content,
    reviewOn: plan.reviewOn ?? '',
    warningSigns: content.warningSigns.join('\n'),
    safePlaces: content.safePlaces.join('\n'),
    safePeople: content.safePeople.join('\n'),
    documentsToKeepReady: content.documentsToKeepReady.join('\n'),
    emergencyContacts: content.emergencyContacts.map((contact) => ({ ...contact })),
  };
}

export function toSafetyPlanInput(clientId: string, values: SafetyPlanFormValues) {
  return {
    clientId,
    reviewOn: values.reviewOn === '' ? null : values.reviewOn,
    content: {
      isNeeded: values.isNeeded,
      isMadeWithClient: values.isMadeWithClient,
      mainConcern: values.mainConcern,
      warningSigns: linesOf(values.warningSigns),
      safePlaces: linesOf(values.safePlaces),
      safePeople: linesOf(values.safePeople),
      codeWordOrSignal: values.codeWordOrSignal,
      documentsToKeepReady: linesOf(values.documentsToKeepReady),
      emergencyContacts: values.emergencyContacts.map((contact) => ({ name: contact.name, phone: contact.phone, relation: contact.relation })),
      stepsWhenViolenceHappens: values.stepsWhenViolenceHappens,
      stepsAfterLeaving: values.stepsAfterLeaving,
    },
  };
}

/** `content.warningSigns.3` is shown under the warning signs box; `content.emergencyContacts.0.name` under that contact's name. */
export const safetyPlanFieldPath: FieldPathOf = (path) => {
  const parts = path.map(String);
  const [first, second] = parts[0] === 'content' ? parts.slice(1) : parts;
  if (first === undefined) return '';
  if ((LIST_FIELDS as readonly string[]).includes(first)) return first;
  if (first === 'emergencyContacts' && parts.length <= 2) return '';
  if (first === 'emergencyContacts' && second !== undefined) return (parts[0] === 'content' ? parts.slice(1) : parts).join('.');
  return first;
};

export const safetyPlanResolver = (clientId: string) => schemaResolver(recordSafetyPlanInput, (values: SafetyPlanFormValues) => toSafetyPlanInput(clientId, values), safetyPlanFieldPath);

export type SafetyPlanInput = z.output<typeof recordSafetyPlanInput>;
