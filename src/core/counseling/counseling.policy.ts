import type { Actor } from '../api/context';
import type { ReadDb } from '../db/handles';
import { findActiveEmergencyAccess, isAssignedToClient } from './counseling.repository';
import type { SessionRow } from './counseling.table';

/**
 * Who may read a client's counseling content, decided in the core on every call. A supervisor
 * reads everything; a psychologist the clients assigned to her (case worker of an open case, or an
 * explicit assignment) and, for a limited time, a client she broke the glass for; everyone else
 * nothing but that a session took place. A restricted session is its author's and supervisors'.
 * (The session must also hold the confidential key: without it nothing opens at all.)
 */
export type ContentAccess =
  | { readonly via: 'supervisor' }
  | { readonly via: 'author' }
  | { readonly via: 'assigned' }
  | { readonly via: 'emergency'; readonly emergencyAccessId: string };

/**
 * How the actor may read this client's counseling content, or null.
 *
 * @example const access = await clientContentAccess(db, actor, clientId, now); if (!access) throw counselingError('FORBIDDEN', 'notAssignedToClient');
 */
export async function clientContentAccess(db: ReadDb, actor: Pick<Actor, 'userId' | 'role'>, clientId: string, now: Date): Promise<ContentAccess | null> {
  if (actor.role === 'supervisor') return { via: 'supervisor' };
  if (actor.role !== 'psychologist') return null;
  if (await isAssignedToClient(db, actor.userId, clientId)) return { via: 'assigned' };
  const emergency = await findActiveEmergencyAccess(db, actor.userId, clientId, now.toISOString());
  return emergency ? { via: 'emergency', emergencyAccessId: emergency.id } : null;
}

export interface SessionAccess {
  readonly access: ContentAccess;
  /** The session's clients the actor may see (the others of a group session stay hidden). */
  readonly visibleClientIds: readonly string[];
}

/**
 * How the actor may read this session, or null. Voided sessions are the supervisors' only.
 *
 * @example const allowed = await sessionContentAccess(db, actor, row, clientIds, now);
 */
export async function sessionContentAccess(db: ReadDb, actor: Pick<Actor, 'userId' | 'role'>, row: SessionRow, clientIds: readonly string[], now: Date): Promise<SessionAccess | null> {
  if (actor.role === 'supervisor') return { access: { via: 'supervisor' }, visibleClientIds: clientIds };
  if (actor.role !== 'psychologist' || row.status === 'voided') return null;
  if (row.psychologist_id === actor.userId) return { access: { via: 'author' }, visibleClientIds: clientIds };
  if (row.sensitivity === 'restricted') return null;
  let access: ContentAccess | null = null;
  const visible: string[] = [];
  for (const clientId of clientIds) {
    const forClient = await clientContentAccess(db, actor, clientId, now);
    if (!forClient) continue;
    visible.push(clientId);
    // An assignment beats emergency access: the audit event then names no emergency.
    if (access === null || access.via === 'emergency') access = forClient;
  }
  return access ? { access, visibleClientIds: visible } : null;
}

/** Whether the actor wrote the session or supervises: the two who may void it or add an addendum. */
export function isAuthorOrSupervisor(actor: Actor, row: SessionRow): boolean {
  return actor.role === 'supervisor' || row.psychologist_id === actor.userId;
}
