import { Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CLIENT_LIMITS } from '../../../core/clients/clients.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { ClientSearchPager } from './ClientSearchPager';
import { ClientSearchResults } from './ClientSearchResults';
import { OverduePlanItems } from './OverduePlanItems';

/** Shorter queries match too much to be useful (and every keystroke would search). */
const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 200;
const PAGE_SIZE = 20;

/**
 * The receptionist's home: one search box that finds a client in any script, by PINFL, phone or
 * date of birth, with results while typing, how many there are and pages of 20; "register new
 * client"; the case worker's overdue list.
 */
export function ClientSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // The page belongs to the query it was chosen for: a new query starts again at the first page.
  const [page, setPage] = useState({ query: '', offset: 0 });
  const offset = page.query === debounced ? page.offset : 0;
  const isSearching = debounced.length >= MIN_QUERY_LENGTH;
  const search = useApiQuery(
    'clients.search',
    { query: debounced, offset, limit: PAGE_SIZE },
    { enabled: isSearching, placeholderData: keepPreviousData },
  );
  const items = isSearching ? (search.data?.items ?? []) : [];
  const total = isSearching ? (search.data?.total ?? 0) : 0;
  const open = (id: string) => void navigate(`/clients/${encodeURIComponent(id)}`);

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      listRef.current?.querySelector<HTMLButtonElement>('button[data-result]')?.focus();
    } else if (event.key === 'Enter') {
      // Enter in the box opens the best match: the usual case is one obvious hit.
      event.preventDefault();
      const best = items[0];
      if (best) open(best.id);
    }
  }

  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('clients:search.title')}</Title>
        {session.can('clients.write') && (
          <Button onClick={() => void navigate('/clients/new', { state: { query } })}>{t('clients:search.register')}</Button>
        )}
      </Group>
      <TextInput
        ref={inputRef}
        type="search"
        label={t('clients:search.label')}
        description={t('clients:search.hint')}
        value={query}
        maxLength={CLIENT_LIMITS.searchQuery}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onSearchKeyDown}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        rightSection={search.isFetching && isSearching ? <Loader size="xs" aria-label={t('common:loading')} /> : null}
      />
      <ErrorAlert error={search.error} />
      {isSearching && search.isSuccess && items.length === 0 && !search.isPlaceholderData && (
        <Text c="dimmed" role="status">
          {t('clients:search.none')}
        </Text>
      )}
      {items.length > 0 && (
        <>
          <ClientSearchResults items={items} total={total} offset={offset} onOpen={open} listRef={listRef} onLeaveTop={() => inputRef.current?.focus()} />
          <ClientSearchPager total={total} offset={offset} pageSize={PAGE_SIZE} onOffset={(next) => setPage({ query: debounced, offset: next })} />
        </>
      )}
      {session.can('cases.read') && <OverduePlanItems />}
    </Stack>
  );
}
