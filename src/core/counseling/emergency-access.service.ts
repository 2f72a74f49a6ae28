import { findCenter, parseCenterSettings } from '../center/center.repository';
import { requireActiveClient } from '../clients/clients.guards';
import { newId } from '../db/ids';
import { findStaffById } from '../staff/staff.repository';
import type { ListedClientName } from './risk.service';
import type { CounselingCall } from './counseling.call';
import { counselingError } from './counseling.errors';
import { findActiveAssignment, findActiveEmergencyAccess, isAssignedToClient } from './counseling.repository';
import { assertHoldsConfidentialKey, openOnce, sealOnce } from './counseling.sealed';
import { auditContentRead, openAudited } from './session-records.service';

/**
 * Emergency access ("break the glass"): a psychologist opens an unassigned client's counseling
 * record after typing a reason. It lasts the center's `emergencyAccessHours` (default 4), is
 * audited, and stays on the supervisors' list until one of them reviews it. Explicit assignments
 * (besides the case worker of an open case) are made by supervisors here too.
 */

export const EMERGENCY_ENTITY = 'counselingEmergencyAccess';

/**
 * `counseling.breakGlass`.
 *
 * @example const { id, expiresAt } = await breakGlass(call, { clientId, reason: 'Client called in crisis at night; her psychologist is on leave.' });
 */
export async function breakGlass(call: CounselingCall, input: { readonly clientId: string; readonly reason: string }): Promise<{ id: string; expiresAt: string }> {
  assertHoldsConfidentialKey(call);
  return call.write(async (w) => {
    await requireActiveClient(w.trx, input.clientId);
    if (await isAssignedToClient(w.trx, call.actor.userId, input.clientId)) throw counselingError('CONFLICT', 'alreadyHasAccess');
    const nowIso = w.now.toISOString();
    if ((await findActiveEmergencyAccess(w.trx, call.actor.userId, input.clientId, nowIso)) !== null) throw counselingError('CONFLICT', 'alreadyHasAccess');
    const center = await findCenter(w.trx);
    const hours = center ? parseCenterSettings(center.settings).emergencyAccessHours : 4;
    const id = newId(w.now.getTime());
    const expiresAt = new Date(w.now.getTime() + hours * 3_600_000).toISOString();
    await w.trx
      .insertInto('counseling_emergency_access')
      .values({ id, client_id: input.clientId, psychologist_id: call.actor.userId, reason: sealOnce(call, id, 'reason', input.reason), opened_at: nowIso, expires_at: expiresAt })
      .execute();
    await w.audit({ action: 'counseling.breakGlass', entityType: EMERGENCY_ENTITY, entityId: id, details: { clientId: input.clientId, hours, expiresAt } });
    return { id, expiresAt };
  });
}

export interface EmergencyAccessItem {
  readonly id: string;
  readonly clientId: string;
  readonly client: ListedClientName;
  readonly psychologistId: string;
  readonly psychologistName: string;
  readonly reason: string;
  readonly openedAt: string;
  readonly expiresAt: string;
  readonly isActive: boolean;
}

/** `counseling.listEmergencyAccess`: every emergency access not yet reviewed, oldest first (reading the reasons is audited). */
export async function listEmergencyAccess(call: CounselingCall): Promise<{ items: EmergencyAccessItem[] }> {
  assertHoldsConfidentialKey(call);
  const rows = await call.db
    .selectFrom('counseling_emergency_access as e')
    .innerJoin('staff', 'staff.id', 'e.psychologist_id')
    .innerJoin('clients', 'clients.id', 'e.client_id')
    .selectAll('e')
    .select(['staff.display_name as psychologist_name', 'clients.last_name', 'clients.first_name', 'clients.patronymic'])
    .where('e.reviewed_at', 'is', null)
    .orderBy('e.opened_at')
    .execute();
  const nowIso = call.now.toISOString();
  const items = await openAudited(call, { entityType: EMERGENCY_ENTITY, entityId: 'list' }, () =>
    rows.map((row) => ({
      id: row.id,
      clientId: row.client_id,
      client: { lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic },
      psychologistId: row.psychologist_id,
      psychologistName: row.psychologist_name,
      reason: openOnce(call, row.id, 'reason', row.reason),
      openedAt: row.opened_at,
      expiresAt: row.expires_at,
      isActive: row.expires_at > nowIso,
    })),
  );
  if (items.length > 0) await auditContentRead(call, { entityType: EMERGENCY_ENTITY, entityId: 'list' }, 'counseling.listEmergencyAccess', { via: 'supervisor' });
  return { items };
}

/** `counseling.reviewEmergencyAccess`: a supervisor marks one as reviewed; it leaves the list (its access still runs out on time). */
export async function reviewEmergencyAccess(call: CounselingCall, id: string): Promise<{ id: string; reviewedAt: string }> {
  return call.write(async (w) => {
    const row = await w.trx.selectFrom('counseling_emergency_access').select(['id', 'reviewed_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw counselingError('NOT_FOUND', 'emergencyAccess', { id });
    if (row.reviewed_at !== null) throw counselingError('CONFLICT', 'alreadyReviewed');
    const reviewedAt = w.now.toISOString();
    await w.trx.updateTable('counseling_emergency_access').set({ reviewed_by: call.actor.userId, reviewed_at: reviewedAt }).where('id', '=', id).execute();
    await w.audit({ action: 'counseling.reviewEmergencyAccess', entityType: EMERGENCY_ENTITY, entityId: id });
    return { id, reviewedAt };
  });
}

/** `counseling.assign`: a supervisor assigns a client to a psychologist (besides any case worker). */
export async function assignClient(call: CounselingCall, input: { readonly clientId: string; readonly psychologistId: string }): Promise<{ id: string }> {
  return call.write(async (w) => {
    await requireActiveClient(w.trx, input.clientId);
    const staff = await findStaffById(w.trx, input.psychologistId);
    if (!staff || staff.is_active !== 1 || staff.role !== 'psychologist') throw counselingError('CONFLICT', 'notAPsychologist');
    if ((await findActiveAssignment(w.trx, input.psychologistId, input.clientId)) !== null) throw counselingError('CONFLICT', 'alreadyAssigned');
    const id = newId(w.now.getTime());
    await w.trx
      .insertInto('counseling_assignments')
      .values({ id, client_id: input.clientId, psychologist_id: input.psychologistId, assigned_by: call.actor.userId, assigned_at: w.now.toISOString() })
      .execute();
    await w.audit({ action: 'counseling.assign', entityType: 'client', entityId: input.clientId, details: { psychologistId: input.psychologistId, assignmentId: id } });
    return { id };
  });
}

/** `counseling.endAssignment`: the assignment ends (kept as history). */
export async function endAssignment(call: CounselingCall, input: { readonly clientId: string; readonly psychologistId: string }): Promise<{ id: string }> {
  return call.write(async (w) => {
    const active = await findActiveAssignment(w.trx, input.psychologistId, input.clientId);
    if (active === null) throw counselingError('CONFLICT', 'notAssigned');
    await w.trx.updateTable('counseling_assignments').set({ ended_by: call.actor.userId, ended_at: w.now.toISOString() }).where('id', '=', active.id).execute();
    await w.audit({ action: 'counseling.endAssignment', entityType: 'client', entityId: input.clientId, details: { psychologistId: input.psychologistId, assignmentId: active.id } });
    return { id: active.id };
  });
}
