import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'kysely';
import { AppError } from '../api/errors';
import type { Database } from '../db/database';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the write path is the one place that brands its transaction
import { asWriteTx, type WriteTx } from '../db/handles';
import type { OpenStore } from '../db/store';
import { silentLogger, type Logger } from '../log';
import { appendOutbox, appendOutboxMany } from '../sync/outbox';
import type { OutboxAllowList, OutboxEntry, OutboxTypeSpec } from '../sync/outbox.spec';
import { canonicalDetailsJson, computeAuditHash, GENESIS_HASH, type AuditDetails, type AuditEventContent } from './audit-chain';
import { findRowDifferences, sortRows } from './row-check';
import { clearTouchedRows, rowsJsonOf, takeTouchedRows } from './row-digest';

export interface AuditEventInput {
  /**
   * What happened, `domain.verb` style: `staff.add`, `clients.register`, `auth.signInFailed`.
   * In a write method it defaults to the method's name.
   */
  readonly action?: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** Non-personal scalars only (ids, counts, codes, flags). */
  readonly details?: AuditDetails;
}

/** What a write's work gets: the transaction, who and when, and the audit and outbox appenders. */
export interface WriteScope {
  /** Use this for every query of the write; the outer `db` would wait for this very transaction. */
  readonly trx: WriteTx;
  /** The signed-in staff member, or null for a system write (setup, an unknown user's failed sign-in). */
  readonly actorId: string | null;
  /** One timestamp for the whole write, so the row, its audit event and its outbox record agree. */
  readonly now: Date;
  /**
   * Appends a hash-chained audit event. Every write must append at least one. The events are
   * stored (and hashed) when the work is done: the write's last event carries the digests of every
   * row the write touched, as the write left them.
   */
  audit(event: AuditEventInput): Promise<{ readonly seq: number }>;
  /** Appends a record for the registry; a type or field outside the allow-list fails the write. */
  outbox<S extends OutboxTypeSpec>(entry: OutboxEntry<S>): Promise<{ readonly id: string }>;
  /**
   * The bulk form of `audit` (imports, the seed): one event per input, chained in order exactly as
   * that many `audit` calls would chain them, inserted in multi-row statements.
   */
  auditMany(events: readonly AuditEventInput[]): Promise<{ readonly count: number; readonly lastSeq: number }>;
  /** The bulk form of `outbox`: every entry checked against the allow-list, then inserted in multi-row statements. */
  outboxMany(entries: readonly OutboxEntry[]): Promise<{ readonly count: number }>;
}

export interface WritePathOptions {
  /** The composed outbox allow-list (src/core/app.ts). */
  readonly allowList: OutboxAllowList;
  readonly now?: Date;
  readonly log?: Logger;
  /** The audit action of events that name none: the write method's name. */
  readonly defaultAction?: string;
}

/**
 * The one write path: one transaction holding the domain's changes, their audit event(s) and
 * outbox record(s); all commit together or none does. Throws (and rolls back) if the work
 * appended no audit event. The router runs every write method through it; authentication, setup
 * and the CLI's maintenance call it directly (with `actorId` null where no one is signed in).
 *
 * @example
 * await runWritePath(store, actorId, async (w) => {
 *   await insertStaff(w.trx, row);
 *   await w.audit({ action: 'staff.add', entityType: 'staff', entityId: row.id, details: { role: row.role } });
 * }, core.writeOptions());
 */
export function runWritePath<T>(store: OpenStore, actorId: string | null, work: (w: WriteScope) => Promise<T>, options: WritePathOptions): Promise<T> {
  return runInTransaction(store, actorId, options, work);
}

/**
 * The write the current async call chain is inside, if any. Kysely queues every query on the one
 * connection, so a write started inside another write's work would wait forever for the outer
 * one to finish; it is refused at once instead. (Carries no state between writes: each write
 * runs in its own context object.)
 */
const enclosingWrite = new AsyncLocalStorage<{ readonly store: OpenStore; isActive: boolean }>();

async function runInTransaction<T>(store: OpenStore, actorId: string | null, options: WritePathOptions, work: (w: WriteScope) => Promise<T>): Promise<T> {
  const log = options.log ?? silentLogger;
  const enclosing = enclosingWrite.getStore();
  if (enclosing !== undefined && enclosing.isActive && enclosing.store === store) {
    log.error('audit.nestedWrite', {});
    throw new AppError('INTERNAL', { reason: 'nestedWrite' });
  }
  const context = { store, isActive: true };
  try {
    return await enclosingWrite.run(context, () => transact(store, actorId, { ...options, log }, work));
  } finally {
    context.isActive = false;
  }
}

async function transact<T>(store: OpenStore, actorId: string | null, options: WritePathOptions & { readonly log: Logger }, work: (w: WriteScope) => Promise<T>): Promise<T> {
  const { log } = options;
  return store.db.transaction().execute(async (trx) => {
    // Rows the TEMP triggers noted before this write (none should be) are not this write's.
    clearTouchedRows(store.handle);
    const scope = new WriteScopeImpl(trx, store, actorId, options);
    try {
      const result = await work(scope);
      await scope.settled();
      if (scope.auditCount === 0) {
        log.error('audit.writeWithoutEvent', {});
        throw new AppError('INTERNAL', { reason: 'writeWithoutAuditEvent' });
      }
      await scope.storeEvents();
      return result;
    } finally {
      // Nothing the work started may run after this point: past COMMIT or ROLLBACK a statement
      // would run outside the transaction and commit on its own.
      await scope.close();
    }
  });
}

