import type { z } from 'zod';
import { appErrorFromJson } from './api/errors';
import type { CallOutcome } from './api/router';
import type { ApiMethods, MethodName } from './app';

export type { MethodName } from './app';
export type InputOf<M extends MethodName> = z.input<ApiMethods[M]['input']>;
export type OutputOf<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]['handler']>>;

/** Whatever carries one call to the core and brings back its outcome. */
export interface Transport {
  send(method: string, input: unknown): Promise<CallOutcome>;
}

export interface ApiClient {
  /**
   * Calls one method; resolves with its result or rejects with an `AppError`.
   *
   * @example const info = await api.invoke('system.info', {});
   */
  invoke<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

export interface ApiClientOptions {
  /** Told what a successful write changed (`clients.get`, `timeline.*`), so caches can refresh. */
  readonly onChanged?: (changed: readonly string[]) => void;
}

/**
 * The typed client over any transport.
 *
 * @example const api = createApiClient(transport, { onChanged: (changed) => refresh(changed) });
 */
export function createApiClient(transport: Transport, options: ApiClientOptions = {}): ApiClient {
  return {
    async invoke(method, input) {
      const outcome = await transport.send(method, input);
      if (!outcome.ok) throw appErrorFromJson(outcome.error);
      if (outcome.changed !== undefined && outcome.changed.length > 0) options.onChanged?.(outcome.changed);
      return outcome.result as never;
    },
  };
}
