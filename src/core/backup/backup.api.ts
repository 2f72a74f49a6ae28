import { z } from 'zod';
import { defineCoreMethod, definePublic, defineWrite } from '../api/method';
import { backupStatus, backUpNow, latestBackupOffer, restoreFromBackup, saveBackupSettings } from './backup.service';
import { restoreInputSchema, updateBackupSettingsInputSchema, type DamageOffer } from './backup.schema';

/** The newest backup, its age, whether it is overdue, and the settings: the administrator's home. */
export const status = defineCoreMethod({
  name: 'backup.status',
  input: z.object({}),
  access: 'backup.manage',
  handler: (ctx) => backupStatus(ctx.core, ctx.core.store.require().db, ctx.core.now()),
});

export const updateSettings = defineWrite({
  name: 'backup.updateSettings',
  input: updateBackupSettingsInputSchema,
  access: 'backup.manage',
  handler: async (w, input) => {
    await saveBackupSettings(w.trx, input, w.now);
    // The folder is a path on this PC, not personal data; the audit says that it changed and the interval.
    await w.audit({ entityType: 'settings', entityId: 'backup', details: { intervalHours: input.intervalHours, hasFolder: input.folder !== null } });
    return input;
  },
});

/** "Back up now": writes, checks, rotates and records one backup in the chosen folder. */
export const runNow = defineCoreMethod({
  name: 'backup.runNow',
  input: z.object({}),
  access: 'backup.manage',
  invalidates: ['backup.*'],
  handler: async (ctx) => {
    const written = await backUpNow(ctx.core, ctx.session.userId);
    return { fileName: written.path.split(/[\\/]/).at(-1) ?? '', createdAt: written.manifest.createdAt, sizeBytes: written.sizeBytes, clientCount: written.manifest.clientCount };
  },
});

/** Before sign-in: whether the check at opening found the database damaged, and the backup to offer. */
export const damage = definePublic({
  name: 'backup.damage',
  input: z.object({}),
  handler: (ctx): DamageOffer => {
    const found = ctx.core.store.damage;
    if (found === null) return { isDamaged: false, kind: null, latest: null };
    return { isDamaged: true, kind: found.kind, latest: latestBackupOffer(ctx.core.dataDir) };
  },
});

/**
 * First start on a new PC, or a damaged database: the center comes back from a backup file. It
 * says nothing changed on purpose: the screen keeps its "restored" message until the person
 * moves on to the sign-in, and refreshes the database state then.
 */
export const restore = definePublic({
  name: 'backup.restore',
  input: restoreInputSchema,
  handler: (ctx, input) => restoreFromBackup(ctx.core, input.file, 'recoveryCode' in input ? { recoveryCode: input.recoveryCode } : { username: input.username, password: input.password }),
});
