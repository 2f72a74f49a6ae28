import { sql, type Kysely } from 'kysely';
import type { RegistryDatabase } from './registry.tables';

/**
 * National counts count people, not records (issue 12, item 6 ★): a client is the same person at
 * every center when the PINFL is the same, whether it travelled in clear (with consent) or as a
 * pseudonym, since the registry keys both to one pseudonym. A client with no PINFL counts once per
 * center. A client record merged into another is the person of the record it was merged into.
 * A service that arrived before its client's record (a later batch) is counted once the client's
 * record is there, and as its own person until then. (The national indicators, in
 * national-indicators.ts, count with the same rules, but only people whose record is there.)
 */

/** All centers, or only these. */
function centerFilter(centers: readonly string[] | undefined) {
  return centers === undefined ? sql`true` : centers.length === 0 ? sql`false` : sql`center_id IN (${sql.join([...centers])})`;
}

/** People with at least one client record, across centers. */
export async function countPeopleRegistered(db: Kysely<RegistryDatabase>, options: { readonly centers?: readonly string[] } = {}): Promise<number> {
  const centers = centerFilter(options.centers);
  const result = await sql<{ count: string | number }>`
    WITH latest AS (
      SELECT DISTINCT ON (center_id, record_id) center_id, record_id, person_key, op, data
      FROM records WHERE type = 'client' AND ${centers} ORDER BY center_id, record_id, version DESC
    )
    SELECT count(DISTINCT coalesce(person_key, center_id || ':' || record_id)) AS count FROM latest
    WHERE op = 'upsert' AND coalesce(data->>'status', 'active') <> 'merged'`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/** People who received at least one service, across centers (optionally from a day on, `YYYY-MM-DD`). */
export async function countPeopleServed(db: Kysely<RegistryDatabase>, options: { readonly fromDay?: string; readonly centers?: readonly string[] } = {}): Promise<number> {
  const centers = centerFilter(options.centers);
  const fromDay = options.fromDay ?? '0000-01-01';
  const result = await sql<{ count: string | number }>`
    WITH clients AS (
      SELECT DISTINCT ON (center_id, record_id) center_id, record_id, person_key, data
      FROM records WHERE type = 'client' ORDER BY center_id, record_id, version DESC
    ),
    deliveries AS (
      SELECT DISTINCT ON (center_id, record_id) center_id, record_id, op, data
      FROM records WHERE type = 'serviceDelivery' AND ${centers} ORDER BY center_id, record_id, version DESC
    ),
    served AS (
      SELECT DISTINCT center_id, data->>'clientId' AS client_id FROM deliveries
      WHERE op = 'upsert' AND coalesce(data->>'deliveredOn', '') >= ${fromDay}
    )
    SELECT count(DISTINCT coalesce(CASE WHEN v.record_id IS NOT NULL THEN coalesce(v.person_key, v.center_id || ':' || v.record_id) END, c.person_key, s.center_id || ':' || s.client_id)) AS count
    FROM served s LEFT JOIN clients c ON c.center_id = s.center_id AND c.record_id = s.client_id
    LEFT JOIN clients v ON c.data->>'status' = 'merged' AND v.center_id = c.center_id AND v.record_id = c.data->>'mergedIntoId'`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}
