import { localCalendarDate } from '../calendar/calendar';
import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { findClientRow } from './clients.repository';

export interface RegisteredEvent extends TimelineEventBase {
  readonly kind: 'registered';
}

/**
 * A merge this record took part in: `role` says which side it was on (`survivor`: the duplicate's
 * services, consents and cases came here; `merged`: this record's went to `otherClientId`).
 */
export interface ClientMergedEvent extends TimelineEventBase {
  readonly kind: 'clientMerged';
  readonly mergeId: string;
  readonly role: 'survivor' | 'merged';
  readonly otherClientId: string;
}

/** The undoing of a merge (`clients.unmerge`): the rows it moved went back. */
export interface ClientUnmergedEvent extends TimelineEventBase {
  readonly kind: 'clientUnmerged';
  readonly mergeId: string;
  readonly role: 'survivor' | 'merged';
  readonly otherClientId: string;
}

export type ClientEvent = RegisteredEvent | ClientMergedEvent | ClientUnmergedEvent;

/** The registration itself (the first event of every timeline), and the merges the record took part in. */
export const registrationSource = defineTimelineSource<ClientEvent>({
  name: 'registration',
  requires: 'clients.read',
  kinds: { registered: 0, clientMerged: 9, clientUnmerged: 10 },
  async collect(db, clientId) {
    const row = await findClientRow(db, clientId);
    if (row === null) return [];
    const events: ClientEvent[] = [{ kind: 'registered', key: `registered:${row.id}`, date: localCalendarDate(new Date(row.created_at)), at: row.created_at, byId: row.created_by }];
    const merges = await db
      .selectFrom('client_merges')
      .selectAll()
      .where((eb) => eb.or([eb('survivor_id', '=', clientId), eb('merged_id', '=', clientId)]))
      .orderBy('merged_at')
      .execute();
    for (const merge of merges) {
      const role = merge.survivor_id === clientId ? 'survivor' : 'merged';
      const otherClientId = role === 'survivor' ? merge.merged_id : merge.survivor_id;
      events.push({
        kind: 'clientMerged',
        key: `clientMerged:${merge.id}`,
        date: localCalendarDate(new Date(merge.merged_at)),
        at: merge.merged_at,
        byId: merge.merged_by,
        mergeId: merge.id,
        role,
        otherClientId,
      });
      if (merge.unmerged_at !== null) {
        events.push({
          kind: 'clientUnmerged',
          key: `clientUnmerged:${merge.id}`,
          date: localCalendarDate(new Date(merge.unmerged_at)),
          at: merge.unmerged_at,
          byId: merge.unmerged_by,
          mergeId: merge.id,
          role,
          otherClientId,
        });
      }
    }
    return events;
  },
});
