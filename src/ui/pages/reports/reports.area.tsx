import { defineArea } from '../../areas/area';
import { CellListPage } from './CellListPage';
import { ReportsPage } from './ReportsPage';

export const reportsArea = defineArea({
  name: 'reports',
  routes: [
    { path: '/reports', permission: 'reports.view', element: <ReportsPage /> },
    { path: '/reports/list', permission: 'reports.view', element: <CellListPage /> },
  ],
  nav: [{ path: '/reports', labelKey: 'reports:nav', permission: 'reports.view' }],
});
