import { defineArea } from '../../areas/area';
import { AccountPage } from './AccountPage';

export const accountArea = defineArea({
  name: 'account',
  routes: [{ path: '/account', element: <AccountPage /> }],
  nav: [{ path: '/account', labelKey: 'common:nav.account' }],
});
