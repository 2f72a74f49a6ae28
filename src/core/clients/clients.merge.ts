import { sql } from 'kysely';
import { clientsError } from './clients.errors';
import type { ReadDb } from '../db/handles';
import { CLIENT_MERGE_OUTBOX, CLIENT_OUTBOX } from './clients.outbox';
import { AppError } from '../api/errors';
import type { WriteContext } from '../api/context';

import { newId } from '../db/ids';
import { clientOutboxData } from './clients.outbox-data';
import { findClientRow } from './clients.repository';

/**
 * Merging two records of the same person, and undoing it until the next upload.
 *
 * What moves is found in the schema itself, not in a list someone must remember to extend: every
 * foreign key that references `clients (id)` (consents, cases, service deliveries, referrals, and
 * whatever later migrations add) is moved from the merged record to the survivor, and the primary
 * keys of the moved rows are recorded in `client_merges.moved_json` so `unmergeClients` moves
 * exactly those rows back. Only the merge history itself is left alone.
 */

/** Tables whose references to a client are history, never moved. */
const NOT_MOVED = new Set(['client_merges']);

/** One foreign key to `clients (id)`: the table, its referencing column, its primary key column. */
export interface ClientReference {
  readonly table: string;
  readonly column: string;
  readonly primaryKey: string;
}

interface MovedRows {
  readonly table: string;
  readonly column: string;
  readonly primaryKey: string;
  readonly ids: readonly (string | number)[];
}

/**
 * Every column that references a client, read from the schema's foreign keys.
 *
 * @example await clientReferences(db) // [{ table: 'cases', column: 'client_id', primaryKey: 'id' }, …]
 */
export async function clientReferences(db: ReadDb): Promise<ClientReference[]> {
  const result = await sql<{ table_name: string; column_name: string }>`
    SELECT m.name AS table_name, f."from" AS column_name
    FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
    WHERE m.type = 'table' AND f."table" = 'clients' AND f."to" = 'id'
    ORDER BY m.name, f."from"`.execute(db);
  const references: ClientReference[] = [];
  for (const { table_name: table, column_name: column } of result.rows) {
    if (NOT_MOVED.has(table)) continue;
    const keys = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db);
    const [primaryKey, ...rest] = keys.rows.map((row) => row.name);
    // Without a single-column primary key the moved rows could not be named for an unmerge.
    if (primaryKey === undefined || rest.length > 0) throw new AppError('INTERNAL', { reason: 'clientReferenceWithoutKey', table });
    references.push({ table, column, primaryKey });
  }
  return references;
}

async function moveReferences(db: ReadDb, reference: ClientReference, fromId: string, toId: string): Promise<MovedRows> {
  const table = sql.table(reference.table);
  const column = sql.ref(reference.column);
  const key = sql.ref(reference.primaryKey);
  const moved = await sql<{ moved_key: string | number }>`UPDATE ${table} SET ${column} = ${toId} WHERE ${column} = ${fromId}
    RETURNING ${key} AS moved_key`.execute(db);
  return { ...reference, ids: moved.rows.map((row) => row.moved_key) };
}

export interface MergeResult {
  readonly mergeId: string;
  readonly survivorId: string;
  readonly mergedId: string;
  /** Rows moved per table, e.g. `{ cases: 1, consents: 3 }`. */
  readonly movedCounts: Readonly<Record<string, number>>;
}

async function activeClient(db: ReadDb, id: string, role: 'survivorId' | 'mergedId') {
  const row = await findClientRow(db, id);
  if (row === null) throw clientsError('NOT_FOUND', 'client', { id, field: role });
  if (row.status !== 'active') throw clientsError('CONFLICT', 'alreadyMerged', { field: role, mergedIntoId: row.merged_into_id });
  return row;
}

/**
 * `clients.merge`: everything that referenced the merged client now references the survivor; the
 * merged record stays, marked `merged` and pointing at the survivor, so old links still resolve.
 *
 * @example await mergeClients(w, { survivorId, mergedId });
 */
