import { Button, Fieldset, Group, Stack, TextInput } from '@mantine/core';
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../forms/field-error';
import type { SafetyPlanFormValues } from './safety-plan-form';

const CONTACTS_MAX = 20;

interface EmergencyContactsFieldsProps {
  readonly control: Control<SafetyPlanFormValues, unknown, unknown>;
  readonly register: UseFormRegister<SafetyPlanFormValues>;
  readonly errors: FieldErrors<SafetyPlanFormValues>;
}

/** The safety plan's emergency contacts: a name, a phone and who the person is, one row each. */
export function EmergencyContactsFields({ control, register, errors }: EmergencyContactsFieldsProps) {
  const { t } = useTranslation();
  const contacts = useFieldArray({ control, name: 'emergencyContacts' });
  return (
    <Fieldset legend={t('counseling:safetyPlanField.emergencyContacts')} variant="unstyled">
      <Stack gap="xs">
        {contacts.fields.map((contact, index) => {
          const number = index + 1;
          const rowErrors = errors.emergencyContacts?.[index];
          return (
            <Group key={contact.id} align="flex-start" gap="xs" wrap="nowrap">
              <TextInput
                label={t('clinical:safetyPlan.contactName', { number })}
                {...register(`emergencyContacts.${index}.name`)}
                error={fieldError(t, rowErrors?.name)}
                autoComplete="off"
                withAsterisk
                style={{ flex: 2 }}
              />
              <TextInput
                label={t('clinical:safetyPlan.contactPhone', { number })}
                {...register(`emergencyContacts.${index}.phone`)}
                error={fieldError(t, rowErrors?.phone)}
                autoComplete="off"
                type="tel"
                style={{ flex: 1 }}
              />
              <TextInput
                label={t('clinical:safetyPlan.contactRelation', { number })}
                {...register(`emergencyContacts.${index}.relation`)}
                error={fieldError(t, rowErrors?.relation)}
                autoComplete="off"
                style={{ flex: 1 }}
              />
              <Button variant="subtle" color="red" size="xs" mt={26} onClick={() => contacts.remove(index)}>
                {t('clinical:safetyPlan.removeContact', { number })}
              </Button>
            </Group>
          );
        })}
        <Button
          variant="light"
          size="xs"
          disabled={contacts.fields.length >= CONTACTS_MAX}
          onClick={() => contacts.append({ name: '', phone: '', relation: '' })}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('clinical:safetyPlan.addContact')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
