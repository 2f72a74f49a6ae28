import { NumberInput } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../forms/field-error';

interface WholeNumberFieldProps<T extends FieldValues> {
  readonly control: Control<T, unknown, unknown>;
  readonly name: Path<T>;
  readonly label: string;
  readonly description?: string;
  readonly min: number;
  readonly max: number;
  /** An emptied field means "none" (null) instead of a missing number. */
  readonly isOptional?: boolean;
}

/** A whole number for a form: out of range is refused with a message, never clamped into another number. */
export function WholeNumberField<T extends FieldValues>({ control, name, label, description, min, max, isOptional = false }: WholeNumberFieldProps<T>) {
  const { t } = useTranslation();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          ref={field.ref}
          label={label}
          description={description}
          min={min}
          max={max}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          value={field.value ?? ''}
          onChange={(value) => field.onChange(typeof value === 'number' ? value : isOptional && value === '' ? null : Number.NaN)}
          onBlur={field.onBlur}
          error={fieldError(t, fieldState.error)}
        />
      )}
    />
  );
}
