import { defineArea } from '../../areas/area';
import { DiagnosticsPage } from './DiagnosticsPage';

export const diagnosticsArea = defineArea({ name: 'diagnostics', routes: [{ path: '/diagnostics', element: <DiagnosticsPage /> }] });
