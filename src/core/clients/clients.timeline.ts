import { localCalendarDate } from '../calendar/calendar';
import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { findClientRow } from './clients.repository';

export interface RegisteredEvent extends TimelineEventBase {
  readonly kind: 'registered';
}

/** The registration itself: the first event of every timeline. */
export const registrationSource = defineTimelineSource<RegisteredEvent>({
  name: 'registration',
  requires: 'clients.read',
  kinds: { registered: 0 },
  async collect(db, clientId) {
    const row = await findClientRow(db, clientId);
    if (row === null) return [];
    return [{ kind: 'registered', key: `registered:${row.id}`, date: localCalendarDate(new Date(row.created_at)), at: row.created_at }];
  },
});
