import { defineArea } from '../../areas/area';
import { DiagnosticsPage } from './DiagnosticsPage';

/**
 * Whether this build carries the diagnostics console: the browser harness (support and tests) and
 * a development run of the desktop app do; the packaged desktop app does not (it has no menu
 * either), so nobody there types method names into a center's live records.
 */
function isConsoleShipped(): boolean {
  return typeof window === 'undefined' || window.inson === undefined || import.meta.env.DEV;
}

/** The diagnostics console: administrators only (the core still checks every call it sends). */
export const diagnosticsArea = defineArea({
  name: 'diagnostics',
  routes: isConsoleShipped() ? [{ path: '/diagnostics', permission: 'system.diagnostics', element: <DiagnosticsPage /> }] : [],
  nav: isConsoleShipped() ? [{ path: '/diagnostics', labelKey: 'common:nav.diagnostics', permission: 'system.diagnostics' }] : [],
});
