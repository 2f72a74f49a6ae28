import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientSearchItemView, ClientView } from '../../../core/clients/clients.policy';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClientSearchResults } from './ClientSearchResults';
import { fullName } from './client-format';

/**
 * For administrators: merge a duplicate record into this one (its services, consents and cases
 * move here), with an undo while the merge has not been uploaded.
 */
export function MergePanel({ client }: { readonly client: ClientView }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [chosen, setChosen] = useState<ClientSearchItemView | null>(null);
  const [mergeId, setMergeId] = useState<string | null>(null);
  const search = useApiQuery('clients.search', { query: debounced }, { enabled: isOpen && debounced.length >= 2 });
  const candidates = (search.data?.items ?? []).filter((item) => item.id !== client.id);
  const merge = useApiMutation('clients.merge', {
    onSuccess: (result) => {
      setChosen(null);
      setQuery('');
      setMergeId(result.mergeId);
    },
  });
  const unmerge = useApiMutation('clients.unmerge', {
    onSuccess: () => {
      setMergeId(null);
    },
  });

  if (!isOpen && mergeId === null) {
    return (
      <Button variant="subtle" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
        {t('clients:merge.open')}
      </Button>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="merge-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="merge-title">
          {t('clients:merge.title')}
        </Title>
        {mergeId !== null ? (
          <Alert color="teal" title={t('clients:merge.done')}>
            <Button variant="white" loading={unmerge.isPending} onClick={() => unmerge.mutate({ mergeId })}>
              {t('clients:merge.undo')}
            </Button>
          </Alert>
        ) : (
          <>
            <Text size="sm">{t('clients:merge.intro', { name: fullName(client) })}</Text>
            <TextInput type="search" label={t('clients:merge.search')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} autoComplete="off" />
            {candidates.length > 0 && <ClientSearchResults items={candidates} onOpen={(id) => setChosen(candidates.find((item) => item.id === id) ?? null)} onLeaveTop={() => undefined} />}
          </>
        )}
        <ErrorAlert error={merge.error ?? unmerge.error} />
      </Stack>
      {chosen !== null && (
        <ConfirmDialog
          title={t('clients:merge.confirmTitle')}
          message={t('clients:merge.confirmMessage', { merged: fullName(chosen), survivor: fullName(client) })}
          confirmLabel={t('clients:merge.confirm')}
          isPending={merge.isPending}
          onConfirm={() => merge.mutate({ survivorId: client.id, mergedId: chosen.id })}
          onCancel={() => setChosen(null)}
        />
      )}
    </Paper>
  );
}
