import { z } from 'zod';
import { normalizePhone } from './phone';
import { cleanPinfl } from './pinfl';
import { findDistrict, findRegion, isDistrictOf } from './regions';

/**
 * Reusable field schemas for Uzbek data, pure (no I/O, no clock), shared by the core's method
 * inputs and the UI's forms (react-hook-form + zodResolver), which may import `*.schema` modules.
 * Custom issues carry `params.reason` for the UI's localized message.
 *
 * PINFL contradictions (check digit, date of birth, sex) are not schema errors: they are warnings
 * the receptionist confirms (`pinflWarnings` in pinfl.ts).
 */

export const SEX_VALUES = ['male', 'female'] as const;
export const sexSchema = z.enum(SEX_VALUES);

/**
 * A PINFL as typed: spaces, dashes and dots between groups are removed, then exactly 14 digits.
 *
 * @example pinflSchema.parse('3 250590 012345 9') // '32505900123459'
 */
export const pinflSchema = z
  .string()
  .max(40)
  .transform(cleanPinfl)
  .pipe(z.string().regex(/^\d{14}$/, { message: 'A PINFL has exactly 14 digits' }));

/**
 * A phone number in any usual Uzbek spelling, output as +998XXXXXXXXX.
 *
 * @example phoneSchema.parse('8 90 123 45 67') // '+998901234567'
 */
export const phoneSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'Not an Uzbek phone number', params: { reason: 'phone' } });
      return z.NEVER;
    }
    return normalized;
  });

/** A phone number already stored in the normalized form. */
export const storedPhoneSchema = z.string().regex(/^\+998[2-9]\d{8}$/);

/**
 * A region's 4-digit SOATO code from the shipped list.
 *
 * @example regionCodeSchema.parse('1726') // '1726'
 */
export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^17\d{2}$/, { message: 'A region code has 4 digits and starts with 17' })
  .refine((code) => findRegion(code) !== null, { message: 'Unknown region', params: { reason: 'unknownRegion' } });

/**
 * A district's (or city's) 7-digit SOATO code from the shipped list.
 *
 * @example districtCodeSchema.parse('1726262') // '1726262'
 */
export const districtCodeSchema = z
  .string()
  .trim()
  .regex(/^17\d{5}$/, { message: 'A district code has 7 digits and starts with 17' })
  .refine((code) => findDistrict(code) !== null, { message: 'Unknown district', params: { reason: 'unknownDistrict' } });

/**
 * A region and a district of that region (the address block of the intake form and the center's
 * location at setup).
 *
 * @example regionDistrictSchema.parse({ regionCode: '1726', districtCode: '1726262' })
 */
export const regionDistrictSchema = z
  .object({ regionCode: regionCodeSchema, districtCode: districtCodeSchema })
  .refine((value) => isDistrictOf(value.regionCode, value.districtCode), {
    message: 'The district is not in that region',
    path: ['districtCode'],
    params: { reason: 'districtNotInRegion' },
  });
export type RegionDistrict = z.output<typeof regionDistrictSchema>;

/** The one way a phone number is shown ("+998 90 123 45 67"), here so the screens can use it. */
export { formatPhone } from './phone';
