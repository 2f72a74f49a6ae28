import { z } from 'zod';
import { defineCoreMethod, definePublic } from '../api/method';
import { changePassword, currentUser, recoverAdministrator, signIn, signOut, unlockSession } from './auth.service';
import { refuseBreachedPassword } from '../staff/breached-passwords';
import { changePasswordInputSchema, recoverInputSchema, signInInputSchema, unlockInputSchema } from '../staff/staff.schema';

/** The current user on this connection, or null (the UI shows sign-in, or the lock screen if `isLocked`). */
export const me = definePublic({
  name: 'auth.me',
  input: z.object({}),
  handler: (ctx) => {
    if (!ctx.session) return null;
    ctx.core.expireIdleSession(ctx.connectionId, ctx.session);
    return currentUser(ctx.core, ctx.session);
  },
});

export const signInMethod = definePublic({
  name: 'auth.signIn',
  input: signInInputSchema,
  handler: (ctx, input) => signIn(ctx.core, ctx.connectionId, input),
});

export const signOutMethod = defineCoreMethod({
  name: 'auth.signOut',
  input: z.object({}),
  access: 'signedIn',
  allowWhenLocked: true,
  allowWhenPasswordChangeRequired: true,
  handler: async (ctx) => {
    await signOut(ctx.core, ctx.connectionId, ctx.session);
    return null;
  },
});

/** The hot key and the idle timer lock; the lock screen shows nothing about clients. */
export const lock = defineCoreMethod({
  name: 'auth.lock',
  input: z.object({}),
  access: 'signedIn',
  allowWhenLocked: true,
  allowWhenPasswordChangeRequired: true,
  handler: async (ctx) => {
    ctx.session.isLocked = true;
    // A locked screen holds no note key: the password that unlocks it unwraps the slot again.
    ctx.core.auth.setConfidentialKey(ctx.session, null);
    await ctx.core.readAudit.flush(ctx.session.userId);
    return currentUser(ctx.core, ctx.session);
  },
});

export const unlock = defineCoreMethod({
  name: 'auth.unlock',
  input: unlockInputSchema,
  access: 'signedIn',
  allowWhenLocked: true,
  allowWhenPasswordChangeRequired: true,
  handler: (ctx, input) => unlockSession(ctx.core, ctx.session, input.password),
});

export const changePasswordMethod = defineCoreMethod({
  name: 'auth.changePassword',
  input: changePasswordInputSchema,
  access: 'signedIn',
  allowWhenPasswordChangeRequired: true,
  handler: (ctx, input) => {
    refuseBreachedPassword(input.newPassword, ['newPassword']);
    return changePassword(ctx.core, ctx.session, input);
  },
});

/** With the printed recovery code, an administrator account gets a new password. */
export const recover = definePublic({
  name: 'auth.recover',
  input: recoverInputSchema,
  handler: async (ctx, input) => {
    refuseBreachedPassword(input.newPassword, ['newPassword']);
    await recoverAdministrator(ctx.core, input);
    return null;
  },
});
