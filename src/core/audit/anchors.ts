import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReadDb } from '../db/handles';
import type { SqliteHandle } from '../db/open';
import type { Logger } from '../log';
import { GENESIS_HASH } from './audit-chain';

/**
 * Chain anchors: the audit chain head (seq and hash) written beside the database after every
 * sign-out and on a schedule. `verify` checks the chain still holds each anchor, so a cut tail or
 * a tail rewritten and re-chained after an anchor shows. The file is as writable as the database
 * to whoever holds the data folder; the copy that travels to the registry in every batch is the
 * one they cannot reach (docs/security.md).
 */
export interface ChainAnchor {
  readonly seq: number;
  readonly hash: string;
  /** ISO 8601 UTC, when the anchor was written. */
  readonly at: string;
}

export const ANCHORS_FILE_NAME = 'audit-anchors.json';
const FORMAT = 'inson.audit-anchors.v1';
/** How many anchors the file keeps (the newest). */
export const MAX_ANCHORS = 64;

/** `<dataDir>/audit-anchors.json`, beside `center.db`. */
export function anchorsPathFor(databasePath: string): string {
  return join(dirname(databasePath), ANCHORS_FILE_NAME);
}

/**
 * The anchors the file holds, oldest first; none when the file is absent. A file that is not
 * ours reads as null (verify says so).
 */
export function readAnchors(path: string): ChainAnchor[] | null {
  if (!existsSync(path)) return [];
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { format, anchors } = parsed as { format?: unknown; anchors?: unknown };
    if (format !== FORMAT || !Array.isArray(anchors)) return null;
    const result: ChainAnchor[] = [];
    for (const item of anchors as unknown[]) {
      const { seq, hash, at } = (item ?? {}) as Record<string, unknown>;
      if (typeof seq !== 'number' || !Number.isInteger(seq) || typeof hash !== 'string' || typeof at !== 'string') return null;
      result.push({ seq, hash, at });
    }
    return result;
  } catch {
    return null;
  }
}

/**
 * Appends the head unless it is the newest anchor already; keeps the newest `MAX_ANCHORS`.
 * Written to a temporary file and renamed, so a crash leaves the old file or the new one.
 *
 * @example writeAnchor(anchorsPathFor(store.databasePath), { seq: 42, hash }, new Date())
 */
export function writeAnchor(path: string, head: { readonly seq: number; readonly hash: string }, now: Date): void {
  if (head.seq === 0) return;
  const anchors = readAnchors(path) ?? [];
  const last = anchors.at(-1);
  if (last !== undefined && last.seq === head.seq && last.hash === head.hash) return;
  const next = [...anchors, { seq: head.seq, hash: head.hash, at: now.toISOString() }].slice(-MAX_ANCHORS);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, anchors: next }, null, 1)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/**
 * The audit chain head as stored: the last event's seq and hash (seq 0 and the genesis hash when
 * empty). Not a verification: `verify` is what says whether the chain up to it holds.
 */
export function readChainHead(handle: SqliteHandle): { readonly seq: number; readonly hash: string } {
  return (handle.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * The chain head through a read handle (an API method, an export), as `readChainHead` reads it.
 *
 * @example const head = await readChainHeadDb(ctx.db); // { seq: 42, hash: '…' }
 */
export async function readChainHeadDb(db: ReadDb): Promise<{ readonly seq: number; readonly hash: string }> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Writes the open store's chain head to its anchor file. Never throws: a full disk must not stop
 * a sign-out; the caller's log says it failed (no personal data in it).
 *
 * @example anchorChainHead(store, new Date(), log)
 */
export function anchorChainHead(store: { readonly handle: SqliteHandle; readonly databasePath: string }, now: Date, log: Logger): void {
  try {
    writeAnchor(anchorsPathFor(store.databasePath), readChainHead(store.handle), now);
  } catch (error) {
    log.warn('audit.anchorWriteFailed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
}
