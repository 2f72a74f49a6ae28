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
  'DATABASE_TOO_NEW',
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
