import { definePermissions } from '../api/permissions';

/** Who may read and run cases. A leaf: the cases policy and the manifest both read it. */
export const CASES_PERMISSIONS = definePermissions({
  'cases.read': ['manager', 'receptionist', 'psychologist', 'supervisor'],
  'cases.write': ['receptionist'],
});
