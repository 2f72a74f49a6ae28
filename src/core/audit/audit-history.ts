import type { ReadDb } from '../db/handles';
import type { AuditDetails } from './audit-chain';

/** One audited write to an entity, as a domain's timeline reads it back. */
export interface AuditedChange {
  readonly seq: number;
  /** ISO instant. */
  readonly at: string;
  /** Staff id; null for a system write. */
  readonly actorId: string | null;
  readonly action: string;
  readonly entityId: string;
  readonly details: AuditDetails;
}

/**
 * The audited writes of some actions to some entities, oldest first. The audit log is the only
 * history of changes a row keeps no trace of (a plan item's earlier statuses, a case's earlier case
 * workers), so the domains that own those rows read their own past here. Uses the log's
 * (entity_type, entity_id) index.
 *
 * @example const changes = await listAuditedChanges(db, 'planItem', itemIds, ['cases.updatePlanItem']);
 */
export async function listAuditedChanges(
  db: ReadDb,
  entityType: string,
  entityIds: readonly string[],
  actions: readonly string[],
): Promise<AuditedChange[]> {
  if (entityIds.length === 0 || actions.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_id', 'action', 'entity_id', 'details_json'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', [...entityIds])
    .where('action', 'in', [...actions])
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    entityId: row.entity_id ?? '',
    details: parseDetails(row.details_json),
  }));
}

function parseDetails(json: string): AuditDetails {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditDetails) : {};
}
