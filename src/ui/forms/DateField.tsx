import { DateInput } from '@mantine/dates';
import { useState, type ReactNode } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { DAY_FORMAT, parseDayText } from './day-text';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DateFieldProps<T extends FieldValues> {
  readonly control: Control<T, unknown, unknown>;
  readonly name: Path<T>;
  readonly label: ReactNode;
  readonly description?: ReactNode;
  readonly error?: ReactNode;
  readonly withAsterisk?: boolean;
  /** The latest day the picker offers (`YYYY-MM-DD`); a later typed day still reaches the schema, which says why it is refused. */
  readonly maxDate?: string;
  readonly minDate?: string;
}

/**
 * A date field for a react-hook-form string field holding `YYYY-MM-DD`: shows and takes
 * `dd.mm.yyyy` in every language (typing `15031985` or `15.03.1985` stores `1985-03-15`), with a
 * picker in the interface's language (`DatesProvider` in App). What cannot be a day is kept as
 * typed, so the form's schema refuses it under the field instead of the field quietly undoing it.
 *
 * @example <DateField control={form.control} name="decidedOn" label={t('care:consents.decidedOn')} maxDate={todayLocal()} />
 */
export function DateField<T extends FieldValues>({ control, name, label, description, error, withAsterisk, maxDate, minDate }: DateFieldProps<T>) {
  const {
    field: { ref, name: fieldName, value, onChange, onBlur },
  } = useController({ control, name });
  const stored = typeof value === 'string' ? value : '';
  // What was last typed: a real day is rewritten as dd.mm.yyyy on leaving the field, anything else stays to be corrected.
  const [typed, setTyped] = useState('');
  // The picker opens when asked (a click, Alt+↓ or ↓), not on every focus: a Tab through the form or
  // a refusal that brings the keyboard here must leave the message under the field in sight.
  const [isPickerOpen, setPickerOpen] = useState(false);
  return (
    <DateInput
      ref={ref}
      name={fieldName}
      label={label}
      description={description}
      error={error}
      withAsterisk={withAsterisk}
      value={ISO_DAY.test(stored) ? stored : null}
      valueFormat={DAY_FORMAT}
      placeholder="dd.mm.yyyy"
      dateParser={parseDayText}
      fixOnBlur={parseDayText(typed) !== null}
      maxDate={maxDate}
      minDate={minDate}
      defaultLevel="month"
      onChange={(day) => {
        setPickerOpen(false);
        onChange(day ?? '');
      }}
      onClick={() => setPickerOpen(true)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown') setPickerOpen(true);
        if (event.key === 'Escape' || event.key === 'Tab' || event.key === 'Enter') setPickerOpen(false);
      }}
      onInput={(event) => {
        const text = event.currentTarget.value;
        setTyped(text);
        onChange(parseDayText(text) ?? text.trim());
      }}
      onBlur={() => {
        setPickerOpen(false);
        onBlur();
      }}
      inputMode="numeric"
      autoComplete="off"
      popoverProps={{ withinPortal: true, opened: isPickerOpen }}
    />
  );
}
