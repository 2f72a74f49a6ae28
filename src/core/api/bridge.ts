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
  /** The updater in main: a window's unsaved forms, or the user's "install and restart" (src/host/update). */
  update(message: UpdateMessage): Promise<UpdateAnswer>;
}

/** A window tells main whether it holds unsaved input, or that the user agreed to install. */
export type UpdateMessage = { readonly kind: 'dirtyForms'; readonly isDirty: boolean } | { readonly kind: 'install' };

export type UpdateAnswer =
  | { readonly kind: 'ok' }
  | { readonly kind: 'installing'; readonly version: string }
  | { readonly kind: 'waitForForms' }
  | { readonly kind: 'nothingReady' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'badMessage' };

/** `updateReady`: a downloaded update passed every check and waits for the user. */
export const BRIDGE_EVENTS = ['lock', 'quickHide', 'updateReady'] as const;
export type BridgeEvent = (typeof BRIDGE_EVENTS)[number];
