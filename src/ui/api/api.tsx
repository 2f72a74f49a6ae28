import { useMutation, useQuery, type QueryClient, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { createApiClient, type ApiClient, type InputOf, type MethodName, type OutputOf, type Transport } from '../../core/client';
import { appErrorFromJson, type AppError } from '../../core/api/errors';

/** What screens use to reach the core: the typed client, plus an untyped door for diagnostics. */
export interface UiApi {
  readonly client: ApiClient;
  /** Any method name and input, as typed by a person on the diagnostics page. */
  invokeRaw(method: string, input: unknown): Promise<unknown>;
  /** Listens for what successful writes changed (as the core says); returns the unsubscribe. */
  onChanged(listener: (changed: readonly string[]) => void): () => void;
}

/**
 * @example const api = createUiApi(createRendererTransport(window));
 */
export function createUiApi(transport: Transport): UiApi {
  const listeners = new Set<(changed: readonly string[]) => void>();
  const announce = (changed: readonly string[]) => {
    for (const listener of listeners) listener(changed);
  };
  return {
    client: createApiClient(transport, { onChanged: announce }),
    async invokeRaw(method, input) {
      const outcome = await transport.send(method, input);
      if (!outcome.ok) throw appErrorFromJson(outcome.error);
      if (outcome.changed !== undefined) announce(outcome.changed);
      return outcome.result;
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Refreshes the queries a write changed: a method name (`clients.get`) refreshes every call of
 * it, `domain.*` every call of that domain's methods. Screens never invalidate by hand.
 *
 * @example api.onChanged((changed) => refreshChanged(queryClient, changed));
 */
export function refreshChanged(queryClient: QueryClient, changed: readonly string[]): void {
  for (const entry of changed) {
    if (entry.endsWith('.*')) {
      const prefix = entry.slice(0, -1);
      void queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith(prefix) });
    } else {
      void queryClient.invalidateQueries({ queryKey: [entry] });
    }
  }
}

const ApiContext = createContext<UiApi | null>(null);

export function ApiProvider({ api, children }: { readonly api: UiApi; readonly children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useUiApi(): UiApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useUiApi outside ApiProvider');
  return api;
}

export function useApi(): ApiClient {
  return useUiApi().client;
}

/** The query key of one method call: the method's name first, so `refreshChanged` finds it. */
export type ApiQueryKey<M extends MethodName> = readonly [M] | readonly [M, InputOf<M>];

/** The query key of one method call. */
export function apiQueryKey<M extends MethodName>(method: M, input?: InputOf<M>): ApiQueryKey<M> {
  return input === undefined ? [method] : [method, input];
}

/**
 * Reads through the API with TanStack Query; errors arrive as `AppError`.
 *
 * @example const info = useApiQuery('system.info', {});
 */
export function useApiQuery<M extends MethodName>(
  method: M,
  input: InputOf<M>,
  options?: Omit<UseQueryOptions<OutputOf<M>, AppError>, 'queryKey' | 'queryFn'>,
) {
  const api = useApi();
  return useQuery<OutputOf<M>, AppError>({
    queryKey: apiQueryKey(method, input),
    queryFn: () => api.invoke(method, input),
    ...options,
  });
}

/**
 * Writes through the API; what the write changed is refreshed from the core's answer.
 *
 * @example const add = useApiMutation('staff.add'); add.mutate({ displayName, username, role });
 */
export function useApiMutation<M extends MethodName>(
  method: M,
  options?: Omit<UseMutationOptions<OutputOf<M>, AppError, InputOf<M>>, 'mutationFn'>,
) {
  const api = useApi();
  return useMutation<OutputOf<M>, AppError, InputOf<M>>({
    mutationFn: (input) => api.invoke(method, input),
    ...options,
  });
}
