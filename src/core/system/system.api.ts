import { z } from 'zod';
import { defineMethod, publicHandler } from '../api/method';

export type { DatabaseState } from '../db/store';

export const info = defineMethod({
  name: 'system.info',
  input: z.object({}),
  access: 'public',
  handler: publicHandler((ctx) => {
    const database = ctx.core.store.state();
    return { version: ctx.core.appVersion, database, signedIn: ctx.session !== null };
  }),
});

export const systemMethods = [info] as const;
