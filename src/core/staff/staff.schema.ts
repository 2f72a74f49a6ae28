import { z } from 'zod';
import { ROLES } from '../api/permissions';
import { isCommonPassword } from './common-passwords';
import { singleLineText } from '../text/text-fields.schema';

/**
 * Staff and sign-in input schemas, shared by the core's methods and the UI's forms so both validate
 * the same way. Custom issues carry a `params.reason` the UI turns into a localized message
 * (`validation.password.<reason>`).
 */
/** Twelve characters: a short phrase of three words, which staff remember better than symbols. */
export const PASSWORD_MIN_LENGTH = 12;
/** scrypt hashes any length, but a megabyte "password" is an attack, not a password. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'sameAsUsername';

/**
 * The password policy as a plain function, for code that is not a form.
 *
 * @example passwordProblem('parol12345', 'dilnoza') // 'common'
 */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (isCommonPassword(password)) return 'common';
  if (username !== undefined && password.normalize('NFC').toLowerCase() === username.normalize('NFC').toLowerCase()) {
    return 'sameAsUsername';
  }
  return null;
}

/** A new password on its own (minimum length, not a common password). */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: `password.${problem}`, params: { reason: problem } });
});

/** A password as typed at sign-in: anything non-empty (the policy applies when it is set, not when it is used). */
export const currentPasswordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/** Lowercase Latin letters, digits, dot, dash and underscore: easy to type on any layout the center uses. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: 'username.format' });

export const displayNameSchema = singleLineText(120);
export const roleSchema = z.enum(ROLES);

/** Adds the "not the same as the username" rule to an object holding both. */
function refineNotUsername<T extends z.ZodType<{ username: string; password: string }>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    if (passwordProblem(value.password, value.username) === 'sameAsUsername') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'password.sameAsUsername', params: { reason: 'sameAsUsername' } });
    }
  }) as unknown as T;
}

/** The first administrator, in the setup wizard. */
export const newAccountSchema = refineNotUsername(
  z.object({ displayName: displayNameSchema, username: usernameSchema, password: newPasswordSchema }),
);

export const signInInputSchema = z.object({ username: z.string().trim().min(1).max(64), password: currentPasswordSchema });
export const unlockInputSchema = z.object({ password: currentPasswordSchema });
export const changePasswordInputSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ['newPassword'],
    message: 'password.sameAsCurrent',
    params: { reason: 'sameAsCurrent' },
  });
export const recoverInputSchema = z.object({
  recoveryCode: z.string().trim().min(1).max(100),
  username: z.string().trim().min(1).max(64),
  newPassword: newPasswordSchema,
});

/** `actorPassword`: the administrator's own password, asked again when the new account is an administrator's. */
export const addStaffInputSchema = z.object({ displayName: displayNameSchema, username: usernameSchema, role: roleSchema, actorPassword: z.string().max(PASSWORD_MAX_LENGTH).optional() });
export const staffIdInputSchema = z.object({ userId: z.string().min(1).max(64) });
export const updateStaffInputSchema = z.object({
  userId: z.string().min(1).max(64),
  displayName: displayNameSchema,
  role: roleSchema,
  actorPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
});
/** The recipient's own password, typed by her on the granter's screen. */
export const grantInPersonInputSchema = z.object({ userId: z.string().min(1).max(64), password: currentPasswordSchema });
export const grantByRecoveryInputSchema = z.object({ userId: z.string().min(1).max(64), recoveryCode: z.string().trim().min(1).max(100), password: currentPasswordSchema });
/** The administrator's own password again: rotating keys is a grave step. */
export const rotateKeysInputSchema = z.object({ actorPassword: currentPasswordSchema });

/** One's own display preferences (`staff.myPreferences`, `staff.setMyPreferences`). */
export const myPreferencesSchema = z.object({
  /** Client names transliterated into the interface's script; the identity card keeps the name as typed. */
  namesInReaderScript: z.boolean(),
});
export type MyPreferences = z.infer<typeof myPreferencesSchema>;
