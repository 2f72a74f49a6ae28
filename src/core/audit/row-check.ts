import type { SqliteHandle } from '../db/open';
import { canonicalDetailsJson, computeAuditHash, GENESIS_HASH } from './audit-chain';
import { auditedTables, forEachRowDigest, parseRowsJson, rowsJsonOf, type RowDigest } from './row-digest';

/** A row named by `verify`: table and key (the primary key as text). */
export interface RowRef {
  readonly table: string;
  readonly key: string;
}

export interface RowFindings {
  /** Rows whose content differs from the digest their last audit event recorded. */
  readonly changed: readonly RowRef[];
  /** Rows no audit event ever credited (inserted behind the application's back). */
  readonly unaudited: readonly RowRef[];
  /** Rows an audit event credited as present that are gone (deleted behind its back). */
  readonly missing: readonly RowRef[];
}

/** How many rows of each kind a report names; the counts stay exact beyond it. */
export const MAX_NAMED_ROWS = 1000;

function mapKey(table: string, key: string): string {
  return `${table}\u0000${key}`;
}

/**
 * The last digest the audit log records for each row (events in `seq` order, later ones win).
 * Reads `rows_json` only; the chain walk is what says whether the log itself is genuine.
 */
export function lastAuditedDigests(handle: SqliteHandle): Map<string, RowDigest> {
  const hasRows = (handle.prepare("SELECT 1 AS yes FROM pragma_table_info('audit_log') WHERE name = 'rows_json'").get() as { yes: number } | undefined) !== undefined;
  const last = new Map<string, RowDigest>();
  if (!hasRows) return last;
  const events = handle.prepare('SELECT rows_json FROM audit_log WHERE rows_json IS NOT NULL ORDER BY seq').iterate() as IterableIterator<{ rows_json: string | null }>;
  for (const event of events) {
    for (const row of parseRowsJson(event.rows_json) ?? []) last.set(mapKey(row.table, row.key), row);
  }
  return last;
}

type Difference = 'changed' | 'unaudited' | 'missing';

/** Walks every current row and every credited-but-gone row, calling `visit` for each that differs from its last audited digest. */
function walkDifferences(handle: SqliteHandle, visit: (kind: Difference, row: RowDigest) => void): void {
  const last = lastAuditedDigests(handle);
  const seen = new Set<string>();
  for (const table of auditedTables(handle)) {
    forEachRowDigest(handle, table, (key, digest) => {
      seen.add(mapKey(table.name, key));
      const recorded = last.get(mapKey(table.name, key));
      if (recorded === undefined || recorded.digest === null) visit('unaudited', { table: table.name, key, digest });
      else if (recorded.digest !== digest) visit('changed', { table: table.name, key, digest });
    });
  }
  for (const [id, recorded] of last) {
    if (recorded.digest !== null && !seen.has(id)) visit('missing', { table: recorded.table, key: recorded.key, digest: null });
  }
}

/**
 * Compares every current row of every audited table with its last audited digest.
 *
 * @example findRowDifferences(handle) // { changed: [{ table: 'staff', key: 's1' }], unaudited: [], missing: [] }
 */
export function findRowDifferences(handle: SqliteHandle): RowFindings & { readonly counts: { changed: number; unaudited: number; missing: number }; readonly current: readonly RowDigest[] } {
  const lists: Record<Difference, RowRef[]> = { changed: [], unaudited: [], missing: [] };
  const current: RowDigest[] = [];
  const counts = { changed: 0, unaudited: 0, missing: 0 };
  walkDifferences(handle, (kind, row) => {
    counts[kind] += 1;
    if (lists[kind].length < MAX_NAMED_ROWS) lists[kind].push({ table: row.table, key: row.key });
    current.push(row);
  });
  return { ...lists, counts, current };
}

/**
 * The rows that already differ from the audit log before a migration runs: changed or deleted
 * behind the application's back, or (once the log carries row digests at all) inserted behind
 * it. The baseline after the migration must not credit them, or an edit made before an upgrade
 * would be laundered into the log (`creditUnauditedRows`'s `refused`). A database from before
 * row digests has none: nothing in its log could tell.
 *
 * @example const refused = rowsDifferingBeforeMigration(handle); await migrateToLatest(db); creditUnauditedRows(handle, applied, now, refused);
 */
export function rowsDifferingBeforeMigration(handle: SqliteHandle): ReadonlySet<string> {
  const hasRows = (handle.prepare("SELECT 1 AS yes FROM pragma_table_info('audit_log') WHERE name = 'rows_json'").get() as { yes: number } | undefined) !== undefined;
  if (!hasRows) return new Set();
  const logHasDigests = handle.prepare('SELECT 1 AS yes FROM audit_log WHERE rows_json IS NOT NULL LIMIT 1').get() !== undefined;
  if (!logHasDigests) return new Set();
  const refused = new Set<string>();
  walkDifferences(handle, (_kind, row) => refused.add(mapKey(row.table, row.key)));
  return refused;
}

/**
 * Appends one `audit.baseline` event crediting every row whose state the audit log does not
 * already record (all rows of a database from before row digests; the rows a migration changed).
 * Runs when the store opens after applying migrations, never from `verify`. Rows in `refused`
 * (those that differed before the migration ran) are left as they are, so `verify` keeps naming
 * them. Returns how many rows it credited (0: no event appended).
 *
 * @example creditUnauditedRows(handle, ['0005_row_digests'], new Date())
 */
export function creditUnauditedRows(handle: SqliteHandle, applied: readonly string[], now: Date, refused: ReadonlySet<string> = new Set()): number {
  return handle.transaction(() => {
    // A new database: its first write's event credits what the migrations put in (run-write.ts).
    if (handle.prepare('SELECT 1 AS yes FROM audit_log LIMIT 1').get() === undefined) return 0;
    const { current } = findRowDifferences(handle);
    const rows = sortRows(current.filter((row) => !refused.has(mapKey(row.table, row.key))));
    if (rows.length === 0) return 0;
    const head = (handle.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    const detailsJson = canonicalDetailsJson({ migrations: applied.join(','), rows: rows.length, refused: refused.size });
    const content = { seq: head.seq + 1, at: now.toISOString(), actorId: null, action: 'audit.baseline', entityType: 'database', entityId: null, detailsJson, rowsJson: rowsJsonOf(rows) };
    const hash = computeAuditHash(head.hash, content);
    handle
      .prepare('INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, details_json, rows_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(content.seq, content.at, null, content.action, content.entityType, null, detailsJson, content.rowsJson, head.hash, hash);
    return rows.length;
  })();
}

/** Rows in (table, key) order, one entry per row (a later entry wins), as `rows_json` stores them. */
export function sortRows(rows: readonly RowDigest[]): RowDigest[] {
  const unique = new Map(rows.map((row) => [mapKey(row.table, row.key), row]));
  return [...unique.values()].sort((a, b) => (a.table === b.table ? compareText(a.key, b.key) : compareText(a.table, b.table)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
