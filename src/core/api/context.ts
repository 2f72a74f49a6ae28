import type { ConfidentialColumnSpec } from '../crypto/confidential-columns';
import type { ReadDb } from '../db/handles';
import type { StoreHolder } from '../db/store';
import type { WritePathOptions, WriteScope } from '../audit/run-write';
import type { ReadAudit } from '../audit/read-audit';
import type { BackgroundJobs } from './jobs';
import type { Logger } from '../log';
import type { AuthServices } from '../session/auth-state';
import type { OutboxAllowList } from '../sync/outbox.spec';
import type { Permission, PermissionTable, Role } from './permissions';
import type { Session, SessionStore } from './session';

/**
 * What method handlers are handed. Read and write handlers get only what they use (a handle, the
 * actor, the clock, the log); the few methods that manage sessions and keys (sign-in, setup,
 * staff key slots) get the wide `CoreServices`.
 */

/** The signed-in staff member a call acts for. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** What the actor's role may do (from the composed permission table). */
  readonly permissions: readonly Permission[];
}

/** Everything the core holds. One instance per running core; no module singletons. */
export interface CoreServices {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly log: Logger;
  readonly sessions: SessionStore;
  /** The center database: `store.require()` gives the open store or throws LOCKED / NOT_SET_UP. */
  readonly store: StoreHolder;
  /** Keyring, unwrapped keys, sign-in throttle, inactivity timeout. */
  readonly auth: AuthServices;
  /** The composed outbox allow-list, for writes outside the router (sign-in, setup). */
  readonly outboxAllowList: OutboxAllowList;
  /** The composed permission table. */
  readonly permissions: PermissionTable;
  /** Reads of client records, buffered and written as audit events in batches. */
  readonly readAudit: ReadAudit;
  /** Every confidential column the manifests declare: what a confidential-key rotation re-encrypts. */
  readonly confidentialColumns: readonly ConfidentialColumnSpec[];
  /** Long work running in the background (an import), with its progress. */
  readonly jobs: BackgroundJobs;
  now(): Date;
  /** Locks a session that has been idle longer than the center's inactivity timeout. */
  expireIdleSession(connectionId: string, session: Session): void;
  /** The write path's options for a write made now by the core itself. */
  writeOptions(defaultAction?: string): WritePathOptions;
  /**
   * The one write path on the open store, for the wide methods (keys, sessions) whose work
   * spans the database and the keyring; write methods get it from the router instead.
   */
  write<T>(actorId: string | null, work: (w: WriteScope) => Promise<T>): Promise<T>;
}

/** A read method's handler context. */
export interface ReadContext {
  readonly db: ReadDb;
  readonly actor: Actor;
  /** One instant for the whole call. */
  readonly now: Date;
  readonly log: Logger;
  /**
   * Notes that the actor read this record (the read audit, written in batches). Methods that
   * show one record call it; a list of search results is not a read of each record.
   */
  noteRead(entity: { readonly entityType: string; readonly entityId: string }): void;
}

/** A write method's handler context: the open write scope (its `trx`, `audit`, `outbox`) and the actor. */
export interface WriteContext extends WriteScope {
  readonly actor: Actor;
  readonly log: Logger;
}

/** The wide context of session and key methods; `session` is null only for public methods. */
export interface CoreContext<S extends Session | null = Session> {
  readonly core: CoreServices;
  readonly connectionId: string;
  readonly session: S;
}

/** The actor of a session. */
export function actorOf(session: Session, permissions: PermissionTable): Actor {
  return { userId: session.userId, username: session.username, displayName: session.displayName, role: session.role, permissions: permissions.of(session.role) };
}