/** Audit rows per INSERT: 9 columns each, well under SQLite's 32,766 bound parameters. */
const AUDIT_ROWS_PER_STATEMENT = 1000;

class WriteScopeImpl implements WriteScope {
  readonly trx: WriteTx;
  readonly actorId: string | null;
  readonly now: Date;
  auditCount = 0;
  readonly #log: Logger;
  readonly #at: string;
  readonly #allowList: OutboxAllowList;
  readonly #defaultAction: string | undefined;
  readonly #store: OpenStore;
  /** The chain head before this write, read at the first event. */
  #base: { seq: number; hash: string } | null = null;
  readonly #pending: Omit<AuditEventContent, 'rowsJson'>[] = [];
  /** Appends run one after another even if the work starts several at once: each needs the last hash. */
  #queue: Promise<unknown> = Promise.resolve();
  #isClosed = false;
  #failure: { readonly error: unknown } | null = null;

  constructor(trx: Transaction<Database>, store: OpenStore, actorId: string | null, options: WritePathOptions & { readonly log: Logger }) {
    this.trx = asWriteTx(trx);
    this.#store = store;
    this.actorId = actorId;
    this.now = options.now ?? new Date();
    this.#log = options.log;
    this.#at = this.now.toISOString();
    this.#allowList = options.allowList;
    this.#defaultAction = options.defaultAction;
  }

  audit(event: AuditEventInput): Promise<{ readonly seq: number }> {
    return this.#enqueue(async () => {
      const action = event.action ?? this.#defaultAction;
      if (action === undefined) throw new AppError('INTERNAL', { reason: 'auditEventWithoutAction' });
      const detailsJson = canonicalDetailsJson(event.details);
      // The chain head is read inside the transaction (an index seek on the primary key), so a
      // rolled-back write or another process's write can never leave a stale head in memory.
      this.#base ??= await this.#readHead();
      const seq = this.#base.seq + this.#pending.length + 1;
      this.#pending.push({ seq, at: this.#at, actorId: this.actorId, action, entityType: event.entityType, entityId: event.entityId, detailsJson });
      this.auditCount += 1;
      return { seq };
    });
  }

  /**
   * Hashes and inserts the write's events, the last one carrying the digests of the rows the write
   * touched (read now, inside the transaction, so they are the rows as committed).
   */
  async storeEvents(): Promise<void> {
    const base = this.#base;
    if (base === null) return;
    const touched = takeTouchedRows(this.#store.handle);
    // The first event of a new database also credits the rows its migrations wrote (the catalog).
    const credited = base.seq === 0 ? sortRows([...findRowDifferences(this.#store.handle).current, ...touched]) : touched;
    const rowsJson = rowsJsonOf(credited);
    let prevHash = base.hash;
    const rows = this.#pending.map((event, index) => {
      const content: AuditEventContent = { ...event, rowsJson: index === this.#pending.length - 1 ? rowsJson : null };
      const hash = computeAuditHash(prevHash, content);
      const row = {
        seq: content.seq,
        at: content.at,
        actor_id: content.actorId,
        action: content.action,
        entity_type: content.entityType,
        entity_id: content.entityId,
        details_json: content.detailsJson,
        rows_json: content.rowsJson ?? null,
        prev_hash: prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
    for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_STATEMENT) {
      await this.trx.insertInto('audit_log').values(rows.slice(start, start + AUDIT_ROWS_PER_STATEMENT)).execute();
    }
  }

  outbox<S extends OutboxTypeSpec>(entry: OutboxEntry<S>): Promise<{ readonly id: string }> {
    return this.#enqueue(() => appendOutbox(this.trx, entry, { allowList: this.#allowList, now: this.now, log: this.#log }));
  }

  auditMany(events: readonly AuditEventInput[]): Promise<{ readonly count: number; readonly lastSeq: number }> {
    return this.#enqueue(async () => {
      const base = (this.#base ??= await this.#readHead());
      const first = base.seq + this.#pending.length + 1;
      const contents = events.map((event, index) => {
        const action = event.action ?? this.#defaultAction;
        if (action === undefined) throw new AppError('INTERNAL', { reason: 'auditEventWithoutAction' });
        return { seq: first + index, at: this.#at, actorId: this.actorId, action, entityType: event.entityType, entityId: event.entityId, detailsJson: canonicalDetailsJson(event.details) };
      });
      this.#pending.push(...contents);
      this.auditCount += contents.length;
      return { count: contents.length, lastSeq: first + contents.length - 1 };
    });
  }

  outboxMany(entries: readonly OutboxEntry[]): Promise<{ readonly count: number }> {
    return this.#enqueue(() => appendOutboxMany(this.trx, entries, { allowList: this.#allowList, now: this.now, log: this.#log }));
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
