import type { ReadDb, WriteTx } from '../db/handles';
import type { Appointment, AppointmentStatus } from './appointments.schema';
import type { AppointmentRow, NewAppointmentRow } from './appointments.table';

/** Appointments' queries; write functions take the write path's transaction. */

type JoinedRow = AppointmentRow & { readonly client_last_name: string; readonly client_first_name: string; readonly psychologist_name: string };

function joined(db: ReadDb) {
  return db
    .selectFrom('counseling_appointments')
    .innerJoin('clients', 'clients.id', 'counseling_appointments.client_id')
    .innerJoin('staff', 'staff.id', 'counseling_appointments.psychologist_id')
    .selectAll('counseling_appointments')
    .select(['clients.last_name as client_last_name', 'clients.first_name as client_first_name', 'staff.display_name as psychologist_name']);
}

function toAppointment(row: JoinedRow): Appointment {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: `${row.client_last_name} ${row.client_first_name}`,
    psychologistId: row.psychologist_id,
    psychologistName: row.psychologist_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    durationMinutes: row.duration_minutes,
    kind: row.kind,
    form: row.form,
    status: row.status,
    cancelReason: row.cancel_reason,
    sessionId: row.session_id,
    bookedFromSessionId: row.booked_from_session_id,
    outcomeAt: row.outcome_at,
    outcomeBy: row.outcome_by,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** @example const row = await findAppointmentRow(w.trx, id); */
export async function findAppointmentRow(db: ReadDb, id: string): Promise<AppointmentRow | null> {
  return (await db.selectFrom('counseling_appointments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** @example const appointment = await getAppointment(db, id); */
export async function getAppointment(db: ReadDb, id: string): Promise<Appointment | null> {
  const row = await joined(db).where('counseling_appointments.id', '=', id).executeTakeFirst();
  return row ? toAppointment(row) : null;
}

/**
 * Appointments that start in `[fromIso, toIso)`, by start, for one psychologist or (null) everyone.
 *
 * @example await listAppointments(db, { psychologistId, fromIso, toIso });
 */
export async function listAppointments(
  db: ReadDb,
  range: { readonly psychologistId: string | null; readonly fromIso: string; readonly toIso: string; readonly statuses?: readonly AppointmentStatus[] },
): Promise<Appointment[]> {
  let query = joined(db).where('counseling_appointments.starts_at', '>=', range.fromIso).where('counseling_appointments.starts_at', '<', range.toIso);
  if (range.psychologistId !== null) query = query.where('counseling_appointments.psychologist_id', '=', range.psychologistId);
  if (range.statuses !== undefined) query = query.where('counseling_appointments.status', 'in', range.statuses);
  const rows = await query.orderBy('counseling_appointments.starts_at').orderBy('counseling_appointments.id').execute();
  return rows.map(toAppointment);
}

/**
 * The psychologist's scheduled appointments that share a moment with `[startsAt, endsAt)`, other than `exceptId`.
 *
 * @example const clash = await findOverlapping(w.trx, psychologistId, startsAt, endsAt, null);
 */
export async function findOverlapping(db: ReadDb, psychologistId: string, startsAt: string, endsAt: string, exceptId: string | null): Promise<AppointmentRow | null> {
  let query = db
    .selectFrom('counseling_appointments')
    .selectAll()
    .where('psychologist_id', '=', psychologistId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', endsAt)
    .where('ends_at', '>', startsAt);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  return (await query.orderBy('starts_at').executeTakeFirst()) ?? null;
}

/** Whether a signed session already booked its "next appointment". */
export async function hasAppointmentBookedFrom(db: ReadDb, sessionId: string): Promise<boolean> {
  return (await db.selectFrom('counseling_appointments').select('id').where('booked_from_session_id', '=', sessionId).executeTakeFirst()) !== undefined;
}

export async function insertAppointmentRow(trx: WriteTx, row: NewAppointmentRow): Promise<void> {
  await trx.insertInto('counseling_appointments').values(row).execute();
}

/** Updates the row at the version read; false when someone changed it meanwhile. */
export async function updateAppointmentRow(
  trx: WriteTx,
  id: string,
  readVersion: number,
  changes: Partial<Omit<AppointmentRow, 'id' | 'psychologist_id' | 'booked_from_session_id' | 'created_at' | 'created_by'>>,
): Promise<boolean> {
  const result = await trx.updateTable('counseling_appointments').set(changes).where('id', '=', id).where('version', '=', readVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An active staff member's role and name, or null. */
export async function findActiveStaff(db: ReadDb, id: string): Promise<{ readonly role: string; readonly displayName: string } | null> {
  const row = await db.selectFrom('staff').select(['role', 'display_name']).where('id', '=', id).where('is_active', '=', 1).executeTakeFirst();
  return row ? { role: row.role, displayName: row.display_name } : null;
}
