import { Notifications } from '@mantine/notifications';
import { Activity, useEffect, useRef, useState } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { SignedInApp } from './SignedInApp';

/**
 * The signed-in screens, kept mounted while the lock screen or the quick-hide curtain covers
 * them, so a half-typed form is still there after the same user unlocks.
 *
 * While covered, nothing of them can be seen or reached, and they make no calls:
 * - React's `Activity` in `hidden` mode sets `display: none` on them (portals such as open
 *   dialogs and menus included) and disconnects their effects: TanStack Query observers
 *   unsubscribe, timers and listeners are cleaned up; state (the typed values) is kept. When
 *   shown again the effects reconnect and stale queries refetch.
 * - The wrapper is also `hidden`, `inert` and `aria-hidden`, so focus, clicks, find-in-page and
 *   assistive technology skip it even if a style were overridden.
 * Their own router keeps the page they were on, whatever the lock screen's footer links do; it is
 * a data router, so a half-filled form can ask before it is left (`useLeaveGuard`). Success
 * notifications live here too, and hide with the rest.
 * After unlock the keyboard goes back to the field the person was in.
 *
 * @example <KeptSignedInApp key={user.id} isCovered={session.isLocked || session.isHidden} />
 */
export function KeptSignedInApp({ isCovered }: { readonly isCovered: boolean }) {
  const lastFocused = useRef<HTMLElement | null>(null);
  const [router] = useState(() => createMemoryRouter([{ path: '*', element: <SignedInApp /> }]));
  useEffect(() => {
    const element = lastFocused.current;
    if (!isCovered && element?.isConnected) element.focus({ preventScroll: true });
  }, [isCovered]);
  return (
    <Activity mode={isCovered ? 'hidden' : 'visible'}>
      <div
        hidden={isCovered}
        inert={isCovered}
        aria-hidden={isCovered || undefined}
        data-signed-in-app={isCovered ? 'covered' : 'shown'}
        onFocus={(event) => {
          if (event.target instanceof HTMLElement) lastFocused.current = event.target;
        }}
      >
        <RouterProvider router={router} />
        <Notifications position="bottom-right" />
      </div>
    </Activity>
  );
}
