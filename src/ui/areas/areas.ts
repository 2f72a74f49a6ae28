import type { Permission } from '../../core/api/permissions';
import { accountArea } from '../pages/account/account.area';
import { appointmentsArea } from '../pages/appointments/appointments.area';
import { catalogArea } from '../pages/catalog/catalog.area';
import { centerArea } from '../pages/center/center.area';
import { clientImportArea } from '../pages/client-import/client-import.area';
import { clientsArea } from '../pages/clients/clients.area';
import { counselingArea } from '../pages/counseling/counseling.area';
import { counselingSupervisionArea } from '../pages/counseling/supervision/supervision.area';
import { diagnosticsArea } from '../pages/diagnostics/diagnostics.area';
import { homeArea } from '../pages/home/home.area';
import { reportsArea } from '../pages/reports/reports.area';
import { staffArea } from '../pages/staff/staff.area';
import { trainingArea } from '../pages/training/training.area';
import type { AreaNavEntry, AreaRoute, TimelineRenderers, UiArea } from './area';

/** The one list of the UI's areas, in navigation order. A new area adds one line. */
export const AREAS: readonly UiArea[] = [homeArea, clientsArea, counselingArea, appointmentsArea, clientImportArea, trainingArea, reportsArea, staffArea, counselingSupervisionArea, centerArea, catalogArea, accountArea, diagnosticsArea];

type Can = (permission: Permission) => boolean;

/** The routes this role may open. */
export function visibleRoutes(can: Can, areas: readonly UiArea[] = AREAS): readonly AreaRoute[] {
  return areas.flatMap((area) => area.routes).filter((route) => route.permission === undefined || can(route.permission));
}

/** The navigation entries this role sees. */
export function visibleEntries(can: Can, areas: readonly UiArea[] = AREAS): readonly AreaNavEntry[] {
  return areas.flatMap((area) => area.nav ?? []).filter((entry) => entry.permission === undefined || can(entry.permission));
}

/** Every area's timeline renderers; a kind worded by two areas is a mistake the test catches. */
export const TIMELINE_RENDERERS: TimelineRenderers = Object.assign({}, ...AREAS.map((area) => area.timeline ?? {})) as TimelineRenderers;
