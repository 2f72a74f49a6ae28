import { z } from 'zod';
import { defineRead, defineWrite } from '../api/method';
import { requireCenter, toCenterProfile, updateCenterSettings } from './center.repository';
import { updateCenterSettingsInputSchema } from './center.schema';

export const get = defineRead({
  name: 'center.get',
  input: z.object({}),
  access: 'signedIn',
  handler: async (ctx) => toCenterProfile(await requireCenter(ctx.db)),
});

export const updateSettings = defineWrite({
  name: 'center.updateSettings',
  input: updateCenterSettingsInputSchema,
  access: 'center.manage',
  handler: async (w, input) => {
    const profile = await updateCenterSettings(w.trx, input);
    await w.audit({ entityType: 'center', entityId: profile.id, details: { ...profile.settings } });
    return profile;
  },
  afterCommit: (core, profile) => {
    core.auth.inactivityLockMs = profile.settings.inactivityLockMinutes * 60_000;
  },
});
