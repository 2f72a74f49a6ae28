import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportMapping } from '../../../core/clients/clients-import.schema';

/** One drop-down per field: which of the file's columns it is read from. */
export function ImportMappingTable({ headers, mapping, onChange, disabled }: {
  readonly headers: readonly string[];
  readonly mapping: ImportMapping;
  readonly onChange: (mapping: ImportMapping) => void;
  readonly disabled: boolean;
}) {
  const { t } = useTranslation('clientImport');
  const options = [
    { value: '', label: t('notMapped') },
    ...headers.map((header, index) => ({ value: String(index), label: header === '' ? t('column', { n: index + 1 }) : header })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {IMPORT_FIELDS.map((field) => (
        <NativeSelect
          key={field}
          label={t(`fields.${field}`)}
          data={options}
          disabled={disabled}
          value={mapping[field] === undefined ? '' : String(mapping[field])}
          onChange={(event) => {
            const value = event.currentTarget.value;
            const others = Object.entries(mapping).filter(([key]) => key !== field);
            onChange(Object.fromEntries(value === '' ? others : [...others, [field, Number(value)]]) as ImportMapping);
          }}
        />
      ))}
    </SimpleGrid>
  );
}
