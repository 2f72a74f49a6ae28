import { sql } from 'kysely';
import type { ReadDb, WriteTx } from '../db/handles';
import { newId } from '../db/ids';
import type { AddendumRow, EmergencyAccessRow, NewSessionRow, SessionRow } from './counseling.table';

/** Counseling queries; functions take the handle first (a read handle or the write's transaction). */

export async function findSessionRow(db: ReadDb, id: string): Promise<SessionRow | null> {
  return (await db.selectFrom('counseling_sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function sessionClientIds(db: ReadDb, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('counseling_session_clients')
    .select('client_id')
    // In the order they were given: the first is the client the session was recorded for.
    .where('session_id', '=', sessionId)
    .orderBy(sql`rowid`)
    .execute();
  return rows.map((row) => row.client_id);
}

export async function insertSessionRow(trx: WriteTx, row: NewSessionRow, clientIds: readonly string[], nowMs: number): Promise<void> {
  await trx.insertInto('counseling_sessions').values(row).execute();
  await insertSessionClients(trx, row.id, clientIds, nowMs);
}

async function insertSessionClients(trx: WriteTx, sessionId: string, clientIds: readonly string[], nowMs: number): Promise<void> {
  if (clientIds.length === 0) return;
  await trx
    .insertInto('counseling_session_clients')
    .values(clientIds.map((clientId) => ({ id: newId(nowMs), session_id: sessionId, client_id: clientId })))
    .execute();
}

/** A draft's clients, replaced (the trigger allows it only while the session is a draft). */
export async function replaceSessionClients(trx: WriteTx, sessionId: string, clientIds: readonly string[], nowMs: number): Promise<void> {
  const current = await sessionClientIds(trx, sessionId);
  if (current.length === clientIds.length && current.every((id, index) => id === clientIds[index])) return;
  await trx.deleteFrom('counseling_session_clients').where('session_id', '=', sessionId).execute();
  await insertSessionClients(trx, sessionId, clientIds, nowMs);
}

/** Updates a session at the version the caller read; false when it changed meanwhile. */
export async function updateSessionRow(trx: WriteTx, id: string, readVersion: number, changes: Partial<Omit<SessionRow, 'id' | 'psychologist_id' | 'created_at' | 'created_by'>>): Promise<boolean> {
  const result = await trx.updateTable('counseling_sessions').set(changes).where('id', '=', id).where('version', '=', readVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SessionListRow extends SessionRow {
  readonly psychologist_name: string;
}

/** A client's sessions, newest first, with the psychologist's name. */
export async function listSessionRowsForClient(db: ReadDb, clientId: string): Promise<SessionListRow[]> {
  return db
    .selectFrom('counseling_session_clients as link')
    .innerJoin('counseling_sessions as s', 's.id', 'link.session_id')
    .innerJoin('staff', 'staff.id', 's.psychologist_id')
    .selectAll('s')
    .select('staff.display_name as psychologist_name')
    .where('link.client_id', '=', clientId)
    .orderBy('s.started_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}

export async function listAddendumRows(db: ReadDb, sessionId: string): Promise<AddendumRow[]> {
  return db.selectFrom('counseling_addenda').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();
}

/** Every signed (or signed, then voided) session and every addendum: what `counseling.verify` checks. */
export async function listSignedSessionRows(db: ReadDb): Promise<SessionRow[]> {
  return db.selectFrom('counseling_sessions').selectAll().where('signature_hash', 'is not', null).orderBy('id').execute();
}

export async function listAllAddendumRows(db: ReadDb): Promise<AddendumRow[]> {
  return db.selectFrom('counseling_addenda').selectAll().orderBy('id').execute();
}

/**
 * How many signatures the database holds (sessions and addenda): what a check without the
 * confidential key (`cli verify`) cannot recompute and leaves to the row digests.
 */
export async function countSignatures(db: ReadDb): Promise<number> {
  const sessions = await db.selectFrom('counseling_sessions').select((eb) => eb.fn.countAll<number>().as('count')).where('signature_hash', 'is not', null).executeTakeFirstOrThrow();
  const addenda = await db.selectFrom('counseling_addenda').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(sessions.count) + Number(addenda.count);
}

/** Whether the psychologist is the client's case worker (an open case) or explicitly assigned. */
export async function isAssignedToClient(db: ReadDb, psychologistId: string, clientId: string): Promise<boolean> {
  const viaCase = await db.selectFrom('cases').select('id').where('client_id', '=', clientId).where('case_worker_id', '=', psychologistId).where('status', '=', 'open').executeTakeFirst();
  if (viaCase) return true;
  return (await findActiveAssignment(db, psychologistId, clientId)) !== null;
}

export async function findActiveAssignment(db: ReadDb, psychologistId: string, clientId: string): Promise<{ id: string } | null> {
  return (
    (await db
      .selectFrom('counseling_assignments')
      .select('id')
      .where('client_id', '=', clientId)
      .where('psychologist_id', '=', psychologistId)
      .where('ended_at', 'is', null)
      .executeTakeFirst()) ?? null
  );
}

/** The psychologist's emergency access to the client that has not expired at `nowIso`, if any. */
export async function findActiveEmergencyAccess(db: ReadDb, psychologistId: string, clientId: string, nowIso: string): Promise<EmergencyAccessRow | null> {
  return (
    (await db
      .selectFrom('counseling_emergency_access')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('psychologist_id', '=', psychologistId)
      .where('expires_at', '>', nowIso)
      .orderBy('expires_at', 'desc')
      .executeTakeFirst()) ?? null
  );
}
