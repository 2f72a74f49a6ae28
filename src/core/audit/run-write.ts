import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'kysely';
import { AppError } from '../api/errors';
import type { SignedInContext } from '../api/method';
import type { Database } from '../db/database';
import type { OpenStore } from '../db/store';
import { silentLogger, type Logger } from '../log';
import { appendOutbox, type OutboxEntry } from '../sync/outbox';
import type { OutboxRecordType } from '../sync/outbox-allowlist';
import { canonicalDetailsJson, computeAuditHash, GENESIS_HASH, type AuditDetails } from './audit-chain';

export interface AuditEventInput {
  /** What happened, `domain.verb` style: `staff.add`, `clients.register`, `auth.signInFailed`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** Non-personal scalars only (ids, counts, codes, flags). */
  readonly details?: AuditDetails;
}

/** What a write's work gets: the transaction, who and when, and the audit and outbox appenders. */
export interface WriteScope {
  /** Use this for every query of the write; the outer `db` would wait for this very transaction. */
  readonly trx: Transaction<Database>;
  /** The signed-in staff member, or null for a system write (setup, an unknown user's failed sign-in). */
  readonly actorId: string | null;
  /** One timestamp for the whole write, so the row, its audit event and its outbox record agree. */
  readonly now: Date;
  /** Appends a hash-chained audit event. Every write must append at least one. */
  audit(event: AuditEventInput): Promise<{ readonly seq: number; readonly hash: string }>;
  /** Appends a record for the registry; fields outside the type's allow-list fail the write. */
  outbox<T extends OutboxRecordType>(entry: OutboxEntry<T>): Promise<{ readonly id: string }>;
}

export interface SystemWriteOptions {
  readonly now?: Date;
  readonly log?: Logger;
}

/**
 * The one write path for API handlers: one transaction holding the domain's changes, their audit
 * event(s) and outbox record(s); all commit together or none does. Throws (and rolls back) if the
 * work appended no audit event.
 *
 * @example
 * return runWrite(ctx, async (w) => {
 *   await w.trx.insertInto('staff').values(row).execute();
 *   await w.audit({ action: 'staff.add', entityType: 'staff', entityId: row.id, details: { role: row.role } });
 *   return { id: row.id };
 * });
 */
export async function runWrite<T>(ctx: SignedInContext, work: (w: WriteScope) => Promise<T>): Promise<T> {
  return runInTransaction(ctx.core.store.require(), ctx.session.userId, ctx.core.now(), ctx.core.log, work);
}

/**
 * The same write path for writes no signed-in session makes: center setup, recording a failed
 * sign-in, maintenance from the CLI.
 *
 * @example await runSystemWrite(store, null, async (w) => { ...; await w.audit({ action: 'center.setUp', entityType: 'center', entityId }); });
 */
export function runSystemWrite<T>(store: OpenStore, actorId: string | null, work: (w: WriteScope) => Promise<T>, options: SystemWriteOptions = {}): Promise<T> {
  return runInTransaction(store, actorId, options.now ?? new Date(), options.log ?? silentLogger, work);
}

/**
 * The write the current async call chain is inside, if any. Kysely queues every query on the one
 * connection, so a write started inside another write's work would wait forever for the outer
 * one to finish; it is refused at once instead. (Carries no state between writes: each write
 * runs in its own context object.)
 */
const enclosingWrite = new AsyncLocalStorage<{ readonly store: OpenStore; isActive: boolean }>();

async function runInTransaction<T>(store: OpenStore, actorId: string | null, now: Date, log: Logger, work: (w: WriteScope) => Promise<T>): Promise<T> {
  const enclosing = enclosingWrite.getStore();
  if (enclosing !== undefined && enclosing.isActive && enclosing.store === store) {
    log.error('audit.nestedWrite', {});
    throw new AppError('INTERNAL', { reason: 'nestedWrite' });
  }
  const context = { store, isActive: true };
  try {
    return await enclosingWrite.run(context, () => transact(store, actorId, now, log, work));
  } finally {
    context.isActive = false;
  }
}

async function transact<T>(store: OpenStore, actorId: string | null, now: Date, log: Logger, work: (w: WriteScope) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const scope = new WriteScopeImpl(trx, actorId, now, log);
    try {
      const result = await work(scope);
      await scope.settled();
      if (scope.auditCount === 0) {
        log.error('audit.writeWithoutEvent', {});
        throw new AppError('INTERNAL', { reason: 'writeWithoutAuditEvent' });
      }
      return result;
    } finally {
      // Nothing the work started may run after this point: past COMMIT or ROLLBACK a statement
      // would run outside the transaction and commit on its own.
      await scope.close();
    }
  });
}

class WriteScopeImpl implements WriteScope {
  readonly trx: Transaction<Database>;
  readonly actorId: string | null;
  readonly now: Date;
  auditCount = 0;
  readonly #log: Logger;
  readonly #at: string;
  #head: { seq: number; hash: string } | null = null;
  /** Appends run one after another even if the work starts several at once: each needs the last hash. */
  #queue: Promise<unknown> = Promise.resolve();
  #isClosed = false;
  #failure: { readonly error: unknown } | null = null;

  constructor(trx: Transaction<Database>, actorId: string | null, now: Date, log: Logger) {
    this.trx = trx;
    this.actorId = actorId;
    this.now = now;
    this.#log = log;
    this.#at = now.toISOString();
  }

  audit(event: AuditEventInput): Promise<{ readonly seq: number; readonly hash: string }> {
    return this.#enqueue(async () => {
      const detailsJson = canonicalDetailsJson(event.details);
      // The chain head is read inside the transaction (an index seek on the primary key), so a
      // rolled-back write or another process's write can never leave a stale head in memory.
      const head = this.#head ?? (await this.#readHead());
      const content = {
        seq: head.seq + 1,
        at: this.#at,
        actorId: this.actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        detailsJson,
      };
      const hash = computeAuditHash(head.hash, content);
      await this.trx
        .insertInto('audit_log')
        .values({
          seq: content.seq,
          at: content.at,
          actor_id: content.actorId,
          action: content.action,
          entity_type: content.entityType,
          entity_id: content.entityId,
          details_json: detailsJson,
          prev_hash: head.hash,
          hash,
        })
        .execute();
      this.#head = { seq: content.seq, hash };
      this.auditCount += 1;
      return { seq: content.seq, hash };
    });
  }

  outbox<T extends OutboxRecordType>(entry: OutboxEntry<T>): Promise<{ readonly id: string }> {
    return this.#enqueue(() => appendOutbox(this.trx, entry, this.now, this.#log));
  }

  /**
   * Waits for appends the work started but did not await, and fails if any append failed, even
   * one the work caught: a write whose audit event or outbox record is missing must not commit.
   */
  async settled(): Promise<void> {
    await this.#queue;
    if (this.#failure !== null) throw this.#failure.error;
  }

  /** Refuses further appends and waits for any still running. */
  async close(): Promise<void> {
    this.#isClosed = true;
    await this.#queue;
  }

  #enqueue<R>(step: () => Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      if (this.#isClosed) throw new AppError('INTERNAL', { reason: 'writeScopeClosed' });
      return step();
    };
    const next = this.#queue.then(run);
    this.#queue = next.then(
      () => undefined,
      (error: unknown) => {
        this.#failure ??= { error };
      },
    );
    return next;
  }

  async #readHead(): Promise<{ seq: number; hash: string }> {
    const last = await this.trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return last ?? { seq: 0, hash: GENESIS_HASH };
  }
}
