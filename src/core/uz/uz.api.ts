import { z } from 'zod';
import { defineMethod, publicHandler } from '../api/method';
import { listRegions } from './regions';

/**
 * `geo.regions`: the official regions and districts with names in the four languages, for the
 * setup wizard (which runs before any account exists, hence `public`: the list is public data)
 * and the intake form.
 */
export const regions = defineMethod({
  name: 'geo.regions',
  input: z.object({}).strict(),
  access: 'public',
  handler: publicHandler(() => ({ regions: listRegions() })),
});

export const uzMethods = [regions] as const;
