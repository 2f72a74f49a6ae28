import { useMutation, useQuery, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient, InputOf, MethodName, OutputOf, Transport } from '../../core/api/client';
import { appErrorFromJson, type AppError } from '../../core/api/errors';

/** What screens use to reach the core: the typed client, plus an untyped door for diagnostics. */
export interface UiApi {
  readonly client: ApiClient;
  /** Any method name and input, as typed by a person on the diagnostics page. */
  invokeRaw(method: string, input: unknown): Promise<unknown>;
}

/**
 * @example const api = createUiApi(createRendererTransport(window), createApiClient(transport));
 */
export function createUiApi(transport: Transport, client: ApiClient): UiApi {
  return {
    client,
    async invokeRaw(method, input) {
      const outcome = await transport.send(method, input);
      if (!outcome.ok) throw appErrorFromJson(outcome.error);
      return outcome.result;
    },
  };
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

/** The query key of one method call; invalidate by `[method]` to refresh every call of it. */
export function apiQueryKey<M extends MethodName>(method: M, input?: InputOf<M>): readonly unknown[] {
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
 * Writes through the API; the caller decides what to invalidate on success.
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
