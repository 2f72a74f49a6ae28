import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/api';
import { useReaderNames } from '../../components/reader-names';

function ChosenClient({ id, onRemove }: { readonly id: string; readonly onRemove: () => void }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const client = useApiQuery('clients.get', { id });
  const name = client.data ? names.fullName(client.data) : t('common:loading');
  return (
    <Group gap="xs">
      <Text size="sm">{name}</Text>
      <Button size="compact-xs" variant="subtle" onClick={onRemove} aria-label={t('counselingSessions:others.remove', { name })}>
        {t('counselingSessions:others.removeShort')}
      </Button>
    </Group>
  );
}

/**
 * The other clients of a family or group session, found by name, PINFL or phone. Each client's
 * record shows the session, and only that client of it to a psychologist assigned to that client.
 */
export function OtherClientsField({ clientId, value, onChange }: { readonly clientId: string; readonly value: readonly string[]; readonly onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const search = useApiQuery('clients.search', { query: debounced, limit: 5 }, { enabled: debounced.length >= 2 });
  const found = (search.data?.items ?? []).filter((item) => item.id !== clientId && !value.includes(item.id));
  return (
    <Stack gap={4} role="group" aria-labelledby="other-clients-title">
      <Text size="sm" fw={500} id="other-clients-title">
        {t('counselingSessions:others.title')}
      </Text>
      {value.map((id) => (
        <ChosenClient key={id} id={id} onRemove={() => onChange(value.filter((other) => other !== id))} />
      ))}
      <TextInput label={t('counselingSessions:others.search')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} autoComplete="off" size="sm" />
      {found.map((item) => (
        <Group key={item.id} gap="xs">
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              onChange([...value, item.id]);
              setQuery('');
            }}
          >
            {t('counselingSessions:others.add', { name: names.fullName(item) })}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
