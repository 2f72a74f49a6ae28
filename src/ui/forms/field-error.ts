import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { localizeIssue } from '../i18n/issues';

/**
 * The localized text for a react-hook-form field error (its `type` is the zod issue code, its
 * `message` a key), for an input's `error` prop.
 *
 * @example <TextInput {...register('username')} error={fieldError(t, errors.username)} />
 */
export function fieldError(t: TFunction, error: FieldError | undefined): string | undefined {
  if (!error) return undefined;
  return localizeIssue(t, { code: typeof error.type === 'string' ? error.type : 'custom', message: error.message });
}
