import { defineMethod } from '../api/method';
import { requireClient } from '../cases/care-guards';
import { collectTimeline } from './timeline';
import { clientTimelineInput, type ClientTimeline } from './timeline.schema';
import { TIMELINE_SOURCES } from './timeline.sources';

/**
 * `clients.timeline`: everything that happened to the client that the viewer's role may see,
 * oldest first. Registered here, not in the clients domain, because the timeline reads every care
 * domain; the clients domain does not depend on them.
 */
export const timeline = defineMethod({
  name: 'clients.timeline',
  input: clientTimelineInput,
  access: 'clients.read',
  handler: async (ctx, input): Promise<ClientTimeline> => {
    const { db } = ctx.core.store.require();
    await requireClient(db, input.clientId);
    const events = await collectTimeline(db, input.clientId, { userId: ctx.session.userId, role: ctx.session.role }, TIMELINE_SOURCES);
    return { clientId: input.clientId, events };
  },
});

export const timelineMethods = [timeline] as const;
