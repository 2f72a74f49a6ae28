import { randomUUID } from 'node:crypto';
import type { Harness } from './harness';

export type Outcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: { readonly code: string } };

/**
 * Calls the harness's API directly as its own page would (token, own Origin, a connection id of
 * its own), and returns the outcome as sent: for arranging data a test is not about, and for
 * checking what the core answers another client.
 */
export async function callApiOutcome(harness: Harness, method: string, input: unknown, connectionId = `e2e-${randomUUID()}`): Promise<Outcome> {
  const response = await fetch(`${harness.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inson-token': harness.token, 'x-inson-connection': connectionId, origin: harness.origin },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Outcome;
}

/** Like callApiOutcome, but the result itself; a refusal fails the test. */
export async function callApi(harness: Harness, method: string, input: unknown, connectionId?: string): Promise<unknown> {
  const outcome = await callApiOutcome(harness, method, input, connectionId);
  if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}
