import { z } from 'zod';
import { defineRead, defineWrite } from '../api/method';
import { requireCenter, toCenterProfile, updateCenterProfile, updateCenterSettings } from './center.repository';
import { CENTER_OUTBOX } from './center.outbox';
import { updateCenterProfileInputSchema, updateCenterSettingsInputSchema } from './center.schema';

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

/**
 * `center.updateProfile`: the center's name, type, region and district after setup. Audited with
 * the fields that changed; the registry learns the new profile through the outbox. Saving an
 * unchanged profile is audited as such (every write is) and sends nothing.
 */
export const updateProfile = defineWrite({
  name: 'center.updateProfile',
  input: updateCenterProfileInputSchema,
  access: 'center.manage',
  handler: async (w, input) => {
    const { profile, changed } = await updateCenterProfile(w.trx, input);
    await w.audit({ entityType: 'center', entityId: profile.id, details: { changed: changed.join(','), type: profile.type, regionCode: profile.regionCode, districtCode: profile.districtCode } });
    if (changed.length === 0) return profile;
    await w.outbox({
      spec: CENTER_OUTBOX,
      entityId: profile.id,
      op: 'upsert',
      data: { name: profile.name, type: profile.type, regionCode: profile.regionCode, districtCode: profile.districtCode },
    });
    return profile;
  },
});
