import { defineArea } from '../../areas/area';
import { ClientImportPage } from './ClientImportPage';

export const clientImportArea = defineArea({
  name: 'clientImport',
  routes: [{ path: '/clients/import', permission: 'clients.import', element: <ClientImportPage /> }],
  nav: [{ path: '/clients/import', labelKey: 'clientImport:nav', permission: 'clients.import' }],
});
