import { z } from 'zod';
import { storedText } from '../text/text-fields.schema';
import { isDistrictOf } from '../uz/regions';
import { districtCodeSchema, phoneSchema, pinflSchema, regionCodeSchema, SEX_VALUES } from '../uz/uz.schema';

/**
 * The client record's input shapes, shared by the core (which validates every call) and the UI's
 * forms (react-hook-form + zodResolver), so a field is judged the same on both sides. Pure: no I/O,
 * no clock. Rules that need the clock (a date of birth in the future) or the database (a duplicate
 * PINFL) are the core's, in clients.service.ts.
 */

/** Longest accepted values. A 10,000-character paste is refused whole, never cut. */
export const CLIENT_LIMITS = {
  name: 100,
  mahalla: 100,
  street: 200,
  documentNumber: 30,
  remarks: 2000,
  searchQuery: 200,
} as const;

export const EARLIEST_BIRTH_YEAR = 1900;

export const SEXES = SEX_VALUES;
export type ClientSex = (typeof SEXES)[number];

/**
 * Client categories. Youth (15–24) is not here: it is derived from the date of birth, never typed;
 * `olderPerson` is here (it is stored and sent) but derived too, from the age and the center's
 * `olderPersonAgeYears`. `personWithDisability` requires a `disabilityGroup`.
 */
export const CLIENT_CATEGORIES = ['olderPerson', 'personWithDisability', 'child', 'survivorOfViolence', 'lowIncomeRegister'] as const;
export type ClientCategory = (typeof CLIENT_CATEGORIES)[number];

/** The categories a person ticks: older person is derived from the age and the center's setting, like youth. */
export const TICKED_CATEGORIES: readonly ClientCategory[] = CLIENT_CATEGORIES.filter((category) => category !== 'olderPerson');

/** Disability groups I, II, III, or a child with a disability (which has no group). */
export const DISABILITY_GROUPS = ['I', 'II', 'III', 'child'] as const;
export type DisabilityGroup = (typeof DISABILITY_GROUPS)[number];

export const DOCUMENT_TYPES = ['passport', 'idCard', 'birthCertificate', 'foreignPassport', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** ISO 639 codes of the languages a client speaks; `sgn` is sign language. */
export const CLIENT_LANGUAGES = ['uz', 'ru', 'kaa', 'tg', 'kk', 'ky', 'tk', 'en', 'sgn', 'other'] as const;
export type ClientLanguage = (typeof CLIENT_LANGUAGES)[number];

/**
 * What the receptionist may be asked to confirm: the PINFL warnings of src/core/uz/pinfl.ts and a
 * possible duplicate (same name keys, same or close date of birth).
 */
export const CLIENT_WARNINGS = ['checkDigit', 'birthDateMismatch', 'sexMismatch', 'impossibleDate', 'possibleDuplicate'] as const;
export type ClientWarning = (typeof CLIENT_WARNINGS)[number];

/** One line of text as typed, trimmed; SQL or HTML in it is kept verbatim (it is only ever text). */
function line(max: number) {
  return storedText(max);
}

/** An optional line: empty means "not given" and is stored as null. */
function optionalLine(max: number) {
  return line(max)
    .nullish()
    .transform((value) => (value === undefined || value === null || value === '' ? null : value));
}

const nameSchema = line(CLIENT_LIMITS.name).min(1);

/** An optional field whose empty or blank value means "not given" (null), else `schema`. */
function emptyAsNull<T extends z.ZodType>(schema: T) {
  return z
    .preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullable())
    .optional()
    .transform((value) => value ?? null);
}

/** `YYYY-MM-DD` of a day that exists. */
export const birthDateSchema = z.iso.date();

export const identityDocumentSchema = z.object({
  type: z.enum(DOCUMENT_TYPES),
  /** Series and number as printed (e.g. `AA1234567`), upper-cased. */
  number: line(CLIENT_LIMITS.documentNumber)
    .min(1)
    .transform((value) => value.toUpperCase()),
});
export type IdentityDocument = z.output<typeof identityDocumentSchema>;

