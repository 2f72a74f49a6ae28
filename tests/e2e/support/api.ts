import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';

/**
 * Calls the harness's API directly as its own page would (token, own Origin, a connection id of
 * its own): for arranging data a test is not about, e.g. a center set up before a UI test.
 */
export async function callApi(harness: Harness, method: string, input: unknown, connectionId = `e2e-${randomUUID()}`): Promise<unknown> {
  const response = await fetch(`${harness.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inson-token': harness.token, 'x-inson-connection': connectionId, origin: harness.origin },
    body: JSON.stringify(input),
  });
  const outcome = (await response.json()) as { ok: boolean; result?: unknown; error?: unknown };
  if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}
