import type { Role } from './permissions';

/** A signed-in staff member on one connection (one window, one browser tab, one CLI run). */
export interface Session {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Set when an administrator issued a temporary password; only the password change is allowed. */
  mustChangePassword: boolean;
  isLocked: boolean;
  lastActivityMs: number;
  /** When the password opened this session; a locked session older than MAX_LOCKED_SESSION_AGE_MS ends. */
  readonly signedInAtMs: number;
}

/**
 * A session that sits locked past this age since its sign-in ends instead of waiting for its
 * password: a window left locked overnight on a shared PC asks for a full sign-in next morning
 * (and its confidential key is dropped with it).
 */
export const MAX_LOCKED_SESSION_AGE_MS = 12 * 60 * 60_000;

/**
 * Sessions keyed by connection id. Transports give each connection its own id
 * (Electron: the window's webContents, HTTP: a per-page random id, CLI: one per run).
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  get(connectionId: string): Session | null {
    return this.#sessions.get(connectionId) ?? null;
  }

  set(connectionId: string, session: Session): void {
    this.#sessions.set(connectionId, session);
  }

  delete(connectionId: string): void {
    this.#sessions.delete(connectionId);
  }

  /** Ends every session of one user (deactivation, password reset), or all but `keep` (a password change). */
  deleteUser(userId: string, keep?: Session): void {
    for (const [connectionId, session] of this.#sessions) {
      if (session.userId === userId && session !== keep) this.#sessions.delete(connectionId);
    }
  }

  all(): IterableIterator<[string, Session]> {
    return this.#sessions.entries();
  }
}
