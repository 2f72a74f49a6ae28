import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineMethod, publicHandler } from '../api/method';

export type DatabaseState = 'notSetUp' | 'locked' | 'open';

export const info = defineMethod({
  name: 'system.info',
  input: z.object({}),
  access: 'public',
  handler: publicHandler((ctx) => {
    const database: DatabaseState = existsSync(join(ctx.core.dataDir, 'keyring.json')) ? 'locked' : 'notSetUp';
    return { version: ctx.core.appVersion, database, signedIn: ctx.session !== null };
  }),
});

export const systemMethods = [info] as const;
