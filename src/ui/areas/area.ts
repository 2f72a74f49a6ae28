import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import type { AppPermission, AppTimelineEvent } from '../../core/app';

/**
 * One area of the UI (clients, staff, center, ...): its routes, its navigation entries and how it
 * words its timeline events. Each area's folder declares one (`src/ui/pages/<area>/<area>.area.tsx`);
 * `areas.ts` lists them, and the shell derives routes, navigation and the timeline from the list.
 */

export interface AreaRoute {
  readonly path: string;
  /** The route exists only for roles with this permission (the core checks every call anyway). */
  readonly permission?: AppPermission;
  readonly element: ReactElement;
}

export interface AreaNavEntry {
  readonly path: string;
  readonly labelKey: string;
  readonly permission?: AppPermission;
}

export type TimelineKind = AppTimelineEvent['kind'];

/** What a timeline renderer may use besides the translator. */
export interface TimelineWording {
  readonly t: TFunction;
  serviceName(code: string): string;
  formatDay(isoDate: string): string;
  /** A staff member's name as the timeline gives it ('' for none). */
  staffName(id: string | null): string;
}

/** One sentence per event kind; each kind is worded by the area that owns it. */
export type TimelineRenderers = { readonly [K in TimelineKind]?: (event: Extract<AppTimelineEvent, { kind: K }>, wording: TimelineWording) => string };

export interface UiArea {
  readonly name: string;
  readonly routes: readonly AreaRoute[];
  readonly nav?: readonly AreaNavEntry[];
  readonly timeline?: TimelineRenderers;
}

/** Declares an area. */
export function defineArea(area: UiArea): UiArea {
  return area;
}
