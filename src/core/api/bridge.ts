import type { AppErrorJson } from './errors';

/**
 * The one object the preload exposes to the renderer as `window.inson`. The preload checks its
 * implementation against this type with `satisfies`; the UI's Electron transport uses it.
 */
export interface InsonBridge {
  /** Sends one API call to the core (through main, which checks the sender). */
  invoke(method: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: AppErrorJson }>;
  /** Subscribes to a core or shell event (`lock`, `quickHide`); returns the unsubscribe function. */
  on(event: BridgeEvent, listener: () => void): () => void;
}

export const BRIDGE_EVENTS = ['lock', 'quickHide'] as const;
export type BridgeEvent = (typeof BRIDGE_EVENTS)[number];
