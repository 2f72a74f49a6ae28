import type { SqliteHandle } from '../db/open';
import type { ChainAnchor } from './anchors';
import { computeAuditHash, GENESIS_HASH } from './audit-chain';
import { compareSchema, readSchema, type SchemaEntry, type SchemaFindings } from './expected-schema';
import { findRowDifferences, type RowFindings } from './row-check';

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
  /** The last event's seq (0 when empty): with `headHash`, the chain head every report prints. */
  readonly headSeq: number;
  /** The first event whose link does not hold: its hash, its `prev_hash`, or its place in the sequence. */
  readonly firstBrokenSeq?: number;
  readonly reason?: 'hashMismatch' | 'prevHashMismatch' | 'seqGap';
}

export interface AnchorFindings {
  /** How many anchors were compared. */
  readonly checked: number;
  /** The anchor file is there but is not ours. */
  readonly unreadable: boolean;
  /** Anchors past the chain's end: the tail was cut. */
  readonly truncatedAt: readonly number[];
  /** Anchors whose seq now holds another hash: the chain was rewritten from there. */
  readonly rewrittenAt: readonly number[];
}

export interface VerifyOptions {
  /** From `expectedSchema()`; without it the schema is not compared. */
  readonly expectedSchema?: readonly SchemaEntry[];
  /** From `readAnchors()`; null: the file is unreadable; absent: not compared. */
  readonly anchors?: readonly ChainAnchor[] | null;
}

export interface StoreReport {
  readonly ok: boolean;
  readonly chainHead: { readonly seq: number; readonly hash: string };
  /** `PRAGMA integrity_check` lines: `['ok']` when sound. */
  readonly integrity: readonly string[];
  readonly foreignKeys: readonly ForeignKeyViolation[];
  readonly auditChain: AuditChainReport;
  /** Rows that differ from what the audit log credits (counts exact, lists capped). */
  readonly rows: RowFindings & { readonly counts: { readonly changed: number; readonly unaudited: number; readonly missing: number } };
  readonly schema?: SchemaFindings;
  readonly anchors?: AnchorFindings;
}

interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor_id: string | null;
  readonly action: string;
  readonly entity_type: string;
  readonly entity_id: string | null;
  readonly details_json: string;
  readonly rows_json: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

/**
 * Checks the whole store: SQLite's page-level integrity, every foreign key, and the audit chain
 * from the first event to the last, naming the first broken link. Reads only.
 *
 * @example const report = verifyStore(store.handle); if (!report.ok) console.error(report.auditChain.firstBrokenSeq);
 */
export function verifyStore(handle: SqliteHandle, options: VerifyOptions = {}): StoreReport {
  const integrity = handle
    .prepare('PRAGMA integrity_check')
    .all()
    .map((row) => String(Object.values(row as Record<string, unknown>)[0]));
  const foreignKeys = (handle.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number | null; parent: string }[]).map(
    ({ table, rowid, parent }) => ({ table, rowid, parent }),
  );
  const anchorSeqs = new Set((options.anchors ?? []).map((anchor) => anchor.seq));
  const hashesAt = new Map<number, string>();
  const auditChain = verifyAuditChain(handle, (seq, hash) => {
    if (anchorSeqs.has(seq)) hashesAt.set(seq, hash);
  });
  const { changed, unaudited, missing, counts } = findRowDifferences(handle);
  const rows = { changed, unaudited, missing, counts };
  const schema = options.expectedSchema === undefined ? undefined : compareSchema(readSchema(handle), options.expectedSchema);
  const anchors = options.anchors === undefined ? undefined : checkAnchors(options.anchors, auditChain, hashesAt);
  const ok =
    integrity.length === 1 &&
    integrity[0] === 'ok' &&
    foreignKeys.length === 0 &&
    auditChain.ok &&
    counts.changed + counts.unaudited + counts.missing === 0 &&
    (schema === undefined || schema.missing.length + schema.changed.length + schema.unexpected.length === 0) &&
    (anchors === undefined || (!anchors.unreadable && anchors.truncatedAt.length + anchors.rewrittenAt.length === 0));
  const chainHead = { seq: auditChain.headSeq, hash: auditChain.headHash };
  return { ok, chainHead, integrity, foreignKeys, auditChain, rows, ...(schema ? { schema } : {}), ...(anchors ? { anchors } : {}) };
}

function checkAnchors(anchors: readonly ChainAnchor[] | null, chain: AuditChainReport, hashesAt: ReadonlyMap<number, string>): AnchorFindings {
  if (anchors === null) return { checked: 0, unreadable: true, truncatedAt: [], rewrittenAt: [] };
  const truncatedAt: number[] = [];
  const rewrittenAt: number[] = [];
  for (const anchor of anchors) {
    const hash = hashesAt.get(anchor.seq);
    if (hash === undefined) {
      // Past the end of a sound chain: cut. Past a broken link the chain walk stopped early; that
      // break is reported already.
      if (chain.ok) truncatedAt.push(anchor.seq);
    } else if (hash !== anchor.hash) rewrittenAt.push(anchor.seq);
  }
  return { checked: anchors.length, unreadable: false, truncatedAt, rewrittenAt };
}

/**
 * Walks the audit log in `seq` order, recomputing every hash. Streams rows, so 200,000 events
 * need no more memory than one. (Cutting events off the end leaves a valid shorter chain: the
 * anchors, and the registry that keeps the chain heads it was sent, are what notice that.)
 *
 * @example verifyAuditChain(handle) // { ok: false, count: 12, headHash, firstBrokenSeq: 7, reason: 'hashMismatch' }
 */
export function verifyAuditChain(handle: SqliteHandle, visit: (seq: number, hash: string) => void = () => undefined): AuditChainReport {
  const hasRows = (handle.prepare("SELECT 1 AS yes FROM pragma_table_info('audit_log') WHERE name = 'rows_json'").get() as { yes: number } | undefined) !== undefined;
  const rows = handle
    .prepare(`SELECT seq, at, actor_id, action, entity_type, entity_id, details_json, ${hasRows ? 'rows_json' : 'NULL AS rows_json'}, prev_hash, hash FROM audit_log ORDER BY seq`)
    .iterate() as IterableIterator<AuditRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count += 1;
    const broken = (reason: AuditChainReport['reason']): AuditChainReport => ({ ok: false, count, headHash: prevHash, headSeq: expectedSeq - 1, firstBrokenSeq: row.seq, reason });
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
      rowsJson: row.rows_json,
    });
    if (recomputed !== row.hash) return closeAnd(rows, broken('hashMismatch'));
    visit(row.seq, row.hash);
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, count, headHash: prevHash, headSeq: expectedSeq - 1 };
}

/** Ends an iteration early so the statement is reset and the read transaction released. */
function closeAnd<T>(rows: IterableIterator<unknown>, result: T): T {
  rows.return?.();
  return result;
}