export const addressSchema = z.object({
  /** SOATO code of the region (viloyat) from the shipped list. */
  regionCode: emptyAsNull(regionCodeSchema),
  /** SOATO code of the district (tuman or city) inside that region. */
  districtCode: emptyAsNull(districtCodeSchema),
  mahalla: optionalLine(CLIENT_LIMITS.mahalla),
  street: optionalLine(CLIENT_LIMITS.street),
});
export type ClientAddress = z.output<typeof addressSchema>;

const uniqueList = <T extends string>(values: readonly T[]): T[] => [...new Set(values)];

/** Every field of a client record as the form sends it (register and update share it). */
export const clientFieldsSchema = z
  .object({
    lastName: nameSchema,
    firstName: nameSchema,
    patronymic: optionalLine(CLIENT_LIMITS.name),
    /** Exact date of birth; null when only an estimated year is known. */
    birthDate: birthDateSchema.nullish().transform((v) => v ?? null),
    /** Set instead of `birthDate` when the person does not know it: the record is flagged as estimated. */
    estimatedBirthYear: z.number().int().min(EARLIEST_BIRTH_YEAR).max(2200).nullish().transform((v) => v ?? null),
    sex: z.enum(SEXES),
    pinfl: emptyAsNull(pinflSchema),
    identityDocument: identityDocumentSchema.nullish().transform((v) => v ?? null),
    /** Any usual way of writing an Uzbek number, stored as `+998XXXXXXXXX`. */
    phone: emptyAsNull(phoneSchema),
    address: addressSchema.nullish().transform((v) => v ?? { regionCode: null, districtCode: null, mahalla: null, street: null }),
    categories: z.array(z.enum(CLIENT_CATEGORIES)).max(CLIENT_CATEGORIES.length * 2).default([]).transform(uniqueList),
    disabilityGroup: z.enum(DISABILITY_GROUPS).nullish().transform((v) => v ?? null),
    languages: z.array(z.enum(CLIENT_LANGUAGES)).max(CLIENT_LANGUAGES.length * 2).default([]).transform(uniqueList),
    /** Non-confidential remarks only: counseling notes belong to the psychologist's records. */
    remarks: storedText(CLIENT_LIMITS.remarks, true)
      .nullish()
      .transform((value) => (value === undefined || value === null || value === '' ? null : value)),
    /** Warnings the receptionist saw and confirmed (see CLIENT_WARNINGS). */
    confirmedWarnings: z.array(z.enum(CLIENT_WARNINGS)).max(CLIENT_WARNINGS.length * 2).default([]).transform(uniqueList),
  })
  .superRefine((value, ctx) => {
    if ((value.birthDate === null) === (value.estimatedBirthYear === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'Give either the date of birth or an estimated year of birth',
        params: { reason: 'birthDateOrEstimatedYear' },
      });
    }
    if (value.birthDate !== null && Number(value.birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Date of birth too early', params: { reason: 'tooEarly' } });
    }
    const hasDisability = value.categories.includes('personWithDisability');
    if (hasDisability !== (value.disabilityGroup !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['disabilityGroup'],
        message: 'A person with a disability needs a disability group, and only they have one',
        params: { reason: 'disabilityGroup' },
      });
    }
    const { regionCode, districtCode } = value.address;
    if (districtCode !== null && (regionCode === null || !isDistrictOf(regionCode, districtCode))) {
      ctx.addIssue({
        code: 'custom',
        path: ['address', 'districtCode'],
        message: 'The district is not in that region',
        params: { reason: 'districtNotInRegion' },
      });
    }
  });
export type ClientFieldsInput = z.input<typeof clientFieldsSchema>;
export type ClientFields = z.output<typeof clientFieldsSchema>;

