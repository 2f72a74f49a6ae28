import type { Permission, Role } from '../api/permissions';
import { CASES_PERMISSIONS } from './cases.permissions';

/**
 * Record-level rules of cases, pure so that the core enforces them and the UI shows or hides the
 * same controls (the client page imports this module).
 */

/** Who is acting, as far as these rules care. */
export interface CaseActor {
  readonly userId: string;
  readonly permissions: readonly Permission[];
}

/**
 * Whether staff in this role may be named case worker: the role must read cases (a trainer's or
 * an administrator's could not even open the case they were given).
 *
 * @example canBeCaseWorker('receptionist'); // true
 */
export function canBeCaseWorker(role: Role): boolean {
  const readers: readonly Role[] = CASES_PERMISSIONS['cases.read'];
  return readers.includes(role);
}

/**
 * Whether the actor may add to or update the plan of this case: holders of `cases.write`, and
 * the case's own case worker (whatever their role), while the case is open.
 *
 * @example canEditPlan({ userId: 'u1', permissions: ['cases.read'] }, { caseWorkerId: 'u1', status: 'open' }); // true
 */
export function canEditPlan(actor: CaseActor, record: { readonly caseWorkerId: string | null; readonly status: string }): boolean {
  if (record.status !== 'open') return false;
  return actor.permissions.includes('cases.write') || record.caseWorkerId === actor.userId;
}
