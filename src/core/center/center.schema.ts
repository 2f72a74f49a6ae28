import { z } from 'zod';
import { isDistrictOf } from '../uz/regions';
import { newAccountSchema } from '../staff/staff.schema';
import { storedText } from '../text/text-fields.schema';

/**
 * Center setup and settings schemas, shared by the core and the setup wizard.
 */
export const CENTER_TYPES = ['mahalla', 'rehabilitation', 'inclusiveVocational'] as const;
export type CenterType = (typeof CENTER_TYPES)[number];

export const INACTIVITY_LOCK_MINUTES_MIN = 1;
export const INACTIVITY_LOCK_MINUTES_MAX = 60;

/** From what age a client counts as an older person; the center sets it (default 60), within these bounds. */
export const OLDER_PERSON_AGE_MIN = 50;
export const OLDER_PERSON_AGE_MAX = 80;
export const DEFAULT_OLDER_PERSON_AGE_YEARS = 60;

/** The region (4-digit SOATO) and district (7-digit SOATO) must be a pair from the official list. */
export const centerProfileSchema = z
  .object({
    name: storedText(200).min(2),
    type: z.enum(CENTER_TYPES),
    regionCode: z.string().regex(/^\d{4}$/, { message: 'soato.region' }),
    districtCode: z.string().regex(/^\d{7}$/, { message: 'soato.district' }),
  })
  .refine((center) => isDistrictOf(center.regionCode, center.districtCode), {
    path: ['districtCode'],
    message: 'soato.districtNotInRegion',
    params: { reason: 'districtNotInRegion' },
  });

export type CenterProfileInput = z.input<typeof centerProfileSchema>;

/** `center.updateProfile`: the whole profile, as the setup wizard asked for it. */
export const updateCenterProfileInputSchema = centerProfileSchema;

/** `isDemonstration`: a center only for showing and training (issue 8 item 10); fixed at setup, the only kind `cli seed` fills, and it sends nothing to the registry. */
export const createCenterInputSchema = z.object({ center: centerProfileSchema, admin: newAccountSchema, isDemonstration: z.boolean().default(false) });

/** How long a psychologist's emergency access to an unassigned client's counseling record lasts. */
export const EMERGENCY_ACCESS_HOURS_MIN = 1;
export const EMERGENCY_ACCESS_HOURS_MAX = 24;
export const DEFAULT_EMERGENCY_ACCESS_HOURS = 4;

export const centerSettingsSchema = z.object({
  inactivityLockMinutes: z.number().int().min(INACTIVITY_LOCK_MINUTES_MIN).max(INACTIVITY_LOCK_MINUTES_MAX),
  /** Clients this old or older are counted as older persons (a derived category, like youth). */
  olderPersonAgeYears: z.number().int().min(OLDER_PERSON_AGE_MIN).max(OLDER_PERSON_AGE_MAX),
  emergencyAccessHours: z.number().int().min(EMERGENCY_ACCESS_HOURS_MIN).max(EMERGENCY_ACCESS_HOURS_MAX),
});
export type CenterSettings = z.infer<typeof centerSettingsSchema>;

export const updateCenterSettingsInputSchema = centerSettingsSchema.partial();
