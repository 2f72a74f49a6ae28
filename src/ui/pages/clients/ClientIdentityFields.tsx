import { Checkbox, Group, NativeSelect, Radio, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES, SEXES, type RegisterClientInput } from '../../../core/clients/clients.schema';
import { clientFieldError, type ClientFormValues } from './client-form';
import { todayLocal } from './client-format';

export type ClientForm = UseFormReturn<ClientFormValues, unknown, RegisterClientInput>;

/** Names (in any script), birth date or estimated year, sex, PINFL, identity document, phone. */
export function ClientIdentityFields({ form }: { readonly form: ClientForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const isEstimated = form.watch('isBirthYearEstimated');
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('clients:field.lastName')} withAsterisk {...form.register('lastName')} error={clientFieldError(t, errors.lastName)} autoComplete="off" />
        <TextInput label={t('clients:field.firstName')} withAsterisk {...form.register('firstName')} error={clientFieldError(t, errors.firstName)} autoComplete="off" />
        <TextInput label={t('clients:field.patronymic')} {...form.register('patronymic')} error={clientFieldError(t, errors.patronymic)} autoComplete="off" />
      </SimpleGrid>
      <Group align="flex-start" grow>
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
          <TextInput
            type="date"
            label={t('clients:field.birthDate')}
            withAsterisk
            max={todayLocal()}
            {...form.register('birthDate')}
            error={clientFieldError(t, errors.birthDate)}
          />
        )}
        <Checkbox mt={32} label={t('clients:field.isBirthYearEstimated')} {...form.register('isBirthYearEstimated')} />
      </Group>
      <Radio.Group label={t('clients:field.sex')} withAsterisk error={clientFieldError(t, errors.sex)}>
        <Group mt={4}>
          {SEXES.map((sex) => (
            <Radio key={sex} value={sex} label={t(`clients:sex.${sex}`)} {...form.register('sex')} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('clients:field.pinfl')}
          description={t('clients:field.pinflHint')}
          inputMode="numeric"
          {...form.register('pinfl')}
          error={clientFieldError(t, errors.pinfl)}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <TextInput
          label={t('clients:field.phone')}
          description={t('clients:field.phoneHint')}
          type="tel"
          {...form.register('phone')}
          error={clientFieldError(t, errors.phone)}
          autoComplete="off"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('clients:field.documentType')}
          {...form.register('identityDocument.type')}
          error={clientFieldError(t, errors.identityDocument?.type)}
          data={[{ value: '', label: t('clients:field.noDocument') }, ...DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`clients:document.${type}`) }))]}
        />
        <TextInput
          label={t('clients:field.documentNumber')}
          {...form.register('identityDocument.number')}
          error={clientFieldError(t, errors.identityDocument?.number)}
          autoComplete="off"
         
        />
      </SimpleGrid>
    </>
  );
}
