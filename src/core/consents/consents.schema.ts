import { z } from 'zod';
import { calendarDateSchema } from '../calendar/calendar.schema';
import { entityIdSchema } from '../db/ids.schema';
import { singleLineText } from '../text/text-fields.schema';

/**
 * Consent purposes (issue 4, item 4). The codes are stable: they travel to the registry and key
 * the UI's translations (`consents.purpose.<code>`).
 */
export const CONSENT_PURPOSES = ['services', 'registrySharing', 'referral', 'photographs'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_STATES = ['given', 'refused', 'withdrawn'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];


export const recordConsentInput = z.object({
  clientId: entityIdSchema,
  purpose: z.enum(CONSENT_PURPOSES),
  state: z.enum(CONSENT_STATES),
  /** The date written on the signed form (or the day the refusal was noted). */
  decidedOn: calendarDateSchema,
  /** The paper form's number or filing reference; optional because refusals are often verbal. */
  formReference: singleLineText(100).optional(),
});
export type RecordConsentInput = z.input<typeof recordConsentInput>;

export const listConsentsInput = z.object({ clientId: entityIdSchema });

/** One row of a client's consent history, as the API returns it. */
export interface ConsentRecord {
  readonly id: string;
  readonly clientId: string;
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
  readonly decidedOn: string;
  readonly formReference: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** `consents.list`: the current state per purpose (null: never asked) and the full history, newest first. */
export interface ConsentOverview {
  readonly current: Readonly<Record<ConsentPurpose, ConsentRecord | null>>;
  readonly history: readonly ConsentRecord[];
}
