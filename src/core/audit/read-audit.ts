import type { StoreHolder } from '../db/store';
import type { Logger } from '../log';
import { runWritePath, type AuditEventInput, type WritePathOptions } from './run-write';

/**
 * The read audit: who opened which record, when (as Primero logs every `show`). A read method
 * notes its read here, in memory, and returns at once; the notes are written through the one
 * write path in batches (one transaction, one audit event per actor, record and method) every few
 * seconds, when a buffer fills, and at sign-out, lock and core stop. A kill between two flushes
 * loses at most the reads of that window (docs/security.md says so).
 */

/** One read a method reports: which record, through which method. */
export interface ReadNote {
  readonly actorId: string;
  readonly entityType: string;
  readonly entityId: string;
  /** The method that read it (`clients.get`, `timeline.forClient`). */
  readonly via: string;
  readonly at: Date;
}

export interface ReadAudit {
  /** Notes a read; never throws, never waits. */
  note(read: ReadNote): void;
  /** Writes the buffered reads (of one actor, or of everyone) as audit events. */
  flush(actorId?: string): Promise<void>;
  /** Reads noted and not yet written. */
  readonly pendingCount: number;
  /** Stops the timer and writes what is left. */
  stop(): Promise<void>;
}

export interface ReadAuditOptions {
  readonly store: StoreHolder;
  readonly writeOptions: () => WritePathOptions;
  readonly log: Logger;
  /** Default 5 s. */
  readonly flushEveryMs?: number;
  /** Distinct reads buffered before a flush starts by itself. Default 200. */
  readonly flushAtEntries?: number;
}

/** The audit action of a read event. */
export const READ_AUDIT_ACTION = 'audit.read';

interface Pending {
  readonly actorId: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly via: string;
  readonly firstAt: string;
  lastAt: string;
  count: number;
}

/**
 * The read audit of one core.
 *
 * @example const reads = createReadAudit({ store, writeOptions, log }); reads.note({ actorId, entityType: 'client', entityId, via: 'clients.get', at: now });
 */
export function createReadAudit(options: ReadAuditOptions): ReadAudit {
  const flushAtEntries = options.flushAtEntries ?? 200;
  let pending = new Map<string, Pending>();
  let writing: Promise<void> = Promise.resolve();

  function take(actorId: string | undefined): Pending[] {
    if (actorId === undefined) {
      const all = [...pending.values()];
      pending = new Map();
      return all;
    }
    const taken: Pending[] = [];
    for (const [key, entry] of pending) {
      if (entry.actorId !== actorId) continue;
      taken.push(entry);
      pending.delete(key);
    }
    return taken;
  }

  async function write(entries: readonly Pending[]): Promise<void> {
    if (entries.length === 0) return;
    if (!options.store.isOpen) {
      // Only after the database closed without a flush (which every close path does first).
      options.log.warn('audit.readsDropped', { count: entries.length });
      return;
    }
    const byActor = new Map<string, Pending[]>();
    for (const entry of entries) byActor.set(entry.actorId, [...(byActor.get(entry.actorId) ?? []), entry]);
    for (const [actorId, reads] of byActor) {
      const events: AuditEventInput[] = reads.map((read) => ({
        action: READ_AUDIT_ACTION,
        entityType: read.entityType,
        entityId: read.entityId,
        details: { via: read.via, count: read.count, firstAt: read.firstAt, lastAt: read.lastAt },
      }));
      try {
        await runWritePath(options.store.require(), actorId, (w) => w.auditMany(events), options.writeOptions());
      } catch (error) {
        options.log.error('audit.readsNotWritten', { count: events.length, errorName: error instanceof Error ? error.name : typeof error });
      }
    }
  }

  function flush(actorId?: string): Promise<void> {
    // One flush after another: each takes what is buffered when its turn comes.
    writing = writing.then(() => write(take(actorId)));
    return writing;
  }

  const timer = setInterval(() => {
    if (pending.size > 0) void flush();
  }, options.flushEveryMs ?? 5000);
  timer.unref();

  return {
    note(read) {
      const key = `${read.actorId}\u0000${read.entityType}\u0000${read.entityId}\u0000${read.via}`;
      const at = read.at.toISOString();
      const entry = pending.get(key);
      if (entry) {
        entry.count += 1;
        entry.lastAt = at;
      } else {
        pending.set(key, { actorId: read.actorId, entityType: read.entityType, entityId: read.entityId, via: read.via, firstAt: at, lastAt: at, count: 1 });
      }
      // Not inside the read's own call: its answer does not wait for the write.
      if (pending.size >= flushAtEntries) setImmediate(() => void flush());
    },
    flush,
    get pendingCount() {
      return pending.size;
    },
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
