import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/api/errors';
import type { Transport } from '../../core/client';
import { createUiApi, refreshChanged } from './api';

function cachedQueries(): QueryClient {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['clients.get', { id: 'c1' }], { id: 'c1' });
  queryClient.setQueryData(['clients.search', { query: 'x' }], { items: [] });
  queryClient.setQueryData(['cases.listForClient', { clientId: 'c1' }], { items: [] });
  queryClient.setQueryData(['casesArchive.list'], { items: [] });
  queryClient.setQueryData(['timeline.forClient', { clientId: 'c1' }], { events: [] });
  return queryClient;
}

const invalidated = (queryClient: QueryClient) =>
  queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => String(query.queryKey[0]))
    .sort();

describe('refreshChanged', () => {
  it('refreshes a whole domain for `domain.*` and one method for its name, nothing else', () => {
    const queryClient = cachedQueries();
    refreshChanged(queryClient, ['clients.*', 'timeline.forClient']);
    expect(invalidated(queryClient)).toEqual(['clients.get', 'clients.search', 'timeline.forClient']);
  });

  it('does not take `cases.*` for a domain that only starts with the same letters', () => {
    const queryClient = cachedQueries();
    refreshChanged(queryClient, ['cases.*']);
    expect(invalidated(queryClient)).toEqual(['cases.listForClient']);
  });
});

describe('createUiApi', () => {
  it('tells its listeners what a successful write changed, and nothing on a refusal', async () => {
    const outcomes = [
      { ok: true as const, result: { id: 'c1' }, changed: ['clients.*', 'timeline.*'] },
      { ok: false as const, error: new AppError('CONFLICT', { reason: 'version' }).toJSON() },
    ];
    const transport: Transport = { send: async () => outcomes.shift() ?? { ok: true, result: null } };
    const api = createUiApi(transport);
    const heard: (readonly string[])[] = [];
    const stop = api.onChanged((changed) => heard.push(changed));
    await api.client.invoke('system.info', {});
    await expect(api.client.invoke('system.info', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    stop();
    expect(heard).toEqual([['clients.*', 'timeline.*']]);
  });
});
