import { z } from 'zod';
import { defineMethod } from '../api/method';
import { findStaffById, listStaff, toStaffMember } from './staff.repository';
import { addStaffInputSchema, grantByRecoveryInputSchema, staffIdInputSchema } from './staff.schema';
import { addStaff, deactivateStaff, grantConfidential, grantConfidentialByRecovery, resetStaffPassword } from './staff.service';

export const list = defineMethod({
  name: 'staff.list',
  input: z.object({}),
  access: 'staff.manage',
  handler: async (ctx) => (await listStaff(ctx.core.store.require().db)).map(toStaffMember),
});

/** Psychologists and supervisors still waiting for the confidential key: what a granting colleague needs to see. */
export const listAwaitingConfidential = defineMethod({
  name: 'staff.listAwaitingConfidential',
  input: z.object({}),
  access: 'staff.grantConfidential',
  handler: async (ctx) =>
    (await listStaff(ctx.core.store.require().db))
      .map(toStaffMember)
      .filter((member) => member.needsConfidentialGrant)
      .map(({ id, username, displayName, role }) => ({ id, username, displayName, role })),
});

export const add = defineMethod({
  name: 'staff.add',
  input: addStaffInputSchema,
  access: 'staff.manage',
  handler: (ctx, input) => addStaff(ctx, input),
});

export const resetPassword = defineMethod({
  name: 'staff.resetPassword',
  input: staffIdInputSchema,
  access: 'staff.manage',
  handler: (ctx, input) => resetStaffPassword(ctx, input.userId),
});

export const deactivate = defineMethod({
  name: 'staff.deactivate',
  input: staffIdInputSchema,
  access: 'staff.manage',
  handler: async (ctx, input) => {
    await deactivateStaff(ctx, input.userId);
    const row = await findStaffById(ctx.core.store.require().db, input.userId);
    return row ? toStaffMember(row) : null;
  },
});

/** Needs a signed-in psychologist or supervisor: administrators do not hold the confidential key. */
export const grantConfidentialMethod = defineMethod({
  name: 'staff.grantConfidential',
  input: staffIdInputSchema,
  access: 'staff.grantConfidential',
  handler: async (ctx, input) => {
    await grantConfidential(ctx, input.userId);
    return null;
  },
});

/** For the first psychologist or supervisor, when no colleague holds the key yet. */
export const grantConfidentialByRecoveryMethod = defineMethod({
  name: 'staff.grantConfidentialByRecovery',
  input: grantByRecoveryInputSchema,
  access: 'staff.manage',
  handler: async (ctx, input) => {
    await grantConfidentialByRecovery(ctx, input.userId, input.recoveryCode);
    return null;
  },
});

export const staffMethods = [list, listAwaitingConfidential, add, resetPassword, deactivate, grantConfidentialMethod, grantConfidentialByRecoveryMethod] as const;
