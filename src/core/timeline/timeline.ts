import type { Kysely } from 'kysely';
import { roleHasPermission, type Permission, type Role } from '../api/permissions';
import type { Database } from '../db/database';
import type { TimelineEvent, TimelineEventKind } from './timeline.schema';

/** Who is looking: sources hide what the viewer's role may not see. */
export interface TimelineViewer {
  readonly userId: string;
  readonly role: Role;
}

/**
 * One domain's contribution to a client's timeline. A domain that records something about a client
 * (counseling, training) adds a source to `timeline.sources.ts` instead of the timeline reading its
 * tables: the domain keeps deciding what of its records others may see.
 */
export interface TimelineSource {
  readonly name: string;
  /** Viewers without this permission get nothing from this source. */
  readonly requires: Permission;
  collect(db: Kysely<Database>, clientId: string, viewer: TimelineViewer): Promise<readonly TimelineEvent[]>;
}

/**
 * For events recorded in the same instant (one write, or a coarse clock): the order in which such
 * things happen in a case's life, so a case never seems to close before it opens.
 */
const KIND_RANK: Readonly<Record<TimelineEventKind, number>> = {
  registered: 0,
  consent: 1,
  caseOpened: 2,
  planItemAdded: 3,
  serviceDelivered: 4,
  counselingSession: 4,
  referral: 5,
  planItemFinished: 6,
  caseClosed: 7,
};

/**
 * Oldest first: by calendar day, then by the moment it was recorded, then by the kind's place in a
 * case's life, then by key so the order is stable across calls.
 *
 * @example sortTimeline([{ date: '2026-11-25', ... }, { date: '2026-11-01', ... }]) // 11-01 first
 */
export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => compare(a.date, b.date) || compare(a.at, b.at) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || compare(a.key, b.key));
}

/**
 * Everything that happened to one client that the viewer may see, oldest first.
 *
 * @example const events = await collectTimeline(db, clientId, { userId, role: 'receptionist' }, TIMELINE_SOURCES);
 */
export async function collectTimeline(
  db: Kysely<Database>,
  clientId: string,
  viewer: TimelineViewer,
  sources: readonly TimelineSource[],
): Promise<TimelineEvent[]> {
  const visible = sources.filter((source) => roleHasPermission(viewer.role, source.requires));
  const parts = await Promise.all(visible.map((source) => source.collect(db, clientId, viewer)));
  return sortTimeline(parts.flat());
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
