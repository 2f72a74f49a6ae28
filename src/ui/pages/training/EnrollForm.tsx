import { Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { DAY_FORMAT, parseDayText } from '../../forms/day-text';
import { birthOrAgeText } from '../clients/client-format';
import { useReaderNames } from '../../components/reader-names';

/**
 * Finds a learner with the same search as intake (any script, patronymic styles, typos) and
 * enrolls her; the core waitlists her when the cohort is full, or keeps the front desk's
 * enrollment as an application.
 */
export function EnrollForm({ cohortId, startsOn, onDone }: { readonly cohortId: string; readonly startsOn: string; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const names = useReaderNames();
  const [query, setQuery] = useState('');
  // Most learners join on the first day; a late joiner's day keeps earlier sessions from counting against her.
  const [joinedOn, setJoinedOn] = useState<string | null>(startsOn);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const results = useApiQuery('clients.search', { query: debounced, limit: 10, offset: 0 }, { enabled: debounced.length >= 2 });
  const enroll = useApiMutation('training.enroll', {
    onSuccess: (enrollment) => {
      notifyDone(t(`training:learners.enrolledAs.${enrollment.stage}`, { defaultValue: t('training:learners.enrolled') }), t('common:actions.close'));
      setQuery('');
      onDone?.();
    },
  });
  return (
    <Stack gap="sm">
      <TextInput label={t('training:learners.search')} description={t('training:learners.searchHint')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} data-autofocus autoComplete="off" />
      <DateInput
        label={t('training:learners.joinedOnField')}
        description={t('training:learners.joinedOnHint')}
        valueFormat={DAY_FORMAT}
        placeholder="dd.mm.yyyy"
        dateParser={parseDayText}
        value={joinedOn}
        onChange={(value) => setJoinedOn(value)}
      />
      <ErrorAlert error={results.error ?? enroll.error} />
      {debounced.length >= 2 && results.data?.items.length === 0 && <Text c="dimmed">{t('training:learners.noMatch')}</Text>}
      {(results.data?.items.length ?? 0) > 0 && (
        <Table aria-label={t('training:learners.results')}>
          <Table.Tbody>
            {results.data?.items.map((client) => (
              <Table.Tr key={client.id}>
                <Table.Th scope="row">{names.fullName(client)}</Table.Th>
                <Table.Td>{birthOrAgeText(t, client)}</Table.Td>
                <Table.Td>
                  <Button size="xs" loading={enroll.isPending && enroll.variables.clientId === client.id} onClick={() => enroll.mutate({ cohortId, clientId: client.id, ...(joinedOn === null ? {} : { joinedOn }) })} aria-label={t('training:learners.enrollName', { name: names.fullName(client) })}>
                    {t('training:learners.enrollAction')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
