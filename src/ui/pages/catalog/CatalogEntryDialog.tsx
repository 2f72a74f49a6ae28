import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CATALOG_LANGUAGES, localizedNamesSchema, SERVICE_CATEGORIES, type CatalogEntry } from '../../../core/services/services.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { LANGUAGE_AUTONYMS } from '../../i18n/languages';

const entryFormSchema = z.object({ category: z.enum(SERVICE_CATEGORIES), names: localizedNamesSchema });
type EntryForm = z.input<typeof entryFormSchema>;

const EMPTY_NAMES = { 'uz-Latn': '', 'uz-Cyrl': '', ru: '', en: '' } as const;

/**
 * Adds a service to the catalog (category and its name in the four languages) or renames one;
 * the category of an existing entry never changes (deliveries were counted under it). What was
 * typed stays when the core refuses it.
 */
export function CatalogEntryDialog({ entry, onDone, onCancel }: { readonly entry: CatalogEntry | null; readonly onDone: (entry: CatalogEntry) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(entryFormSchema, {
    defaultValues: entry ? { category: entry.category, names: { ...entry.names } } : { category: 'social', names: { ...EMPTY_NAMES } },
  });
  const add = useApiMutation('services.addCatalogEntry', { onSuccess: onDone, onError: (error) => applyServerIssues(form, error) });
  const rename = useApiMutation('services.updateCatalogEntry', { onSuccess: onDone, onError: (error) => applyServerIssues(form, error) });
  const { errors } = form.formState;
  const submit = (input: z.output<typeof entryFormSchema>) => {
    if (entry) rename.mutate({ code: entry.code, names: input.names });
    else add.mutate(input);
  };
  const title = entry ? t('catalog:rename.title') : t('catalog:add.title');

  return (
    <Modal opened onClose={onCancel} title={title} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <form onSubmit={form.handleSubmit(submit)} noValidate aria-label={title}>
        <Stack>
          <NativeSelect
            label={t('catalog:category')}
            disabled={entry !== null}
            {...form.register('category')}
            error={fieldError(t, errors.category)}
            data={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`catalog:categories.${category}`) }))}
            data-autofocus={entry === null ? true : undefined}
          />
          {CATALOG_LANGUAGES.map((language, index) => (
            <TextInput
              key={language}
              label={t('catalog:nameIn', { language: LANGUAGE_AUTONYMS[language] })}
              lang={language}
              autoComplete="off"
              {...form.register(`names.${language}` satisfies `names.${keyof EntryForm['names']}`)}
              error={fieldError(t, errors.names?.[language])}
              data-autofocus={entry !== null && index === 0 ? true : undefined}
            />
          ))}
          <ErrorAlert error={add.error ?? rename.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending || rename.isPending}>
              {entry ? t('catalog:rename.submit') : t('catalog:add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
