import { z } from 'zod';
import { centerProfileSchema } from '../../../core/center/center.schema';
import { newAccountSchema } from '../../../core/staff/staff.schema';

/**
 * The wizard's form: exactly what `setup.createCenter` takes, plus the password typed twice.
 * The core validates the same `center` and `admin` schemas again.
 */
export const setupFormSchema = z
  .object({ center: centerProfileSchema, admin: newAccountSchema, confirmPassword: z.string() })
  .refine((value) => value.confirmPassword === value.admin.password, { path: ['confirmPassword'], message: 'password.mismatch' });

export type SetupFormInput = z.input<typeof setupFormSchema>;

export const SETUP_DEFAULTS: SetupFormInput = {
  center: { name: '', type: 'mahalla', regionCode: '', districtCode: '' },
  admin: { displayName: '', username: '', password: '' },
  confirmPassword: '',
};

/** The fields each wizard step checks before moving on. */
export const CENTER_FIELDS = ['center.name', 'center.type', 'center.regionCode', 'center.districtCode'] as const;

/**
 * The recovery code in groups a person can read aloud and copy by hand; the core's own
 * separators are kept, otherwise groups of four.
 *
 * @example recoveryGroups('ABCD-EFGH-JKLM') // ['ABCD', 'EFGH', 'JKLM']
 */
export function recoveryGroups(code: string): readonly string[] {
  const parts = code.trim().split(/[\s-]+/).filter(Boolean);
  if (parts.length > 1) return parts;
  return code.match(/.{1,4}/g) ?? [code];
}

/** Reads a typed group the way the core reads recovery codes: case, spaces and look-alikes do not matter. */
function canonicalGroup(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Compares what was typed back with one group. */
export function sameGroup(typed: string, group: string): boolean {
  return canonicalGroup(typed) === canonicalGroup(group);
}
