import { Group, NativeSelect, Radio, SimpleGrid, TextInput } from '@mantine/core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES, SEXES, type RegisterClientInput } from '../../../core/clients/clients.schema';
import { clientFieldError, type ClientFormValues } from './client-form';
import { BirthFields } from './BirthFields';

export type ClientForm = UseFormReturn<ClientFormValues, unknown, RegisterClientInput>;

/** Names (in any script), birth date or estimated year, sex, PINFL, identity document, phone. */
export function ClientIdentityFields({ form }: { readonly form: ClientForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('clients:field.lastName')} withAsterisk autoFocus {...form.register('lastName')} error={clientFieldError(t, errors.lastName)} autoComplete="off" />
        <TextInput label={t('clients:field.firstName')} withAsterisk {...form.register('firstName')} error={clientFieldError(t, errors.firstName)} autoComplete="off" />
        <TextInput label={t('clients:field.patronymic')} {...form.register('patronymic')} error={clientFieldError(t, errors.patronymic)} autoComplete="off" />
      </SimpleGrid>
      <BirthFields form={form} />
      <Controller
        control={form.control}
        name="sex"
        render={({ field }) => (
          <Radio.Group label={t('clients:field.sex')} withAsterisk error={clientFieldError(t, errors.sex)} name={field.name} value={field.value} onChange={field.onChange}>
            <Group mt={4}>
              {SEXES.map((sex) => (
                <Radio key={sex} value={sex} label={t(`clients:sex.${sex}`)} ref={sex === SEXES[0] ? field.ref : undefined} onBlur={field.onBlur} />
              ))}
            </Group>
          </Radio.Group>
        )}
      />
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
