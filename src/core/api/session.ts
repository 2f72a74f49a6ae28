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
}

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

  /** Ends every session of one user (deactivation, password reset). */
  deleteUser(userId: string): void {
    for (const [connectionId, session] of this.#sessions) {
      if (session.userId === userId) this.#sessions.delete(connectionId);
    }
  }

  all(): IterableIterator<[string, Session]> {
    return this.#sessions.entries();
  }
}
