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
 * A message key a schema put in its own error (`z.string().refine(…, 'password.common')`) is
 * translated; anything else falls back to the issue code's generic text, never to zod's English.
 *
 * @example localizeIssue(t, { code: 'too_small', message: 'Too small' }) // "Juda qisqa."
 */
export function localizeIssue(t: TFunction, issue: { readonly code: string; readonly message?: string | undefined }, params: Record<string, unknown> = {}): string {
  if (issue.message && /^[a-z][A-Za-z]*\.[a-z][A-Za-z.]*$/.test(issue.message)) {
    const custom = t(issue.message, { ns: 'validation', defaultValue: '', ...params });
    if (custom) return custom;
  }
  return t(issue.code, { ns: 'validation', defaultValue: t('invalid', { ns: 'validation' }), ...params });
}

/** The localized text of any error that reached the UI; unknown throwables become INTERNAL. */
export function localizeError(t: TFunction, error: unknown): string {
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  return t(code, { ns: 'errors' });
}
