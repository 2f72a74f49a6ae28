import type { BridgeEvent } from '../src/core/api/bridge';

/** The parts of Electron's `Input` (before-input-event) the hot keys read. */
export interface KeyInput {
  readonly type: string;
  /** The physical key (`KeyL`), the same on Latin, Cyrillic and Russian layouts. */
  readonly code: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/**
 * The shell's hot keys, matched by physical key so they work whatever keyboard layout is active
 * (staff switch between Uzbek Latin, Uzbek Cyrillic and Russian):
 * - Ctrl+L (Cmd+L on macOS): lock the session now;
 * - Ctrl+Shift+H (Cmd+Shift+H on macOS): quick hide, blank the window at once.
 *
 * @example hotKeyEvent({ type: 'keyDown', code: 'KeyL', control: true, meta: false, shift: false, alt: false }, 'win32') // 'lock'
 */
export function hotKeyEvent(input: KeyInput, platform: NodeJS.Platform): BridgeEvent | null {
  if (input.type !== 'keyDown' || input.alt) return null;
  const primary = platform === 'darwin' ? input.meta && !input.control : input.control && !input.meta;
  if (!primary) return null;
  if (input.code === 'KeyL' && !input.shift) return 'lock';
  if (input.code === 'KeyH' && input.shift) return 'quickHide';
  return null;
}
