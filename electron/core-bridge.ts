import type { CallOutcome } from '../src/core/api/router';
import type { CoreRequest, CoreResponse } from '../src/host/core-process';
import { MAX_REQUEST_BYTES, requestSizeBytes } from '../src/host/request-limits';

/**
 * Main's side of the core process: sends each call with a fresh id and resolves the caller when
 * the answer with that id comes back. No domain logic; the port is injected (Electron's
 * UtilityProcess in the app, a fake in tests).
 */

/** What main needs from a utilityProcess child. */
export interface CorePort {
  postMessage(message: CoreRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface CoreBridge {
  /** Sends one API call; resolves with the core's outcome (never rejects). */
  call(connectionId: string, method: string, input: unknown): Promise<CallOutcome>;
  /** Tells the core a window is gone, so its session ends. */
  disconnect(connectionId: string): void;
  /** Answers every call still waiting (the core process died) with an INTERNAL error. */
  failPending(): void;
  readonly pendingCount: number;
}

const INTERNAL_OUTCOME: CallOutcome = { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } };

function isCoreResponse(value: unknown): value is CoreResponse {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.type !== 'result' || !Number.isSafeInteger(record.id)) return false;
  const outcome = record.outcome;
  return typeof outcome === 'object' && outcome !== null && typeof (outcome as Record<string, unknown>).ok === 'boolean';
}

/**
 * Correlates requests and responses over one core port.
 *
 * @example
 * const bridge = createCoreBridge(child);
 * const outcome = await bridge.call(String(webContents.id), 'system.info', {});
 */
export function createCoreBridge(port: CorePort): CoreBridge {
  let nextId = 1;
  const pending = new Map<number, (outcome: CallOutcome) => void>();

  port.on('message', (message) => {
    if (!isCoreResponse(message)) return;
    const resolve = pending.get(message.id);
    if (!resolve) return;
    pending.delete(message.id);
    resolve(message.outcome);
  });

  return {
    call(connectionId, method, input) {
      const id = nextId++;
      return new Promise<CallOutcome>((resolve) => {
        pending.set(id, resolve);
        try {
          port.postMessage({ type: 'call', id, connectionId, method, input });
        } catch {
          // The input could not be cloned, or the port is closed: an answer still comes back.
          pending.delete(id);
          resolve(INTERNAL_OUTCOME);
        }
      });
    },
    disconnect(connectionId) {
      port.postMessage({ type: 'disconnect', connectionId });
    },
    failPending() {
      const waiting = [...pending.values()];
      pending.clear();
      for (const resolve of waiting) resolve(INTERNAL_OUTCOME);
    },
    get pendingCount() {
      return pending.size;
    },
  };
}

const MAX_METHOD_LENGTH = 100;

/** The part of an IPC event the invoke handler reads: the sending webContents. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
}

const BAD_BODY_OUTCOME: CallOutcome = { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST', details: { reason: 'body' } } };

/**
 * The `inson:invoke` handler: the connection id is the sending webContents' id, so each window has
 * its own session. A method that is not a short string never reaches the core, nor an input over
 * the HTTP transport's 2 MiB cap (the same answer HTTP gives an oversized body).
 *
 * @example guard.handleFromAppFrame(INVOKE_CHANNEL, createInvokeHandler(() => bridge));
 */
export function createInvokeHandler(currentBridge: () => CoreBridge) {
  return (event: InvokeEventLike, method: unknown, input: unknown): Promise<CallOutcome> => {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST' } });
    }
    const sizeBytes = requestSizeBytes(input);
    if (sizeBytes === null || sizeBytes > MAX_REQUEST_BYTES) return Promise.resolve(BAD_BODY_OUTCOME);
    return currentBridge().call(String(event.sender.id), method, input);
  };
}
