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

/** The parts of `window` the token hand-over touches (a fake in tests). */
export interface TokenLocation {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
}

const TOKEN_STATE_KEY = 'insonToken';

/**
 * Takes the harness token from the address and removes it from the address bar at once
 * (`history.replaceState`), so it is not on screen, in a screenshot or in a copied address. It
 * moves into this history entry's state, which a reload of the same tab keeps (the page keeps
 * working after F5) and which nothing sends anywhere; no storage, no cookie.
 *
 * @example const token = takeHarnessToken(window); // location.hash is '' afterwards
 */
export function takeHarnessToken(win: TokenLocation): string {
  const fromHash = readTokenFromHash(win.location.hash);
  const state = typeof win.history.state === 'object' && win.history.state !== null ? (win.history.state as Record<string, unknown>) : {};
  if (fromHash !== '') {
    win.history.replaceState({ ...state, [TOKEN_STATE_KEY]: fromHash }, '', `${win.location.pathname}${win.location.search}`);
    return fromHash;
  }
  const kept = state[TOKEN_STATE_KEY];
  return typeof kept === 'string' ? kept : '';
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
  return createHttpTransport(takeHarnessToken(win), win.crypto.randomUUID());
}
