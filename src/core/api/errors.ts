/**
 * The one error type every API method throws. It crosses every transport as plain JSON
 * (`toJSON`), and the UI turns `code` into a localized message (`errors.<code>` in the locales).
 */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'INTERNAL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'WRONG_PASSWORD',
  'WRONG_RECOVERY_CODE',
  'TOO_MANY_ATTEMPTS',
  'ACCOUNT_INACTIVE',
  'PASSWORD_CHANGE_REQUIRED',
  'WEAK_PASSWORD',
  'WRONG_KEY',
  'KEYRING_TAMPERED',
  'DATABASE_TOO_NEW',
  'DATABASE_DAMAGED',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_PINFL',
  'CONFIRMATION_REQUIRED',
  'CONSENT_REQUIRED',
  'LOCKED',
  'SELF_TEST_FAILED',
  'BAD_REQUEST',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The reasons a domain gives with an error code (`details.reason`), e.g. CONFLICT's
 * `usernameTaken`. Each domain's manifest lists its own; the UI says `errors.<code>.<reason>` and
 * falls back to `errors.<code>`; a test fails if any language lacks a declared reason's sentence.
 */
export type ErrorReasons = Readonly<Partial<Record<ErrorCode, readonly string[]>>>;

/**
 * Declares a domain's reasons; `const` keeps them as literals, so the domain's thrower only
 * accepts what it declared.
 *
 * @example export const STAFF_ERRORS = defineErrorReasons({ CONFLICT: ['usernameTaken', 'lastAdministrator'] });
 */
export function defineErrorReasons<const R extends ErrorReasons>(reasons: R): R {
  return reasons;
}

/** A domain's error builder: only its declared codes and reasons type-check. */
export type DomainErrors<R extends ErrorReasons> = <C extends keyof R & ErrorCode>(code: C, reason: NonNullable<R[C]>[number], details?: Record<string, unknown>) => AppError;

/**
 * The error builder of one domain, over its declared reasons. NOT_FOUND's reason is the kind of
 * thing that was not found, so it is also given as `entity`.
 *
 * @example
 * const staffError = domainErrors(STAFF_ERRORS);
 * throw staffError('CONFLICT', 'usernameTaken', { field: 'username' });
 */
export function domainErrors<const R extends ErrorReasons>(_reasons: R): DomainErrors<R> {
  return (code, reason, details) => new AppError(code, code === 'NOT_FOUND' ? { reason, entity: reason, ...details } : { reason, ...details });
}

/**
 * INVALID_INPUT for one field, in the shape the router gives schema failures, so the form marks
 * the field the same way.
 *
 * @example throw invalidInput(['birthDate'], 'future_date', 'The date of birth is in the future');
 */
export function invalidInput(path: readonly string[], code: string, message: string): AppError {
  return new AppError('INVALID_INPUT', { issues: [{ path: [...path], code, message }] });
}

export interface AppErrorJson {
  readonly code: ErrorCode;
  /** i18n key the UI renders, e.g. `errors.FORBIDDEN`. */
  readonly messageKey: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /**
   * @example throw new AppError('FORBIDDEN', { permission: 'staff.manage' })
   */
  constructor(code: ErrorCode, details?: Record<string, unknown>, messageKey = `errors.${code}`) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.details = details;
  }

  toJSON(): AppErrorJson {
    return this.details === undefined
      ? { code: this.code, messageKey: this.messageKey }
      : { code: this.code, messageKey: this.messageKey, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Rebuilds an AppError from its JSON form on the far side of a transport. */
export function appErrorFromJson(value: unknown): AppError {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (isErrorCode(record.code)) {
      const details =
        typeof record.details === 'object' && record.details !== null
          ? (record.details as Record<string, unknown>)
          : undefined;
      const messageKey = typeof record.messageKey === 'string' ? record.messageKey : `errors.${record.code}`;
      return new AppError(record.code, details, messageKey);
    }
  }
  return new AppError('INTERNAL');
}
