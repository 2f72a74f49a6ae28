import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
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
 * move here), with an undo while the merge has not been uploaded. Opened on demand in a drawer.
 */
export function MergePanel({ client, onMerged }: { readonly client: ClientView; readonly onMerged: (mergeId: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [chosen, setChosen] = useState<ClientSearchItemView | null>(null);
  const search = useApiQuery('clients.search', { query: debounced }, { enabled: debounced.length >= 2 });
  const candidates = (search.data?.items ?? []).filter((item) => item.id !== client.id);
  const merge = useApiMutation('clients.merge', {
    onSuccess: (result) => {
      setChosen(null);
      setQuery('');
      onMerged(result.mergeId);
    },
  });

  return (
    <Stack gap="sm">
      <Text size="sm">{t('clients:merge.intro', { name: fullName(client) })}</Text>
      <TextInput type="search" label={t('clients:merge.search')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} autoComplete="off" />
      {candidates.length > 0 && <ClientSearchResults items={candidates} onOpen={(id) => setChosen(candidates.find((item) => item.id === id) ?? null)} onLeaveTop={() => undefined} />}
      <ErrorAlert error={merge.error} />
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
    </Stack>
  );
}

/** Said on the client page once a merge is done, with its undo (while the merge has not been uploaded). */
export function MergeDoneAlert({ mergeId, onUndone }: { readonly mergeId: string; readonly onUndone: () => void }) {
  const { t } = useTranslation();
  const unmerge = useApiMutation('clients.unmerge', { onSuccess: () => onUndone() });
  return (
    <Alert color="teal" title={t('clients:merge.done')}>
      <Button variant="white" loading={unmerge.isPending} onClick={() => unmerge.mutate({ mergeId })}>
        {t('clients:merge.undo')}
      </Button>
      <ErrorAlert error={unmerge.error} />
    </Alert>
  );
}
