import { clientsError } from './clients.errors';
import type { ReadDb } from '../db/handles';
import { findClientRow } from './clients.repository';

/**
 * Checks other domains make before touching a client. They read inside the caller's transaction
 * when given one.
 */

/**
 * The client exists and is not a merged-away record (new records go to the survivor).
 *
 * @example await requireActiveClient(w.trx, input.clientId);
 */
export async function requireActiveClient(db: ReadDb, clientId: string): Promise<void> {
  const row = await findClientRow(db, clientId);
  if (row === null) throw clientsError('NOT_FOUND', 'client', { id: clientId });
  if (row.status !== 'active') throw clientsError('CONFLICT', 'clientMerged', { mergedIntoId: row.merged_into_id });
}

/**
 * For reads: the client exists (merged-away records still answer, with what stayed on them).
 *
 * @example await requireClient(db, input.clientId);
 */
export async function requireClient(db: ReadDb, clientId: string): Promise<void> {
  if ((await findClientRow(db, clientId)) === null) throw clientsError('NOT_FOUND', 'client', { id: clientId });
}