export const clientIdSchema = z.string().trim().min(1).max(64);

export const registerClientInput = clientFieldsSchema;
export type RegisterClientInput = z.input<typeof registerClientInput>;

export const updateClientInput = z.intersection(
  z.object({ id: clientIdSchema, version: z.number().int().min(1) }),
  clientFieldsSchema,
);
export type UpdateClientInput = z.input<typeof updateClientInput>;

export const getClientInput = z.object({ id: clientIdSchema });

export const searchClientsInput = z.object({
  query: z.string().max(CLIENT_LIMITS.searchQuery),
  limit: z.number().int().min(1).max(100).default(20),
  /** Results to skip: the next page starts at offset + limit. */
  offset: z.number().int().min(0).max(1_000_000).default(0),
  /** Breaks ties in favour of this sex; does not filter. */
  sex: z.enum(SEXES).optional(),
  /** Breaks ties in favour of this date of birth (then its year); does not filter. */
  birthDate: birthDateSchema.optional(),
});
export type SearchClientsInput = z.input<typeof searchClientsInput>;

export const findDuplicatesInput = z.object({
  lastName: nameSchema,
  firstName: nameSchema,
  birthDate: birthDateSchema.nullish().transform((v) => v ?? null),
  estimatedBirthYear: z.number().int().min(EARLIEST_BIRTH_YEAR).max(2200).nullish().transform((v) => v ?? null),
  /** The record being edited, left out of its own duplicates. */
  excludeId: clientIdSchema.optional(),
});
export type FindDuplicatesInput = z.input<typeof findDuplicatesInput>;

export const mergeClientsInput = z
  .object({ survivorId: clientIdSchema, mergedId: clientIdSchema })
  .refine((value) => value.survivorId !== value.mergedId, { path: ['mergedId'], message: 'A client cannot be merged into itself' });

export const unmergeClientsInput = z.object({ mergeId: clientIdSchema });

/** A client as `clients.get` returns it: the stored fields and what the core derives from them. */
export interface ClientRecord {
  readonly id: string;
  readonly version: number;
  readonly status: 'active' | 'merged';
  /** Set when this record was merged into another; the UI opens that one instead. */
  readonly mergedIntoId: string | null;
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly isBirthDateEstimated: boolean;
  readonly sex: ClientSex;
  readonly pinfl: string | null;
  readonly identityDocument: IdentityDocument | null;
  readonly phone: string | null;
  readonly address: ClientAddress;
  readonly categories: readonly ClientCategory[];
  readonly disabilityGroup: DisabilityGroup | null;
  readonly languages: readonly ClientLanguage[];
  readonly remarks: string | null;
  readonly confirmedWarnings: readonly ClientWarning[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Whole years on the core's today (from the estimated year when there is no date). */
  readonly ageYears: number;
  /** Aged 15–24: derived, never typed. */
  readonly isYouth: boolean;
  /** The PINFL's warnings against the stored date of birth and sex (confirmed or not). */
  readonly pinflWarnings: readonly ClientWarning[];
}

/** How a search result was found, best first. */
export type ClientMatchKind = 'pinfl' | 'phone' | 'birthDate' | 'name' | 'similarName';

/** What `clients.search` answers: one page, best match first, and how many match in all. */
export interface ClientSearchResult {
  readonly items: readonly ClientSearchItem[];
  readonly total: number;
}

/** One row of `clients.search`. */
export interface ClientSearchItem {
  readonly id: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly isBirthDateEstimated: boolean;
  readonly sex: ClientSex;
  readonly pinfl: string | null;
  readonly phone: string | null;
  readonly regionCode: string | null;
  readonly districtCode: string | null;
  readonly matchedBy: ClientMatchKind;
}

/** A possible duplicate shown side by side with the form before saving. */
export type PossibleDuplicate = Omit<ClientSearchItem, 'matchedBy'>;
