import type { Permission } from '../../core/api/permissions';

/**
 * The signed-in navigation. An entry with a permission is shown only to roles that hold it (the
 * core refuses the calls anyway; hiding just keeps screens honest). Areas add their entries here
 * and their routes in SignedInRoutes.
 */
export interface NavEntry {
  readonly path: string;
  /** i18n key, `namespace:key`. */
  readonly labelKey: string;
  readonly permission?: Permission;
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/', labelKey: 'common:nav.home' },
  { path: '/clients', labelKey: 'clients:nav', permission: 'clients.read' },
  { path: '/staff', labelKey: 'common:nav.staff', permission: 'staff.manage' },
  { path: '/center', labelKey: 'common:nav.center', permission: 'center.manage' },
  { path: '/confidential-access', labelKey: 'staff:confidential.nav', permission: 'staff.grantConfidential' },
  { path: '/account', labelKey: 'common:nav.account' },
];

export function visibleEntries(can: (permission: Permission) => boolean): readonly NavEntry[] {
  return NAV_ENTRIES.filter((entry) => entry.permission === undefined || can(entry.permission));
}
