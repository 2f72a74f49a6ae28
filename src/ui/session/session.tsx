import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { OutputOf } from '../../core/client';
import type { Permission } from '../../core/api/permissions';
import { AppError } from '../../core/api/errors';
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
  /**
   * Registers work that must reach the core before the session locks or signs out (an autosaved
   * draft's last keystrokes); returns the unregister. See `useFlushBeforeLock`.
   */
  registerFlush(flush: () => Promise<unknown>): () => void;
}

/** How long a lock waits for pending drafts to be saved before it locks the core anyway. */
const FLUSH_TIMEOUT_MS = 4_000;

const SessionContext = createContext<SessionControls | null>(null);

/** The core refused a call because this session is locked. */
function failedAsLocked(error: unknown): boolean {
  return error instanceof AppError && error.code === 'LOCKED';
}

/**
 * Owns the page's sign-in state: who is signed in, locked, hidden.
 *
 * Locking keeps the signed-in screens mounted behind the lock screen (see SessionGate), so a
 * half-typed form survives it; their cached query answers are kept too. Why keep the cache:
 * it lives only in this page's memory (never in storage), nothing of it is on screen while
 * locked, and the hidden screens' queries are disconnected, so nothing refetches or renders it.
 * Dropping it would buy nothing (the typed form values are in memory anyway) and would make the
 * still-mounted screens rebuild their queries and ask the locked core again. On unlock every
 * answer is marked stale, so the screens re-read from the core (which re-checks permissions)
 * as they reconnect. Answers no screen is connected to are dropped after TanStack's gcTime
 * (5 minutes), so a long lock holds little. Signing out, or the core forgetting the session,
 * clears everything.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [isLocked, setLocked] = useState(false);
  const [isHidden, setHidden] = useState(false);
  const flushers = useRef(new Set<() => Promise<unknown>>());

  /**
   * Starts every registered flush at once (synchronously: the screens that registered them are
   * still connected) and waits for them, at most FLUSH_TIMEOUT_MS. A flush that fails keeps its
   * text in the still-mounted form, which saves it again after unlock.
   */
  const flushAll = useCallback(async () => {
    const pending = [...flushers.current].map((flush) => flush().catch(() => undefined));
    if (pending.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }, []);

  const lock = useCallback(() => {
    // The screen is covered at once; the core is locked only after the drafts typed a moment ago are in it.
    setLocked(true);
    // The core locks the session too; if this call fails the core's own idle lock still applies.
    void flushAll()
      .then(() => api.invoke('auth.lock', {}))
      .catch(() => undefined);
  }, [api, flushAll]);

  const afterUnlock = useCallback(() => {
    // A call that raced the lock failed with LOCKED: forget that answer rather than show it.
    void queryClient.resetQueries({ predicate: (query) => failedAsLocked(query.state.error) });
    void queryClient.invalidateQueries({ refetchType: 'none' });
  }, [queryClient]);

  const signOut = useCallback(async () => {
    await flushAll();
    await api.invoke('auth.signOut', {}).catch(() => undefined);
    setUser(null);
    setLocked(false);
    setHidden(false);
    queryClient.clear();
  }, [api, queryClient, flushAll]);

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
        // Someone else: none of the previous user's answers may reach them (SessionGate keys the
        // signed-in screens by user id, so those start afresh too).
        if (next && user && next.id !== user.id) queryClient.clear();
        if (next) setUser(next);
        setLocked(false);
        afterUnlock();
      },
      signOut,
      followServerState(code) {
        // Only a change of state: the hidden screens make no calls while locked, so this cannot loop.
        if (code === 'LOCKED' && user) setLocked(true);
        if (code === 'UNAUTHENTICATED' && user) {
          setUser(null);
          setLocked(false);
          queryClient.clear();
        }
      },
      registerFlush(flush) {
        flushers.current.add(flush);
        return () => {
          flushers.current.delete(flush);
        };
      },
    }),
    [user, isLocked, isHidden, lock, signOut, queryClient, afterUnlock],
  );
  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionControls {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/**
 * Keeps `flush` registered while the calling screen is connected, so a lock or sign-out saves what
 * it holds first. The latest `flush` is called (no need to memoize it).
 *
 * @example useFlushBeforeLock(() => draft.flush());
 */
export function useFlushBeforeLock(flush: () => Promise<unknown>): void {
  const session = useSession();
  const latest = useRef(flush);
  useEffect(() => {
    latest.current = flush;
  });
  useEffect(() => session.registerFlush(() => latest.current()), [session]);
}