export async function mergeClients(w: WriteContext, input: { readonly survivorId: string; readonly mergedId: string }): Promise<MergeResult> {
  await activeClient(w.trx, input.survivorId, 'survivorId');
  const merged = await activeClient(w.trx, input.mergedId, 'mergedId');
  const moved: MovedRows[] = [];
  for (const reference of await clientReferences(w.trx)) {
    const rows = await moveReferences(w.trx, reference, input.mergedId, input.survivorId);
    if (rows.ids.length > 0) moved.push(rows);
  }
  await w.trx
    .updateTable('clients')
    .set({ status: 'merged', merged_into_id: input.survivorId, version: merged.version + 1, updated_at: w.now.toISOString(), updated_by: w.actorId })
    .where('id', '=', input.mergedId)
    .execute();
  const mergeId = newId(w.now.getTime());
  await w.trx
    .insertInto('client_merges')
    .values({
      id: mergeId,
      survivor_id: input.survivorId,
      merged_id: input.mergedId,
      moved_json: JSON.stringify(moved),
      merged_at: w.now.toISOString(),
      merged_by: w.actorId,
    })
    .execute();
  const movedCounts = Object.fromEntries(moved.map((rows) => [rows.table, rows.ids.length]));
  const movedTotal = moved.reduce((sum, rows) => sum + rows.ids.length, 0);
  await w.audit({
    entityType: 'client',
    entityId: input.survivorId,
    details: { mergeId, mergedId: input.mergedId, movedRows: movedTotal },
  });
  await w.outbox({ spec: CLIENT_MERGE_OUTBOX, entityId: mergeId, op: 'upsert', data: { survivorId: input.survivorId, mergedId: input.mergedId } });
  const mergedRow = await findClientRow(w.trx, input.mergedId);
  if (mergedRow === null) throw new AppError('INTERNAL', { reason: 'clientNotStored' });
  await w.outbox({ spec: CLIENT_OUTBOX, entityId: input.mergedId, op: 'upsert', data: await clientOutboxData(w.trx, mergedRow) });
  return { mergeId, survivorId: input.survivorId, mergedId: input.mergedId, movedCounts };
}

function parseMoved(json: string): MovedRows[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new AppError('INTERNAL', { reason: 'mergeRecordUnreadable' });
  return value as MovedRows[];
}

/**
 * `clients.unmerge`: moves back exactly the rows a merge moved and makes the merged record active
 * again, as long as the merge has not been uploaded (its outbox record is still pending).
 *
 * @example await unmergeClients(w, { mergeId });
 */
export async function unmergeClients(w: WriteContext, input: { readonly mergeId: string }): Promise<{ readonly restoredId: string }> {
  const merge = await w.trx.selectFrom('client_merges').selectAll().where('id', '=', input.mergeId).executeTakeFirst();
  if (merge === undefined) throw clientsError('NOT_FOUND', 'clientMerge', { id: input.mergeId });
  if (merge.unmerged_at !== null) throw clientsError('CONFLICT', 'alreadyUnmerged');
  const sent = await w.trx
    .selectFrom('outbox')
    .select('seq')
    .where('type', '=', 'clientMerge')
    .where('entity_id', '=', input.mergeId)
    .where('batch_id', 'is not', null)
    .executeTakeFirst();
  if (sent !== undefined) throw clientsError('CONFLICT', 'alreadyUploaded');
  const merged = await findClientRow(w.trx, merge.merged_id);
  if (merged === null || merged.status !== 'merged' || merged.merged_into_id !== merge.survivor_id) {
    throw clientsError('CONFLICT', 'changedSinceMerge');
  }

  let restoredRows = 0;
  for (const rows of parseMoved(merge.moved_json)) {
    if (rows.ids.length === 0) continue;
    const result = await sql`UPDATE ${sql.table(rows.table)} SET ${sql.ref(rows.column)} = ${merge.merged_id}
      WHERE ${sql.ref(rows.column)} = ${merge.survivor_id}
      AND ${sql.ref(rows.primaryKey)} IN (SELECT value FROM json_each(${JSON.stringify(rows.ids)}))`.execute(w.trx);
    restoredRows += Number(result.numAffectedRows ?? 0n);
  }
  await w.trx
    .updateTable('clients')
    .set({ status: 'active', merged_into_id: null, version: merged.version + 1, updated_at: w.now.toISOString(), updated_by: w.actorId })
    .where('id', '=', merge.merged_id)
    .execute();
  await w.trx
    .updateTable('client_merges')
    .set({ unmerged_at: w.now.toISOString(), unmerged_by: w.actorId })
    .where('id', '=', input.mergeId)
    .execute();
  await w.audit({
    entityType: 'client',
    entityId: merge.survivor_id,
    details: { mergeId: input.mergeId, mergedId: merge.merged_id, restoredRows },
  });
  await w.outbox({ spec: CLIENT_MERGE_OUTBOX, entityId: input.mergeId, op: 'delete', data: { survivorId: merge.survivor_id, mergedId: merge.merged_id } });
  const restored = await findClientRow(w.trx, merge.merged_id);
  if (restored === null) throw new AppError('INTERNAL', { reason: 'clientNotStored' });
  await w.outbox({ spec: CLIENT_OUTBOX, entityId: merge.merged_id, op: 'upsert', data: await clientOutboxData(w.trx, restored) });
  return { restoredId: merge.merged_id };
}
