import { defineArea } from '../../areas/area';
import { AttendancePage } from './AttendancePage';
import { CohortPage } from './CohortPage';
import { TrainingPage } from './TrainingPage';
import { VerifyCertificatePage } from './VerifyCertificatePage';

export const trainingArea = defineArea({
  name: 'training',
  routes: [
    { path: '/training', permission: 'training.manageCohorts', element: <TrainingPage /> },
    { path: '/training/cohorts/:cohortId', permission: 'training.read', element: <CohortPage /> },
    { path: '/training/sessions/:sessionId', permission: 'training.attendance', element: <AttendancePage /> },
    { path: '/certificates/verify', permission: 'training.read', element: <VerifyCertificatePage /> },
  ],
  nav: [
    { path: '/training', labelKey: 'training:nav', permission: 'training.manageCohorts' },
    { path: '/certificates/verify', labelKey: 'training:verify.nav', permission: 'training.read' },
  ],
});
