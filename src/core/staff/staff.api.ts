import { z } from 'zod';
import { defineCoreMethod, defineRead } from '../api/method';
import { findStaffById, listStaff, toStaffMember } from './staff.repository';
import { addStaffInputSchema, grantByRecoveryInputSchema, staffIdInputSchema } from './staff.schema';
import { addStaff, deactivateStaff, grantConfidential, grantConfidentialByRecovery, resetStaffPassword } from './staff.service';

/*
 * The staff methods that write change a key slot with the row (keyring and database together),
 * so they take the wide context and open the write path themselves (`ctx.core.write`).
 */

export const list = defineRead({
  name: 'staff.list',
  input: z.object({}),
  access: 'staff.manage',
  handler: async (ctx) => (await listStaff(ctx.db)).map(toStaffMember),
});

/** Psychologists and supervisors still waiting for the confidential key: what a granting colleague needs to see. */
export const listAwaitingConfidential = defineRead({
  name: 'staff.listAwaitingConfidential',
  input: z.object({}),
  access: 'staff.grantConfidential',
  handler: async (ctx) =>
    (await listStaff(ctx.db))
      .map(toStaffMember)
      .filter((member) => member.needsConfidentialGrant)
      .map(({ id, username, displayName, role }) => ({ id, username, displayName, role })),
});

export const add = defineCoreMethod({
  name: 'staff.add',
  input: addStaffInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*'],
  handler: (ctx, input) => addStaff(ctx, input),
});

export const resetPassword = defineCoreMethod({
  name: 'staff.resetPassword',
  input: staffIdInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*'],
  handler: (ctx, input) => resetStaffPassword(ctx, input.userId),
});

export const deactivate = defineCoreMethod({
  name: 'staff.deactivate',
  input: staffIdInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*', 'cases.caseWorkers'],
  handler: async (ctx, input) => {
    await deactivateStaff(ctx, input.userId);
    const row = await findStaffById(ctx.core.store.require().db, input.userId);
    return row ? toStaffMember(row) : null;
  },
});

/** Needs a signed-in psychologist or supervisor: administrators do not hold the confidential key. */
export const grantConfidentialMethod = defineCoreMethod({
  name: 'staff.grantConfidential',
  input: staffIdInputSchema,
  access: 'staff.grantConfidential',
  invalidates: ['staff.*'],
  handler: async (ctx, input) => {
    await grantConfidential(ctx, input.userId);
    return null;
  },
});

/** For the first psychologist or supervisor, when no colleague holds the key yet. */
export const grantConfidentialByRecoveryMethod = defineCoreMethod({
  name: 'staff.grantConfidentialByRecovery',
  input: grantByRecoveryInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*'],
  handler: async (ctx, input) => {
    await grantConfidentialByRecovery(ctx, input.userId, input.recoveryCode);
    return null;
  },
});
