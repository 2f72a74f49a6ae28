import { defineArea } from '../../areas/area';
import { RegistryUploadPage } from './RegistryUploadPage';

/** The registry upload: the administrator enrolls; administrator and manager upload, preview and carry files. */
export const syncArea = defineArea({
  name: 'sync',
  routes: [{ path: '/registry', permission: 'sync.read', element: <RegistryUploadPage /> }],
  nav: [{ path: '/registry', labelKey: 'sync:nav', permission: 'sync.read' }],
});
