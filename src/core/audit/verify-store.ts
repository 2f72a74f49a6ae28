import type { SqliteHandle } from '../db/open';
import { computeAuditHash, GENESIS_HASH } from './audit-chain';

export interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
}

export interface AuditChainReport {
  readonly ok: boolean;
  /** How many events were read. */
  readonly count: number;
  /** The last event's hash (the chain head the registry is told about); the genesis hash when empty. */
  readonly headHash: string;
  /** The first event whose link does not hold: its hash, its `prev_hash`, or its place in the sequence. */
  readonly firstBrokenSeq?: number;
  readonly reason?: 'hashMismatch' | 'prevHashMismatch' | 'seqGap';
}

export interface StoreReport {
  readonly ok: boolean;
  /** `PRAGMA integrity_check` lines: `['ok']` when sound. */
  readonly integrity: readonly string[];
  readonly foreignKeys: readonly ForeignKeyViolation[];
  readonly auditChain: AuditChainReport;
}

interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor_id: string | null;
  readonly action: string;
  readonly entity_type: string;
  readonly entity_id: string | null;
  readonly details_json: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/**
 * Checks the whole store: SQLite's page-level integrity, every foreign key, and the audit chain
 * from the first event to the last, naming the first broken link. Reads only.
 *
 * @example const report = verifyStore(store.handle); if (!report.ok) console.error(report.auditChain.firstBrokenSeq);
 */
export function verifyStore(handle: SqliteHandle): StoreReport {
  const integrity = handle
    .prepare('PRAGMA integrity_check')
    .all()
    .map((row) => String(Object.values(row as Record<string, unknown>)[0]));
  const foreignKeys = (handle.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null; parent: string }[]).map(
    ({ table, rowid, parent }) => ({ table, rowid, parent }),
  );
  const auditChain = verifyAuditChain(handle);
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys.length === 0 && auditChain.ok;
  return { ok, integrity, foreignKeys, auditChain };
}

/**
 * Walks the audit log in `seq` order, recomputing every hash. Streams rows, so 200,000 events
 * need no more memory than one. (Cutting events off the end leaves a valid shorter chain; the
 * registry, which keeps the chain heads it was sent, is what notices that.)
 *
 * @example verifyAuditChain(handle) // { ok: false, count: 12, headHash, firstBrokenSeq: 7, reason: 'hashMismatch' }
 */
export function verifyAuditChain(handle: SqliteHandle): AuditChainReport {
  const rows = handle
    .prepare('SELECT seq, at, actor_id, action, entity_type, entity_id, details_json, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count += 1;
    const broken = (reason: AuditChainReport['reason']): AuditChainReport => ({ ok: false, count, headHash: prevHash, firstBrokenSeq: row.seq, reason });
    if (row.seq !== expectedSeq) return closeAnd(rows, broken('seqGap'));
    if (row.prev_hash !== prevHash) return closeAnd(rows, broken('prevHashMismatch'));
    const recomputed = computeAuditHash(row.prev_hash, {
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      detailsJson: row.details_json,
    });
    if (recomputed !== row.hash) return closeAnd(rows, broken('hashMismatch'));
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, count, headHash: prevHash };
}

/** Ends an iteration early so the statement is reset and the read transaction released. */
function closeAnd<T>(rows: IterableIterator<unknown>, result: T): T {
  rows.return?.();
  return result;
}
