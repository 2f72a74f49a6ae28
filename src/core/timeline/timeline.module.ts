import { defineModule } from '../api/module';
import { defineRead } from '../api/method';
import { requireClient } from '../clients/clients.guards';
import { findStaffDisplayNames } from '../staff/staff.repository';
import { collectTimeline, kindRanks, staffIdsOfEvents } from './timeline';
import type { TimelineEventBase, TimelineEventOf, TimelineSource } from './timeline-source';
import { clientTimelineInput } from './timeline.schema';

/**
 * The timeline domain: `timeline.forClient` over the sources every other domain declares in its
 * manifest. Built by the composition root, which hands it the sources; the timeline imports no
 * domain that feeds it.
 *
 * @example const timelineModule = createTimelineModule([registrationSource, consentSource]);
 */
export function createTimelineModule<const S extends readonly TimelineSource[]>(sources: S) {
  const ranks = kindRanks(sources);
  type Event = TimelineEventOf<S[number]>;
  const forClient = defineRead({
    name: 'timeline.forClient',
    input: clientTimelineInput,
    access: 'clients.read',
    handler: async (
      ctx,
      input,
    ): Promise<{ readonly clientId: string; readonly events: readonly Event[]; readonly staffNames: Readonly<Record<string, string>> }> => {
      await requireClient(ctx.db, input.clientId);
      ctx.noteRead({ entityType: 'client', entityId: input.clientId });
      // Each source emits only its own declared event type, so the collected union is exactly `Event`.
      const events = (await collectTimeline(ctx.db, input.clientId, ctx.actor, sources, ranks)) as Event[];
      // Authors and the staff events mention, by name: a timeline says who did what.
      const staffNames = await findStaffDisplayNames(ctx.db, staffIdsOfEvents<TimelineEventBase>(events, sources));
      return { clientId: input.clientId, events, staffNames };
    },
  });
  return defineModule({ name: 'timeline', methods: [forClient] });
}
