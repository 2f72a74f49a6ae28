import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { fieldError } from '../../forms/field-error';

/**
 * A counseling form field's error: the session forms' own sentences (`counselingSessions:issue.<key>`,
 * e.g. `time`, `tooShort`) where there is one, else the general validation text.
 *
 * @example <TextInput {...register('startedTime')} error={sessionFieldError(t, errors.startedTime)} />
 */
export function sessionFieldError(t: TFunction, error: FieldError | undefined): string | undefined {
  if (!error) return undefined;
  for (const key of [error.message, typeof error.type === 'string' ? error.type : undefined]) {
    if (key && /^[a-zA-Z]+$/.test(key)) {
      const text = t(`counselingSessions:issue.${key}`, { defaultValue: '' });
      if (text) return text;
    }
  }
  return fieldError(t, error);
}
