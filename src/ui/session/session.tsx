import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { OutputOf } from '../../core/api/client';
import type { Permission } from '../../core/api/permissions';
import { useApi } from '../api/api';

/** The signed-in staff member as `auth.signIn` and `auth.me` return them. */
export type SessionUser = NonNullable<OutputOf<'auth.me'>>;

export interface SessionControls {
  /** The last user known on this page; kept while locked so the lock screen can name the account. */
  readonly user: SessionUser | null;
  readonly isLocked: boolean;
  /** The quick-hide curtain is down: the window shows nothing at all. */
  readonly isHidden: boolean;
  can(permission: Permission): boolean;
  signedIn(user: SessionUser): void;
  lock(): void;
  quickHide(): void;
  reveal(): void;
  unlocked(user?: SessionUser): void;
  signOut(): Promise<void>;
  /** The core answered LOCKED or UNAUTHENTICATED to some call: follow it. */
  followServerState(code: string): void;
}

const SessionContext = createContext<SessionControls | null>(null);

/** Queries that hold nothing personal and may survive a lock. */
const KEPT_WHEN_LOCKED = new Set(['system.info', 'geo.regions']);

/**
 * Owns the page's sign-in state: who is signed in, locked, hidden. Locking drops every cached
 * answer except public system data, so nothing about a client stays in the renderer's memory.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [isLocked, setLocked] = useState(false);
  const [isHidden, setHidden] = useState(false);

  const dropPrivateQueries = useCallback(() => {
    queryClient.removeQueries({ predicate: (query) => !KEPT_WHEN_LOCKED.has(String(query.queryKey[0])) });
  }, [queryClient]);

  const lock = useCallback(() => {
    setLocked(true);
    dropPrivateQueries();
    // The core locks the session too; if this call fails the core's own idle lock still applies.
    void api.invoke('auth.lock', {}).catch(() => undefined);
  }, [api, dropPrivateQueries]);

  const signOut = useCallback(async () => {
    await api.invoke('auth.signOut', {}).catch(() => undefined);
    setUser(null);
    setLocked(false);
    setHidden(false);
    queryClient.clear();
  }, [api, queryClient]);

  const controls = useMemo<SessionControls>(
    () => ({
      user,
      isLocked,
      isHidden,
      can: (permission) => user?.permissions.includes(permission) ?? false,
      signedIn(next) {
        setUser(next);
        setLocked(false);
        queryClient.setQueryData(['auth.me', {}], next);
        void queryClient.invalidateQueries({ queryKey: ['system.info'] });
      },
      lock,
      quickHide() {
        setHidden(true);
        if (user) lock();
      },
      reveal: () => setHidden(false),
      unlocked(next) {
        if (next) setUser(next);
        setLocked(false);
      },
      signOut,
      followServerState(code) {
        if (code === 'LOCKED' && user) {
          setLocked(true);
          dropPrivateQueries();
        }
        if (code === 'UNAUTHENTICATED' && user) {
          setUser(null);
          setLocked(false);
          queryClient.clear();
        }
      },
    }),
    [user, isLocked, isHidden, lock, signOut, queryClient, dropPrivateQueries],
  );
  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionControls {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
