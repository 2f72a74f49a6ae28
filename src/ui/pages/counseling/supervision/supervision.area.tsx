import { defineArea } from '../../../areas/area';
import { CounselingSupervisionPage } from './CounselingSupervisionPage';

/** Counseling supervision: the attention list and the emergency-access list, for supervisors. */
export const counselingSupervisionArea = defineArea({
  name: 'counselingSupervision',
  routes: [{ path: '/counseling/supervision', permission: 'counseling.supervise', element: <CounselingSupervisionPage /> }],
  nav: [{ path: '/counseling/supervision', labelKey: 'clinical:supervision.nav', permission: 'counseling.supervise' }],
});
