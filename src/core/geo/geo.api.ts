import { z } from 'zod';
import { definePublic } from '../api/method';
import { listRegions } from '../uz/regions';

/**
 * `geo.regions`: the official regions and districts with names in the four languages, for the
 * setup wizard (which runs before any account exists, hence public: the list is public data)
 * and the intake form.
 */
export const regions = definePublic({
  name: 'geo.regions',
  input: z.object({}).strict(),
  handler: () => ({ regions: listRegions() }),
});
