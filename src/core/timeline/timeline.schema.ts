import { z } from 'zod';
import { entityIdSchema } from '../db/ids.schema';

/** `timeline.forClient`'s input. The events' types belong to the domains that emit them. */
export const clientTimelineInput = z.object({ clientId: entityIdSchema });
