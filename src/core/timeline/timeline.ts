import type { ReadDb } from '../db/handles';
import type { TimelineEventBase, TimelineSource, TimelineViewer } from './timeline-source';

/**
 * The ranks of every kind the sources emit, for events recorded in the same instant (one write, or
 * a coarse clock): the order in which such things happen in a case's life. A kind two sources
 * both claim stops start-up.
 *
 * @example kindRanks([consentSource, caseSource]).get('caseOpened') // 2
 */
export function kindRanks(sources: readonly TimelineSource[]): ReadonlyMap<string, number> {
  const ranks = new Map<string, number>();
  for (const source of sources) {
    for (const [kind, rank] of Object.entries<number>(source.kinds)) {
      if (ranks.has(kind)) throw new Error(`Timeline kind declared twice: ${kind}`);
      ranks.set(kind, rank);
    }
  }
  return ranks;
}

/**
 * Oldest first: by calendar day, then by the moment it was recorded, then by the kind's place in a
 * case's life, then by key so the order is stable across calls.
 *
 * @example sortTimeline(events, ranks) // 2026-11-01 before 2026-11-25
 */
export function sortTimeline<E extends TimelineEventBase>(events: readonly E[], ranks: ReadonlyMap<string, number>): E[] {
  const rank = (kind: string) => ranks.get(kind) ?? Number.MAX_SAFE_INTEGER;
  return [...events].sort((a, b) => compare(a.date, b.date) || compare(a.at, b.at) || rank(a.kind) - rank(b.kind) || compare(a.key, b.key));
}

/**
 * Everything that happened to one client that the viewer may see, oldest first.
 *
 * @example const events = await collectTimeline(db, clientId, ctx.actor, sources);
 */
export async function collectTimeline<E extends TimelineEventBase>(
  db: ReadDb,
  clientId: string,
  viewer: TimelineViewer,
  sources: readonly TimelineSource<E>[],
  ranks: ReadonlyMap<string, number> = kindRanks(sources),
): Promise<E[]> {
  const visible = sources.filter((source) => viewer.permissions.includes(source.requires));
  const parts = await Promise.all(visible.map((source) => source.collect(db, clientId, viewer)));
  return sortTimeline(parts.flat(), ranks);
}

/**
 * Every staff id the events name: their authors and whoever else a source says an event mentions.
 *
 * @example staffIdsOfEvents(events, sources) // ['s1', 's2']
 */
export function staffIdsOfEvents<E extends TimelineEventBase>(events: readonly E[], sources: readonly TimelineSource<E>[]): string[] {
  const byKind = new Map<string, TimelineSource<E>>();
  for (const source of sources) for (const kind of Object.keys(source.kinds)) byKind.set(kind, source);
  const ids = new Set<string>();
  for (const event of events) {
    if (event.byId !== null) ids.add(event.byId);
    for (const id of byKind.get(event.kind)?.staffIdsOf?.(event) ?? []) ids.add(id);
  }
  return [...ids];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
