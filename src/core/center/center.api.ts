import { z } from 'zod';
import { defineMethod, publicHandler } from '../api/method';
import { runWrite } from '../audit/run-write';
import { parseCenterSettings, requireCenter, toCenterProfile } from './center.repository';
import { createCenterInputSchema, updateCenterSettingsInputSchema } from './center.schema';
import { createCenter } from './setup.service';

/** First start only: creates the center, its administrator and its keys; returns the recovery code once. */
export const createCenterMethod = defineMethod({
  name: 'setup.createCenter',
  input: createCenterInputSchema,
  access: 'public',
  handler: publicHandler((ctx, input: z.output<typeof createCenterInputSchema>) => createCenter(ctx.core, input)),
});

export const get = defineMethod({
  name: 'center.get',
  input: z.object({}),
  access: 'signedIn',
  handler: async (ctx) => toCenterProfile(await requireCenter(ctx.core.store.require().db)),
});

export const updateSettings = defineMethod({
  name: 'center.updateSettings',
  input: updateCenterSettingsInputSchema,
  access: 'center.manage',
  handler: async (ctx, input) => {
    const profile = await runWrite(ctx, async (w) => {
      const row = await requireCenter(w.trx);
      const settings = { ...parseCenterSettings(row.settings), ...input };
      await w.trx.updateTable('center').set({ settings: JSON.stringify(settings) }).where('id', '=', row.id).execute();
      await w.audit({ action: 'center.updateSettings', entityType: 'center', entityId: row.id, details: { ...settings } });
      return toCenterProfile({ ...row, settings: JSON.stringify(settings) });
    });
    ctx.core.auth.inactivityLockMs = profile.settings.inactivityLockMinutes * 60_000;
    return profile;
  },
});

export const setupMethods = [createCenterMethod] as const;
export const centerMethods = [get, updateSettings] as const;
