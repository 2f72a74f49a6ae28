import type { Actor } from '../api/context';
import type { Permission } from '../api/permissions';
import type { ReadDb } from '../db/handles';

/**
 * The contract between the timeline and the domains that feed it. A domain that records something
 * about a client declares its sources in its manifest; the timeline never reads the domain's
 * tables, so the domain keeps deciding what of its records others may see.
 */

/** What every timeline event carries; a domain's events add their own fields and a `kind`. */
export interface TimelineEventBase {
  readonly kind: string;
  /** Stable and unique within the client's timeline (e.g. `consent:<id>`). */
  readonly key: string;
  /** The calendar day it happened (`YYYY-MM-DD`). */
  readonly date: string;
  /** When it was recorded (ISO instant). */
  readonly at: string;
  /** The staff member who recorded it (its author); null when the record keeps no author. */
  readonly byId: string | null;
}

/** Who is looking: sources hide what the viewer may not see. */
export type TimelineViewer = Pick<Actor, 'userId' | 'role' | 'permissions'>;

export interface TimelineSource<E extends TimelineEventBase = TimelineEventBase> {
  readonly name: string;
  /** Viewers without this permission get nothing from this source. */
  readonly requires: Permission;
  /**
   * The kinds this source emits, each with its rank among events recorded in the same instant:
   * the order things happen in a case's life, so a case never seems to close before it opens.
   */
  readonly kinds: Readonly<Record<E['kind'], number>>;
  collect(db: ReadDb, clientId: string, viewer: TimelineViewer): Promise<readonly E[]>;
  /** Staff an event names besides its author (a reassignment's case workers), so the timeline can give their names. */
  staffIdsOf?(event: E): readonly string[];
}

/** The event type a list of sources emits. */
export type TimelineEventOf<S> = S extends TimelineSource<infer E> ? E : never;

/**
 * Declares a source with its event type checked against its kinds.
 *
 * @example export const consentSource = defineTimelineSource<ConsentEvent>({ name: 'consents', requires: 'clients.read', kinds: { consent: 1 }, collect: ... });
 */
export function defineTimelineSource<E extends TimelineEventBase>(source: TimelineSource<E>): TimelineSource<E> {
  return source;
}
