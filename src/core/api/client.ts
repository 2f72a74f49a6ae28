import type { z } from 'zod';
import { appErrorFromJson, type AppErrorJson } from './errors';
import type { ApiMethods, MethodName } from './methods';

export type { MethodName } from './methods';
export type InputOf<M extends MethodName> = z.input<ApiMethods[M]['input']>;
export type OutputOf<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]['handler']>>;

/** Whatever carries one call to the core and brings back its outcome. */
export interface Transport {
  send(method: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: AppErrorJson }>;
}

export interface ApiClient {
  /**
   * Calls one method; resolves with its result or rejects with an `AppError`.
   *
   * @example const info = await api.invoke('system.info', {});
   */
  invoke<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async invoke(method, input) {
      const outcome = await transport.send(method, input);
      if (!outcome.ok) throw appErrorFromJson(outcome.error);
      return outcome.result as never;
    },
  };
}
