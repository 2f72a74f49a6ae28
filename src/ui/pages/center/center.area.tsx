import { defineArea } from '../../areas/area';
import { CenterSettingsPage } from './CenterSettingsPage';

export const centerArea = defineArea({
  name: 'center',
  routes: [{ path: '/center', permission: 'center.manage', element: <CenterSettingsPage /> }],
  nav: [{ path: '/center', labelKey: 'common:nav.center', permission: 'center.manage' }],
});
