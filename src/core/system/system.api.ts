import { z } from 'zod';
import { definePublic } from '../api/method';

export type { DatabaseState } from '../db/store';

export const info = definePublic({
  name: 'system.info',
  input: z.object({}),
  handler: (ctx) => {
    const database = ctx.core.store.state();
    return { version: ctx.core.appVersion, database, signedIn: ctx.session !== null };
  },
});
