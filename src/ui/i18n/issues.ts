import type { TFunction } from 'i18next';
import { AppError } from '../../core/api/errors';

/** One field problem as the core reports it in `INVALID_INPUT` details (zod issue, flattened). */
export interface FieldIssue {
  readonly path: readonly string[];
  readonly code: string;
  readonly message: string;
}

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.path) && typeof record.code === 'string' && typeof record.message === 'string';
}

/** The field issues an `INVALID_INPUT` error carries; empty for every other error. */
export function fieldIssuesOf(error: unknown): readonly FieldIssue[] {
  if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') return [];
  const issues = error.details?.issues;
  return Array.isArray(issues) ? issues.filter(isFieldIssue) : [];
}

/**
 * Translates one issue. Its message may be a key (`password.common` from a shared schema, or
 * `minLength?minimum=10` from the form's error map) with parameters after `?`; anything else
 * (zod's English) falls back to the issue code's generic text.
 *
 * @example localizeIssue(t, { code: 'custom', message: 'password.common' }) // "Bu parol juda keng tarqalgan."
 */
export function localizeIssue(t: TFunction, issue: { readonly code: string; readonly message?: string | undefined }): string {
  const message = issue.message ?? '';
  const match = /^([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*)(?:\?(.*))?$/.exec(message);
  if (match) {
    const params = Object.fromEntries(new URLSearchParams(match[2] ?? ''));
    const custom = t(match[1] ?? '', { ns: 'validation', defaultValue: '', ...params });
    if (custom) return custom;
  }
  return t(issue.code, { ns: 'validation', defaultValue: t('invalid', { ns: 'validation' }) });
}

/**
 * The localized text of any error that reached the UI: the sentence for its reason
 * (`errors:reasons.<code>.<reason>`, e.g. "this username is taken") where the core gave one, else
 * the code's general sentence; unknown throwables become INTERNAL.
 *
 * @example localizeError(t, new AppError('CONFLICT', { reason: 'usernameTaken' })) // "This username is already taken…"
 */
export function localizeError(t: TFunction, error: unknown): string {
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const general = t(code, { ns: 'errors' });
  const reason = error instanceof AppError ? error.details?.reason : undefined;
  if (typeof reason !== 'string' || !/^[a-zA-Z]+$/.test(reason)) return general;
  return t(`reasons.${code}.${reason}`, { ns: 'errors', defaultValue: general });
}
