import { z } from 'zod';
import { calendarDateSchema } from '../calendar/calendar.schema';
import { entityIdSchema } from '../db/ids.schema';
import { optionalMultiLineText, multiLineText, singleLineText } from '../text/text-fields.schema';

/**
 * Counseling inputs and coded lists, pure zod (shared with the UI's forms). Codes are stable: they
 * are counted and some leave the center as metadata; the UI translates `counseling:<list>.<code>`.
 */
export const SESSION_KINDS = ['individual', 'family', 'group', 'crisis'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_FORMS = ['inPerson', 'phone', 'homeVisit', 'online'] as const;
export type SessionForm = (typeof SESSION_FORMS)[number];

/** `restricted`: readable by its author and supervisors only. */
export const SENSITIVITY_TIERS = ['standard', 'restricted'] as const;
export type SensitivityTier = (typeof SENSITIVITY_TIERS)[number];

export const SESSION_STATUSES = ['draft', 'signed', 'voided'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'severe'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Presenting concerns. */
export const CONCERN_CODES = [
  'domesticViolence',
  'sexualViolence',
  'economicAbuse',
  'trauma',
  'anxiety',
  'lowMood',
  'grief',
  'suicidalThoughts',
  'selfHarm',
  'familyConflict',
  'parenting',
  'relationship',
  'substanceUse',
  'loneliness',
  'caregiverStress',
  'disabilityAdjustment',
  'ageing',
  'other',
] as const;
export type ConcernCode = (typeof CONCERN_CODES)[number];

export const INTERVENTION_CODES = [
  'supportiveCounseling',
  'psychoeducation',
  'crisisIntervention',
  'safetyPlanning',
  'problemSolving',
  'relaxation',
  'cognitiveTechniques',
  'familyMediation',
  'groupSupport',
  'advocacy',
  'referral',
  'other',
] as const;
export type InterventionCode = (typeof INTERVENTION_CODES)[number];

/** Needs areas of the survivor intake assessment, as in Primero's survivor assessment. */
export const NEED_AREAS = ['safety', 'health', 'psychosocial', 'legal', 'material'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

/** How pressing a need is, per area. */
export const NEED_LEVELS = ['none', 'some', 'urgent'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

const NOTE_MAX = 20_000;
const TEXT_MAX = 5_000;

const uniqueCodes = <const T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .array(z.enum(codes))
    .max(codes.length)
    .refine((list) => new Set(list).size === list.length, { message: 'duplicate' })
    .default([]);

const instant = z.iso.datetime({ offset: true });

/** What a session holds besides its id and status: the draft a psychologist edits until she signs. */
export const sessionContentSchema = z.object({
  clientId: entityIdSchema,
  /** Family and group sessions: the other clients present (each client's record shows only that client). */
  otherClientIds: z.array(entityIdSchema).max(40).default([]),
  startedAt: instant,
  kind: z.enum(SESSION_KINDS),
  form: z.enum(SESSION_FORMS),
  durationMinutes: z.number().int().min(1).max(600),
  /** May be empty in a draft; signing needs it. */
  note: optionalMultiLineText(NOTE_MAX),
  progress: optionalMultiLineText(TEXT_MAX).default(''),
  concerns: uniqueCodes(CONCERN_CODES),
  interventions: uniqueCodes(INTERVENTION_CODES),
  nextAppointmentAt: instant.nullable().default(null),
  sensitivity: z.enum(SENSITIVITY_TIERS).default('standard'),
  /** The psychologist's rating of the client's risk in this session (leaves the center as metadata). */
  riskLevel: z.enum(RISK_LEVELS).nullable().default(null),
});
export type SessionContent = z.output<typeof sessionContentSchema>;

/** `counseling.recordSession`: a new session (a draft until signed). `id` lets a retried call create it once. */
export const recordSessionInput = sessionContentSchema.extend({ id: entityIdSchema.optional() });

/**
 * `counseling.saveDraft`, autosave: creates the draft with this id or replaces its content. With
 * `expectedVersion` the save is refused (CONFLICT) when someone else saved since; a retried save
 * of content already saved answers the current version without writing.
 */
export const saveDraftInput = sessionContentSchema.extend({ id: entityIdSchema, expectedVersion: z.number().int().min(1).nullable().default(null) });

export const sessionRefInput = z.object({ id: entityIdSchema });
export const signSessionInput = z.object({ id: entityIdSchema, expectedVersion: z.number().int().min(1) });
export const countersignInput = signSessionInput;
export const voidSessionInput = z.object({ id: entityIdSchema, reason: multiLineText(TEXT_MAX) });
export const addAddendumInput = z.object({ sessionId: entityIdSchema, text: multiLineText(NOTE_MAX) });
export const listForClientInput = z.object({ clientId: entityIdSchema });

export const breakGlassInput = z.object({ clientId: entityIdSchema, reason: multiLineText(TEXT_MAX).refine((text) => text.length >= 10, { message: 'tooShort' }) });
export const reviewEmergencyAccessInput = z.object({ id: entityIdSchema });
export const assignInput = z.object({ clientId: entityIdSchema, psychologistId: entityIdSchema });
export const endAssignmentInput = z.object({ clientId: entityIdSchema, psychologistId: entityIdSchema });
export const noInput = z.object({});

const needSchema = z.object({ level: z.enum(NEED_LEVELS), note: optionalMultiLineText(TEXT_MAX).default('') });

/** Survivor intake assessment (rehabilitation centers), as in Primero's survivor assessment. */
export const intakeContentSchema = z.object({
  /** In the client's own words. */
  presentingProblem: multiLineText(TEXT_MAX),
  background: optionalMultiLineText(TEXT_MAX).default(''),
  livingSituation: optionalMultiLineText(TEXT_MAX).default(''),
  currentRisks: optionalMultiLineText(TEXT_MAX).default(''),
  needs: z.object({ safety: needSchema, health: needSchema, psychosocial: needSchema, legal: needSchema, material: needSchema }),
});
export type IntakeAssessmentContent = z.output<typeof intakeContentSchema>;
export const recordIntakeInput = z.object({ clientId: entityIdSchema, assessedOn: calendarDateSchema, content: intakeContentSchema });

/** Answers to a risk instrument: item id to the chosen option's id. */
export const recordRiskAssessmentInput = z.object({
  clientId: entityIdSchema,
  sessionId: entityIdSchema.nullable().default(null),
  assessedAt: instant,
  instrumentId: singleLineText(64),
  instrumentVersion: z.number().int().min(1),
  answers: z.record(z.string().min(1).max(64), z.string().min(1).max(64)),
});

const textList = z.array(singleLineText(500)).max(30).default([]);

/** Safety plan, fields as Primero's safety plan. */
export const safetyPlanContentSchema = z.object({
  isNeeded: z.boolean(),
  isMadeWithClient: z.boolean(),
  /** The main concern, in the client's words. */
  mainConcern: optionalMultiLineText(TEXT_MAX).default(''),
  warningSigns: textList,
  safePlaces: textList,
  safePeople: textList,
  codeWordOrSignal: optionalMultiLineText(500).default(''),
  documentsToKeepReady: textList,
  emergencyContacts: z.array(z.object({ name: singleLineText(200), phone: optionalMultiLineText(50).default(''), relation: optionalMultiLineText(200).default('') })).max(20).default([]),
  stepsWhenViolenceHappens: optionalMultiLineText(TEXT_MAX).default(''),
  stepsAfterLeaving: optionalMultiLineText(TEXT_MAX).default(''),
});
export type SafetyPlanContent = z.output<typeof safetyPlanContentSchema>;
export const recordSafetyPlanInput = z.object({ clientId: entityIdSchema, reviewOn: calendarDateSchema.nullable().default(null), content: safetyPlanContentSchema });
export const clientRefInput = z.object({ clientId: entityIdSchema });
export const resolveAttentionInput = z.object({ id: entityIdSchema });

type Localized = Readonly<Record<'uz-Latn' | 'uz-Cyrl' | 'ru' | 'en', string>>;

/** A risk instrument as data (./instruments/): items with weighted options, score bands, a version. */
export interface RiskInstrument {
  readonly id: string;
  readonly version: number;
  readonly name: Localized;
  /** Ascending by `minScore`, the first at 0. */
  readonly bands: readonly { readonly level: RiskLevel; readonly minScore: number }[];
  readonly items: readonly {
    readonly id: string;
    readonly text: Localized;
    readonly options: readonly { readonly id: string; readonly weight: number; readonly minimumLevel?: RiskLevel; readonly text: Localized }[];
  }[];
}
