import { centerKeyResponseSchema, cursorSchema, enrollResponseSchema, helloSchema, refusalSchema, type CenterKeyResponse, type Cursor, type EnrollRequest, type EnrollResponse, type Hello } from './protocol/hello';
import type { PublishedKey } from './protocol/keys';

/**
 * The center's side of the registry's HTTP protocol: one function per endpoint, each returning
 * what happened in the terms the uploader acts on. Nothing is trusted for its status code alone:
 * a 200 whose body is not the expected JSON (a captive portal's page) is a failure.
 */

/** What a contact can end in, besides a good answer. */
export type ContactFailure =
  /** Try again later (network error, timeout, 413/429/5xx, an answer that is not the registry's). */
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  /** The registry refused for good (422): do not retry this batch; the manager must look. */
  | { readonly kind: 'refused'; readonly reason: string };

export type PutOutcome =
  | { readonly kind: 'receipt'; readonly body: unknown; readonly serverDate: Date | null }
  | { readonly kind: 'held'; readonly cursor: Cursor | null }
  | { readonly kind: 'conflict'; readonly reason: 'batchIdConflict' | 'seqConflict' | string; readonly cursor: Cursor | null }
  | ContactFailure;

export interface RegistryClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** For tests: another fetch. */
  readonly fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * One request; a GET or PUT (both idempotent here) that fails at the network level is tried once
 * more at once: a kept-alive connection the server closed while the center was sealing fails the
 * first write on it, and that is not worth a backoff.
 */
async function request(options: RegistryClientOptions, method: string, path: string, body?: Buffer | string): Promise<{ status: number; json: unknown; headers: Headers } | ContactFailure> {
  const first = await requestOnce(options, method, path, body);
  if (method !== 'POST' && 'kind' in first && first.reason === 'network') return requestOnce(options, method, path, body);
  return first;
}

async function requestOnce(options: RegistryClientOptions, method: string, path: string, body?: Buffer | string): Promise<{ status: number; json: unknown; headers: Headers } | ContactFailure> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const doFetch = options.fetch ?? fetch;
    const response = await doFetch(new URL(path, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`), {
      method,
      headers: { 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream', accept: 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
      signal: controller.signal,
      redirect: 'error',
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    let json: unknown = null;
    if (isJson) {
      try {
        json = JSON.parse(text);
      } catch {
        return { kind: 'retry', reason: 'notRegistryAnswer' };
      }
    } else if (response.status < 300) {
      return { kind: 'retry', reason: 'notRegistryAnswer' };
    }
    if (response.status === 413 || response.status === 429 || response.status >= 500) {
      const after = retryAfterMs(response.headers.get('retry-after'), Date.now());
      return { kind: 'retry', reason: `http${response.status}`, ...(after === undefined ? {} : { retryAfterMs: after }) };
    }
    return { status: response.status, json, headers: response.headers };
  } catch (error) {
    void error;
    return { kind: 'retry', reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}

function isFailure(value: unknown): value is ContactFailure {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** `GET /v1/hello`. */
export async function fetchHello(options: RegistryClientOptions): Promise<{ readonly hello: Hello } | ContactFailure> {
  const answer = await request(options, 'GET', 'v1/hello');
  if (isFailure(answer)) return answer;
  const parsed = helloSchema.safeParse(answer.json);
  if (answer.status !== 200 || !parsed.success) return { kind: 'retry', reason: 'notRegistryAnswer' };
  return { hello: parsed.data };
}

/** `POST /v1/centers/enroll`. */
export async function postEnroll(options: RegistryClientOptions, body: EnrollRequest): Promise<{ readonly response: EnrollResponse } | ContactFailure> {
  const answer = await request(options, 'POST', 'v1/centers/enroll', JSON.stringify(body));
  if (isFailure(answer)) return answer;
  if (answer.status === 422) return { kind: 'refused', reason: refusalSchema.safeParse(answer.json).data?.error ?? 'refused' };
  const parsed = enrollResponseSchema.safeParse(answer.json);
  if (answer.status !== 201 || !parsed.success) return { kind: 'retry', reason: 'notRegistryAnswer' };
  return { response: parsed.data };
}

/** `POST /v1/centers/{center}/keys`: a new signing key endorsed by a registered one (or a registered one again). */
export async function postCenterKey(options: RegistryClientOptions, centerId: string, key: PublishedKey): Promise<{ readonly response: CenterKeyResponse } | ContactFailure> {
  const answer = await request(options, 'POST', `v1/centers/${encodeURIComponent(centerId)}/keys`, JSON.stringify(key));
  if (isFailure(answer)) return answer;
  if (answer.status === 422 || answer.status === 400 || answer.status === 404) return { kind: 'refused', reason: refusalSchema.safeParse(answer.json).data?.error ?? 'refused' };
  const parsed = centerKeyResponseSchema.safeParse(answer.json);
  if (answer.status !== 201 || !parsed.success || parsed.data.kid !== key.kid) return { kind: 'retry', reason: 'notRegistryAnswer' };
  return { response: parsed.data };
}

/** `PUT /v1/centers/{center}/batches/{batch}` with the stored envelope bytes. */
export async function putBatch(options: RegistryClientOptions, centerId: string, batchId: string, envelope: Buffer): Promise<PutOutcome> {
  const answer = await request(options, 'PUT', `v1/centers/${encodeURIComponent(centerId)}/batches/${encodeURIComponent(batchId)}`, envelope);
  if (isFailure(answer)) return answer;
  const refusal = refusalSchema.safeParse(answer.json).data;
  if (answer.status === 200 || answer.status === 201) {
    const dateHeader = answer.headers.get('date');
    return { kind: 'receipt', body: answer.json, serverDate: dateHeader ? new Date(dateHeader) : null };
  }
  if (answer.status === 202) return { kind: 'held', cursor: refusal?.cursor ?? null };
  if (answer.status === 409) return { kind: 'conflict', reason: refusal?.error ?? 'conflict', cursor: refusal?.cursor ?? null };
  if (answer.status === 422) return { kind: 'refused', reason: refusal?.error ?? 'refused' };
  return { kind: 'retry', reason: `http${answer.status}` };
}

/** `GET /v1/centers/{center}/cursor`. */
export async function fetchCursor(options: RegistryClientOptions, centerId: string): Promise<{ readonly cursor: Cursor } | ContactFailure> {
  const answer = await request(options, 'GET', `v1/centers/${encodeURIComponent(centerId)}/cursor`);
  if (isFailure(answer)) return answer;
  const parsed = cursorSchema.safeParse(answer.json);
  if (answer.status !== 200 || !parsed.success) return { kind: 'retry', reason: 'notRegistryAnswer' };
  return { cursor: parsed.data };
}
