import { defineArea } from '../../areas/area';
import { ConfidentialAccessPage } from './ConfidentialAccessPage';
import { StaffPage } from './StaffPage';

export const staffArea = defineArea({
  name: 'staff',
  routes: [
    { path: '/staff', permission: 'staff.manage', element: <StaffPage /> },
    { path: '/confidential-access', permission: 'staff.grantConfidential', element: <ConfidentialAccessPage /> },
  ],
  nav: [
    { path: '/staff', labelKey: 'common:nav.staff', permission: 'staff.manage' },
    { path: '/confidential-access', labelKey: 'staff:confidential.nav', permission: 'staff.grantConfidential' },
  ],
});
