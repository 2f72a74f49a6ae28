import { localCalendarDate } from '../calendar/calendar';
import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { sessionContentAccess } from './counseling.policy';
import { listSessionRowsForClient } from './counseling.repository';
import type { SessionKind } from './counseling.schema';

/**
 * A counseling session on the client's timeline: metadata only, never the note. Everyone sees
 * that it took place and with which psychologist (the author); its kind only those who may read
 * the session. Voided sessions are the supervisors' only, as on the counseling tab.
 */
export interface CounselingSessionEvent extends TimelineEventBase {
  readonly kind: 'counselingSession';
  readonly sessionId: string;
  /** null for a viewer who may know only that the session took place. */
  readonly sessionKind: SessionKind | null;
  readonly isVoided: boolean;
}

export const counselingSessionSource = defineTimelineSource<CounselingSessionEvent>({
  name: 'counseling',
  requires: 'counseling.listOccurrences',
  kinds: { counselingSession: 11 },
  async collect(db, clientId, viewer) {
    const events: CounselingSessionEvent[] = [];
    const now = new Date();
    for (const row of await listSessionRowsForClient(db, clientId)) {
      if (row.status === 'voided' && viewer.role !== 'supervisor') continue;
      const mayRead = (await sessionContentAccess(db, viewer, row, [clientId], now)) !== null;
      events.push({
        kind: 'counselingSession',
        key: `counselingSession:${row.id}`,
        date: localCalendarDate(new Date(row.started_at)),
        at: row.created_at,
        byId: row.psychologist_id,
        sessionId: row.id,
        sessionKind: mayRead ? row.kind : null,
        isVoided: row.status === 'voided',
      });
    }
    return events;
  },
});
