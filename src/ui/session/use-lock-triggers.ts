import { useHotkeys, useIdle } from '@mantine/hooks';
import { useEffect } from 'react';
import type { SessionControls } from './session';

/** The hot keys, shown on the lock screen and in the user menu. */
export const LOCK_HOTKEY = 'mod+L';
export const QUICK_HIDE_HOTKEY = 'mod+shift+H';

/** Any of these counts as someone at the keyboard. */
const ACTIVITY_EVENTS: (keyof DocumentEventMap)[] = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'];

/**
 * Everything that locks or hides the window: inactivity (the center's timeout), the lock and
 * quick-hide hot keys (also inside text fields), and the desktop shell's `lock` and `quickHide`
 * events (e.g. the OS session locking).
 */
export function useLockTriggers(session: SessionControls, inactivityLockMs: number): void {
  const isActive = session.user !== null && !session.isLocked;
  const isIdle = useIdle(inactivityLockMs, { events: ACTIVITY_EVENTS, initialState: false });

  useEffect(() => {
    if (isIdle && isActive) session.lock();
  }, [isIdle, isActive, session]);

  useHotkeys(
    [
      [LOCK_HOTKEY, () => isActive && session.lock(), { preventDefault: true }],
      [QUICK_HIDE_HOTKEY, () => session.quickHide(), { preventDefault: true }],
    ],
    [],
    true,
  );

  useEffect(() => {
    const bridge = window.inson;
    if (!bridge) return undefined;
    const offLock = bridge.on('lock', () => {
      if (session.user) session.lock();
    });
    const offHide = bridge.on('quickHide', () => session.quickHide());
    return () => {
      offLock();
      offHide();
    };
  }, [session]);
}
