import { createHash } from 'node:crypto';
import { AppError } from '../api/errors';

/** The `prev_hash` of the first event: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What an audit event may say beyond who, what and which entity: non-personal scalars only
 * (counts, codes, ids, flags). The type keeps objects and arrays out, so nothing can be nested
 * past a reviewer's eye; never put a name, PINFL, phone, note or password here.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** The hashed content of one audit event, as stored. */
export interface AuditEventContent {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  /** Canonical JSON from `canonicalDetailsJson`. */
  readonly detailsJson: string;
  /** `rowsJsonOf` of the rows the event credits, or null (events before row digests, or none written). */
  readonly rowsJson?: string | null;
}

const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const HASH_FORMAT = 'inson.audit.v1';
/** Events that credit rows: the same array with `rows_json` last. */
const HASH_FORMAT_ROWS = 'inson.audit.v2';

/**
 * Serializes details with sorted keys, so the same details always hash the same. Rejects what the
 * type already forbids (for callers outside TypeScript) and numbers JSON cannot carry.
 *
 * @example canonicalDetailsJson({ role: 'receptionist', attempts: 5 }) // '{"attempts":5,"role":"receptionist"}'
 */
export function canonicalDetailsJson(details: AuditDetails = {}): string {
  const sorted: Record<string, string | number | boolean | null> = {};
  for (const key of Object.keys(details).sort()) {
    const value = details[key];
    const isScalar = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!DETAIL_KEY.test(key) || value === undefined || !isScalar) {
      throw new AppError('INTERNAL', { reason: 'auditDetailsNotScalar', key: DETAIL_KEY.test(key) ? key : null });
    }
    sorted[key] = value;
  }
  return JSON.stringify(sorted);
}

/**
 * The event's hash: SHA-256 over a JSON array of a format tag, the previous event's hash and the
 * event's fields in fixed positions. A JSON array leaves no ambiguity about where one field ends.
 *
 * @example computeAuditHash(GENESIS_HASH, { seq: 1, at, actorId: null, action: 'center.setUp', entityType: 'center', entityId, detailsJson: '{}' })
 */
export function computeAuditHash(prevHash: string, event: AuditEventContent): string {
  const rowsJson = event.rowsJson ?? null;
  const canonical = JSON.stringify([
    rowsJson === null ? HASH_FORMAT : HASH_FORMAT_ROWS,
    prevHash,
    event.seq,
    event.at,
    event.actorId,
    event.action,
    event.entityType,
    event.entityId,
    event.detailsJson,
    ...(rowsJson === null ? [] : [rowsJson]),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
