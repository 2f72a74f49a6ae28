import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '../../../src/core/client';
import { createHttpTransport } from '../../../src/ui/api/transport';
import type { Harness } from './harness';

/**
 * A typed API client over the harness's real HTTP API, on a connection of its own (as another
 * page would be): the page's own transport (`createHttpTransport`), the per-run token, real fetch
 * over loopback. For arranging data a test is not about, and for checking what the core answers
 * another client. Inputs and results are type-checked; a refusal rejects with the AppError.
 *
 * Tests that deliberately send what no client would (a forged header, a wrong token) use raw
 * HTTP of their own instead (`transport-security.e2e.ts`).
 *
 * @example
 * const desk = apiClient(harness);
 * await desk.invoke('auth.signIn', { username, password });
 */
export function apiClient(harness: Harness, connectionId = `e2e-${randomUUID()}`): ApiClient {
  return createApiClient(createHttpTransport(harness.token, connectionId, harness.origin, fetch));
}
