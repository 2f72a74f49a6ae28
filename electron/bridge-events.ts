import { BRIDGE_EVENTS, type BridgeEvent } from '../src/core/api/bridge';

/**
 * The preload's event hub: the renderer subscribes to shell events by name, and only names in
 * BRIDGE_EVENTS exist. No Electron import, so it is tested directly.
 */

export function isBridgeEvent(value: unknown): value is BridgeEvent {
  return typeof value === 'string' && (BRIDGE_EVENTS as readonly string[]).includes(value);
}

export interface EventHub {
  /** Subscribes; throws on a name that is not a bridge event. Returns the unsubscribe function. */
  on(event: BridgeEvent, listener: () => void): () => void;
  /** Delivers an event arriving from main; anything not a bridge event is ignored. */
  emit(event: unknown): void;
}

/**
 * @example
 * const hub = createEventHub();
 * const off = hub.on('lock', () => showLockScreen());
 * hub.emit('lock');
 */
export function createEventHub(): EventHub {
  const listeners = new Map<BridgeEvent, Set<() => void>>(BRIDGE_EVENTS.map((name) => [name, new Set()]));
  return {
    on(event, listener) {
      const set = isBridgeEvent(event) ? listeners.get(event) : undefined;
      if (!set) throw new TypeError(`Unknown bridge event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('Bridge event listener must be a function');
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    emit(event) {
      if (!isBridgeEvent(event)) return;
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener();
        } catch {
          // One failing listener must not stop the others (quick hide above all).
        }
      }
    },
  };
}
