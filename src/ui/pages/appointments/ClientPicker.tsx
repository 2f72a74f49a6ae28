import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { useReaderNames } from '../../components/reader-names';

export interface PickedClient {
  readonly id: string;
  readonly name: string;
}

/**
 * Finds the client to book by what the desk or the psychologist types (name, phone, PINFL),
 * through the same search as the client search page; the list shows the core's best matches.
 */
export function ClientPicker({
  value,
  onChange,
  error,
  inputRef,
}: {
  readonly value: PickedClient | null;
  readonly onChange: (client: PickedClient | null) => void;
  readonly error?: string | undefined;
  readonly inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const [search, setSearch] = useState(value?.name ?? '');
  const [query] = useDebouncedValue(search.trim(), 250);
  const isSearching = query.length >= 2 && query !== value?.name;
  const found = useApiQuery('clients.search', { query, limit: 10 }, { enabled: isSearching });
  const options = (found.data?.items ?? []).map((item) => ({ value: item.id, label: names.fullName(item) }));
  const data = value !== null && !options.some((option) => option.value === value.id) ? [{ value: value.id, label: value.name }, ...options] : options;
  return (
    <Select
      ref={inputRef}
      label={t('appointments:client')}
      placeholder={t('appointments:clientSearch')}
      searchable
      withAsterisk
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      // The core has already ranked and filtered; the list shows its answer as it is.
      filter={({ options: all }) => all}
      nothingFoundMessage={isSearching && found.isSuccess ? t('appointments:clientNone') : undefined}
      onChange={(id, option) => onChange(id === null ? null : { id, name: option?.label ?? id })}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
