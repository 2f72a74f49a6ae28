import { Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CLIENT_LANGUAGES, DISABILITY_GROUPS, TICKED_CATEGORIES } from '../../../core/clients/clients.schema';
import { DEFAULT_OLDER_PERSON_AGE_YEARS } from '../../../core/center/center.schema';
import { useApiQuery } from '../../api/api';
import { clientFieldError } from './client-form';
import type { ClientForm } from './ClientIdentityFields';

/** Categories (with the disability group), languages spoken, and non-confidential remarks. */
export function ClientCategoryFields({ form }: { readonly form: ClientForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const categories = form.watch('categories');
  const hasDisability = categories.includes('personWithDisability');
  const center = useApiQuery('center.get', {});
  const olderAge = center.data?.settings.olderPersonAgeYears ?? DEFAULT_OLDER_PERSON_AGE_YEARS;
  return (
    <>
      <Stack gap={4} role="group" aria-labelledby="client-categories">
        <Text size="sm" fw={500} id="client-categories">
          {t('clients:field.categories')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('clients:field.categoriesHint', { olderAge })}
        </Text>
        <Group>
          {TICKED_CATEGORIES.map((category) => (
            <Checkbox key={category} value={category} label={t(`clients:category.${category}`)} {...form.register('categories')} />
          ))}
        </Group>
      </Stack>
      {hasDisability && (
        <NativeSelect
          label={t('clients:field.disabilityGroup')}
          withAsterisk
          maw={320}
          {...form.register('disabilityGroup')}
          error={clientFieldError(t, errors.disabilityGroup)}
          data={[{ value: '', label: t('clients:field.choose') }, ...DISABILITY_GROUPS.map((group) => ({ value: group, label: t(`clients:disabilityGroup.${group}`) }))]}
        />
      )}
      <Stack gap={4} role="group" aria-labelledby="client-languages">
        <Text size="sm" fw={500} id="client-languages">
          {t('clients:field.languages')}
        </Text>
        <Group>
          {CLIENT_LANGUAGES.map((language) => (
            <Checkbox key={language} value={language} label={t(`clients:language.${language}`)} {...form.register('languages')} />
          ))}
        </Group>
      </Stack>
      <Textarea
        label={t('clients:field.remarks')}
        description={t('clients:field.remarksHint')}
        autosize
        minRows={2}
       
        {...form.register('remarks')}
        error={clientFieldError(t, errors.remarks)}
      />
    </>
  );
}
