import { z } from 'zod';
import { defineCoreMethod, defineRead, defineWrite } from '../api/method';
import { findStaffById, listStaff, toStaffMember } from './staff.repository';
import { readMyPreferences, saveMyPreferences } from './staff.preferences';
import { addStaffInputSchema, myPreferencesSchema, grantByRecoveryInputSchema, grantInPersonInputSchema, rotateKeysInputSchema, staffIdInputSchema, updateStaffInputSchema } from './staff.schema';
import { addStaff, deactivateStaff, reactivateStaff, resetStaffPassword, rotateKeys, updateStaffAccount } from './staff.service';
import { accountOrigin, confidentialKeyStatus, createClinicalRecoveryCode, grantConfidentialByRecovery, grantConfidentialInPerson, rotateConfidentialKey } from './confidential-grant';

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

/**
 * Who holds the confidential key now (active accounts only): the people a colleague without it
 * can ask. An empty list means nobody holds it yet, and only the recovery code can give the first one.
 */
export const listConfidentialHolders = defineRead({
  name: 'staff.listConfidentialHolders',
  input: z.object({}),
  access: 'staff.grantConfidential',
  handler: async (ctx) =>
    (await listStaff(ctx.db))
      .map(toStaffMember)
      .filter((member) => member.isActive && member.holdsConfidential)
      .map(({ id, displayName, role }) => ({ id, displayName, role })),
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
    const { keysRotated, notesKeyChangeDue } = await deactivateStaff(ctx, input.userId);
    const row = await findStaffById(ctx.core.store.require().db, input.userId);
    return row ? { ...toStaffMember(row), keysRotated, notesKeyChangeDue } : null;
  },
});

/** Name and role; a role that no longer holds the confidential key loses it (and the key is rotated at the next holder's sign-in). */
export const update = defineCoreMethod({
  name: 'staff.update',
  input: updateStaffInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*', 'cases.caseWorkers'],
  handler: async (ctx, input) => {
    const { confidentialKeyRevoked } = await updateStaffAccount(ctx, input);
    const row = await findStaffById(ctx.core.store.require().db, input.userId);
    return row ? { ...toStaffMember(row), confidentialKeyRevoked } : null;
  },
});

/** A deactivated account back, with a new temporary password shown once. */
export const reactivate = defineCoreMethod({
  name: 'staff.reactivate',
  input: staffIdInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*', 'cases.caseWorkers'],
  handler: (ctx, input) => reactivateStaff(ctx, input.userId),
});

/**
 * A new database key for every remaining slot, sealed to each slot's box, the database re-keyed
 * under it (automatic after a deactivation; offered after a password reset). Asks the
 * administrator's own password again.
 */
export const rotateKeysMethod = defineCoreMethod({
  name: 'staff.rotateKeys',
  input: rotateKeysInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*'],
  handler: (ctx, input) => rotateKeys(ctx, input.actorPassword),
});

/**
 * Needs a signed-in psychologist or supervisor (administrators do not hold the confidential key);
 * the recipient types her own password on the granter's screen.
 */
export const grantConfidentialInPersonMethod = defineCoreMethod({
  name: 'staff.grantConfidentialInPerson',
  input: grantInPersonInputSchema,
  access: 'staff.grantConfidential',
  invalidates: ['staff.*'],
  handler: async (ctx, input) => {
    await grantConfidentialInPerson(ctx, input);
    return null;
  },
});

/**
 * A new confidential key, re-encrypting every note under it in the background; the holder types
 * her password again. Colleagues who held the old key receive the new one from her in person.
 */
export const rotateConfidentialKeyMethod = defineCoreMethod({
  name: 'staff.rotateConfidentialKey',
  input: rotateKeysInputSchema,
  access: 'staff.grantConfidential',
  invalidates: ['staff.*'],
  handler: (ctx, input) => rotateConfidentialKey(ctx, input.actorPassword),
});

/** A supervisor who holds the key prints the clinical recovery code (shown once); her password again. */
export const createClinicalRecoveryCodeMethod = defineCoreMethod({
  name: 'staff.createClinicalRecoveryCode',
  input: rotateKeysInputSchema,
  access: 'staff.grantConfidential',
  invalidates: ['staff.*'],
  handler: (ctx, input) => createClinicalRecoveryCode(ctx, input.actorPassword),
});

/** Who holds the key to notes and which printed code could give it again: counts and dates only. */
export const confidentialKeyStatusMethod = defineCoreMethod({
  name: 'staff.confidentialKeyStatus',
  input: z.object({}),
  access: 'signedIn',
  handler: (ctx) => confidentialKeyStatus(ctx.core),
});

/** For the first psychologist or supervisor, while nobody holds the key yet; she types her own password too. */
export const grantConfidentialByRecoveryMethod = defineCoreMethod({
  name: 'staff.grantConfidentialByRecovery',
  input: grantByRecoveryInputSchema,
  access: 'staff.manage',
  invalidates: ['staff.*'],
  handler: async (ctx, input) => {
    await grantConfidentialByRecovery(ctx, input);
    return null;
  },
});

/** Who created the account and who last reset its password: what both grant screens show. */
export const accountOriginMethod = defineRead({
  name: 'staff.accountOrigin',
  input: staffIdInputSchema,
  access: 'staff.viewAccountOrigin',
  handler: (ctx, input) => accountOrigin(ctx.db, input.userId),
});

/** One's own display preferences; the account is always the caller's own (no id to pass). */
export const myPreferences = defineRead({
  name: 'staff.myPreferences',
  input: z.object({}),
  access: 'signedIn',
  handler: (ctx) => readMyPreferences(ctx.db, ctx.actor.userId),
});

/** Changes one's own display preferences (audited; nothing of it leaves the center). */
export const setMyPreferences = defineWrite({
  name: 'staff.setMyPreferences',
  input: myPreferencesSchema,
  access: 'signedIn',
  handler: (w, input) => saveMyPreferences(w, input),
});
