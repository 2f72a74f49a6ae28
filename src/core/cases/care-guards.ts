import type { Kysely } from 'kysely';
import { AppError } from '../api/errors';
import { ROLES, roleHasPermission, type Role } from '../api/permissions';
import { findClientRow } from '../clients/clients.repository';
import type { WriteScope } from '../audit/run-write';
import type { Database } from '../db/database';
import { findStaffById } from '../staff/staff.repository';

/**
 * Checks every care write makes before touching a client or naming a case worker. They read
 * through the owning domains' exported functions, inside the caller's transaction.
 */

/**
 * The client exists and is not a merged-away record (new records go to the survivor).
 *
 * @example await requireActiveClient(w.trx, input.clientId);
 */
export async function requireActiveClient(db: Kysely<Database>, clientId: string): Promise<void> {
  const row = await findClientRow(db, clientId);
  if (row === null) throw new AppError('NOT_FOUND', { entity: 'client', id: clientId });
  if (row.status !== 'active') throw new AppError('CONFLICT', { reason: 'clientMerged', mergedIntoId: row.merged_into_id });
}

/**
 * For reads: the client exists (merged-away records still answer, with what stayed on them).
 *
 * @example await requireClient(db, input.clientId);
 */
export async function requireClient(db: Kysely<Database>, clientId: string): Promise<void> {
  if ((await findClientRow(db, clientId)) === null) throw new AppError('NOT_FOUND', { entity: 'client', id: clientId });
}

/**
 * Whether staff in this role may be named case worker: the role must read cases (a trainer's or
 * an administrator's could not even open the case they were given). The one rule both the
 * assignment check and the `cases.caseWorkers` list use.
 *
 * @example canBeCaseWorker('receptionist'); // true
 */
export function canBeCaseWorker(role: Role): boolean {
  return roleHasPermission(role, 'cases.read');
}

/** Every role `canBeCaseWorker` accepts, for queries that filter staff by role. */
export const CASE_WORKER_ROLES: readonly Role[] = ROLES.filter(canBeCaseWorker);

/**
 * A case worker must be an active staff member whose role can be a case worker (see `canBeCaseWorker`).
 *
 * @example await requireCaseWorker(w.trx, input.caseWorkerId);
 */
export async function requireCaseWorker(db: Kysely<Database>, staffId: string): Promise<void> {
  const staff = await findStaffById(db, staffId);
  if (staff === undefined) throw new AppError('NOT_FOUND', { entity: 'staff', id: staffId, field: 'caseWorkerId' });
  if (staff.is_active !== 1) throw new AppError('CONFLICT', { reason: 'caseWorkerInactive', field: 'caseWorkerId' });
  if (!canBeCaseWorker(staff.role)) {
    throw new AppError('CONFLICT', { reason: 'caseWorkerRoleCannotReadCases', field: 'caseWorkerId', role: staff.role });
  }
}

/** Care writes always have a signed-in actor: runWrite is only called from signed-in handlers. */
export function requireActor(w: WriteScope): string {
  if (w.actorId === null) throw new AppError('INTERNAL', { reason: 'writeWithoutActor' });
  return w.actorId;
}
