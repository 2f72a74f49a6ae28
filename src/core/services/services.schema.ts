import { z } from 'zod';
import { serviceCodeSchema } from '../cases/cases.schema';
import { calendarDateSchema } from '../calendar/calendar.schema';
import { entityIdSchema } from '../db/ids.schema';
import { multiLineText, singleLineText } from '../text/text-fields.schema';

/** The project's service categories (issue 4, item 5); every catalog entry belongs to one. */
export const SERVICE_CATEGORIES = [
  'social',
  'psychological',
  'legal',
  'medical',
  'rehabilitation',
  'homeCare',
  'dayCare',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** The four UI languages; catalog names are stored per language as data. */
export const CATALOG_LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru', 'en'] as const;
export type CatalogLanguage = (typeof CATALOG_LANGUAGES)[number];

const catalogName = singleLineText(200);
export const localizedNamesSchema = z.object({
  'uz-Latn': catalogName,
  'uz-Cyrl': catalogName,
  ru: catalogName,
  en: catalogName,
});
export type LocalizedNames = z.output<typeof localizedNamesSchema>;

export interface CatalogEntry {
  readonly code: string;
  readonly category: ServiceCategory;
  readonly names: LocalizedNames;
  /** Built-in entries ship with the application; the rest were added by the center. */
  readonly isBuiltIn: boolean;
  readonly isActive: boolean;
}

export const catalogInput = z.object({
  /** Also list retired entries (for showing old deliveries). */
  includeInactive: z.boolean().default(false),
});

export const addCatalogEntryInput = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  names: localizedNamesSchema,
});
export type AddCatalogEntryInput = z.input<typeof addCatalogEntryInput>;
export type AddCatalogEntryRequest = z.output<typeof addCatalogEntryInput>;

/** Renames an entry (names are data, built-in ones included) or retires / restores it; the code never changes. */
export const updateCatalogEntryInput = z
  .object({
    code: serviceCodeSchema,
    names: localizedNamesSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .refine((input) => input.names !== undefined || input.isActive !== undefined, { message: 'Nothing to change' });
export type UpdateCatalogEntryInput = z.input<typeof updateCatalogEntryInput>;

export const NOTE_MAX_CHARS = 2000;
export const OVERRIDE_REASON_MAX_CHARS = 500;
/** A day is the longest single delivery we accept; longer care is several deliveries. */
export const MAX_DURATION_MINUTES = 24 * 60;

export const recordServiceInput = z.object({
  clientId: entityIdSchema,
  caseId: entityIdSchema.optional(),
  serviceCode: serviceCodeSchema,
  deliveredOn: calendarDateSchema,
  durationMinutes: z.number().int().min(1).max(MAX_DURATION_MINUTES).optional(),
  note: multiLineText(NOTE_MAX_CHARS).optional(),
  /**
   * Recording a service needs the client's consent to receive services; without it, only an
   * emergency override with the reason (audited, shown on the timeline) lets it through.
   */
  consentOverride: z.object({ reason: multiLineText(OVERRIDE_REASON_MAX_CHARS) }).optional(),
});
export type RecordServiceInput = z.input<typeof recordServiceInput>;

export const listServicesForClientInput = z.object({ clientId: entityIdSchema });

export interface ServiceDelivery {
  readonly id: string;
  readonly clientId: string;
  readonly caseId: string | null;
  readonly serviceCode: string;
  readonly deliveredOn: string;
  readonly durationMinutes: number | null;
  readonly note: string | null;
  /** The emergency reason when the service was given without consent; null when consent was given. */
  readonly consentOverrideReason: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const REFERRAL_DIRECTIONS = ['out', 'in'] as const;
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];

export const createReferralInput = z.object({
  clientId: entityIdSchema,
  caseId: entityIdSchema.optional(),
  direction: z.enum(REFERRAL_DIRECTIONS),
  agency: singleLineText(200),
  reason: multiLineText(NOTE_MAX_CHARS),
  date: calendarDateSchema,
});
export type CreateReferralInput = z.input<typeof createReferralInput>;

export const listReferralsForClientInput = z.object({ clientId: entityIdSchema });

export interface Referral {
  readonly id: string;
  readonly clientId: string;
  readonly caseId: string | null;
  readonly direction: ReferralDirection;
  readonly agency: string;
  readonly reason: string;
  readonly date: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}
