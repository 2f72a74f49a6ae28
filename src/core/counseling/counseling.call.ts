import { actorOf, type Actor, type CoreContext } from '../api/context';
import type { ReadDb } from '../db/handles';
import type { WriteScope } from '../audit/run-write';
import type { KeyHolder } from './counseling.sealed';

/**
 * What a counseling method acts with: the core and the session (the confidential key is the
 * session's), the actor, one instant for the call, and the database. Counseling methods are core
 * methods because only the session holds the key; their writes still go through the one write path.
 */
export interface CounselingCall extends KeyHolder {
  readonly actor: Actor;
  readonly now: Date;
  readonly db: ReadDb;
  /** The one write path, as this actor. */
  write<T>(work: (w: WriteScope) => Promise<T>): Promise<T>;
}

/** @example handler: (ctx, input) => getSession(counselingCall(ctx), input.id) */
export function counselingCall(ctx: CoreContext): CounselingCall {
  const { core, session } = ctx;
  const actor = actorOf(session, core.permissions);
  const now = core.now();
  return {
    core,
    session,
    actor,
    now,
    db: core.store.require().db,
    write: (work) => core.write(actor.userId, work),
  };
}
