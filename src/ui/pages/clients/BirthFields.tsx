import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../forms/DateField';
import { yearOfDayText } from '../../forms/day-text';
import type { UseFormReturn } from 'react-hook-form';
import type { RegisterClientInput } from '../../../core/clients/clients.schema';
import { clientFieldError, type ClientFormValues } from './client-form';
import { todayLocal } from './client-format';

/**
 * The birth date (dd.mm.yyyy), or only its year. The switch between the two is a button placed
 * before the field: a Tab out of the date never lands on it, and it changes nothing unless pressed.
 * Switching to the year keeps the year of what was typed; switching back leaves the date to type.
 */
export function BirthFields({ form }: { readonly form: UseFormReturn<ClientFormValues, unknown, RegisterClientInput> }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const isEstimated = form.watch('isBirthYearEstimated');
  const toggle = () => {
    if (isEstimated) {
      form.setValue('isBirthYearEstimated', false, { shouldDirty: true });
      form.setValue('estimatedBirthYear', '', { shouldDirty: true });
      setTimeout(() => form.setFocus('birthDate'), 0);
    } else {
      const year = yearOfDayText(form.getValues('birthDate'));
      form.setValue('isBirthYearEstimated', true, { shouldDirty: true });
      form.setValue('estimatedBirthYear', year, { shouldDirty: true });
      form.setValue('birthDate', '', { shouldDirty: true });
      setTimeout(() => form.setFocus('estimatedBirthYear'), 0);
    }
    form.clearErrors(['birthDate', 'estimatedBirthYear']);
  };
  return (
    <Stack gap={0} maw={360}>
      <Group justify="flex-end">
        <Button variant="subtle" size="compact-sm" aria-pressed={isEstimated} onClick={toggle} data-testid="birth-year-only">
          {t('clients:field.isBirthYearEstimated')}
        </Button>
      </Group>
      {isEstimated ? (
        <TextInput
          label={t('clients:field.estimatedBirthYear')}
          withAsterisk
          inputMode="numeric"
          {...form.register('estimatedBirthYear')}
          error={clientFieldError(t, errors.estimatedBirthYear)}
          autoComplete="off"
        />
      ) : (
        <DateField control={form.control} name="birthDate" label={t('clients:field.birthDate')} withAsterisk maxDate={todayLocal()} error={clientFieldError(t, errors.birthDate)} />
      )}
    </Stack>
  );
}
