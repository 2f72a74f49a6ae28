import { z } from 'zod';
import { defineRead } from '../api/method';
import { readChainHeadDb } from './anchors';

/**
 * `audit.chainHead`: the audit chain's head (the last event's seq and hash) as stored, for the
 * people who compare it with a printed `verify` report, an anchor or the registry's receipts.
 * It says where the chain ends, not that it holds: `cli verify` checks that.
 */
export const chainHead = defineRead({
  name: 'audit.chainHead',
  input: z.object({}).strict(),
  access: 'audit.verify',
  handler: (ctx) => readChainHeadDb(ctx.db),
});
