import type { InsonBridge } from '../../core/api/bridge';
import type { Transport } from '../../core/client';
import type { AppErrorJson } from '../../core/api/errors';

declare global {
  interface Window {
    /** Present only inside the Electron window (the preload's one object). */
    readonly inson?: InsonBridge;
  }
}

type Outcome = Awaited<ReturnType<Transport['send']>>;

const TOKEN_HEADER = 'x-inson-token';
const CONNECTION_HEADER = 'x-inson-connection';

function failure(code: AppErrorJson['code'], details?: Record<string, unknown>): Outcome {
  const error: AppErrorJson = details ? { code, messageKey: `errors.${code}`, details } : { code, messageKey: `errors.${code}` };
  return { ok: false, error };
}

function isOutcome(value: unknown): value is Outcome {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.ok === true ? 'result' in record : record.ok === false && typeof record.error === 'object';
}

/**
 * Reads the per-run token from `#token=…`. It stays in this closure only: never in storage or
 * cookies, so nothing on disk can replay it after the harness stops.
 *
 * @example readTokenFromHash('#token=abc') // 'abc'
 */
export function readTokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/**
 * The browser harness's transport: `POST /api/<method>` with the token and this page's
 * connection id. Network failures and non-JSON answers become typed errors too. `baseUrl` is
 * empty in the page (same origin) and the harness's origin in tests.
 */
export function createHttpTransport(token: string, connectionId: string, baseUrl = '', fetchImpl: typeof fetch = fetch): Transport {
  return {
    async send(method, input) {
      let response: Response;
      try {
        response = await fetchImpl(`${baseUrl}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, [CONNECTION_HEADER]: connectionId },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return failure('INTERNAL', { reason: 'network' });
      }
      try {
        const body: unknown = await response.json();
        return isOutcome(body) ? body : failure('INTERNAL', { reason: 'response' });
      } catch {
        return failure('INTERNAL', { reason: 'response' });
      }
    },
  };
}

/** The Electron transport: the preload's bridge, which main forwards to the core process. */
export function createBridgeTransport(bridge: InsonBridge): Transport {
  return { send: (method, input) => bridge.invoke(method, input) };
}

/**
 * Picks the bridge when the page runs inside the desktop app, HTTP otherwise. The connection id
 * is new on every page load, so a reload starts signed out.
 */
export function createRendererTransport(win: Window): Transport {
  if (win.inson) return createBridgeTransport(win.inson);
  return createHttpTransport(readTokenFromHash(win.location.hash), win.crypto.randomUUID());
}
