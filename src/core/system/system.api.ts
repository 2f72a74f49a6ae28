import { z } from 'zod';
import { definePublic } from '../api/method';
import { findEnrollment } from '../sync/enrollment';

export type { DatabaseState } from '../db/store';

export const info = definePublic({
  name: 'system.info',
  input: z.object({}),
  handler: async (ctx) => {
    const database = ctx.core.store.state();
    // The center's number at the registry once enrolled (not personal: the registry page shows it):
    // the updater's staged rollout and channel are decided by it. Null while the database is locked.
    const enrollment = ctx.core.store.isOpen ? await findEnrollment(ctx.core.store.require().db) : null;
    return { version: ctx.core.appVersion, database, signedIn: ctx.session !== null, registryCenterId: enrollment?.centerId ?? null };
  },
});
