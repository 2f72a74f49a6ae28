import { defineModule } from '../api/module';
import { STAFF_ERRORS } from './staff.errors';
import { definePermissions } from '../api/permissions';
import { add, deactivate, grantConfidentialByRecoveryMethod, grantConfidentialMethod, list, listAwaitingConfidential, resetPassword } from './staff.api';

export const STAFF_PERMISSIONS = definePermissions({
  'staff.manage': ['administrator'],
  'staff.grantConfidential': ['psychologist', 'supervisor'],
});

export const staffModule = defineModule({
  name: 'staff',
  methods: [list, listAwaitingConfidential, add, resetPassword, deactivate, grantConfidentialMethod, grantConfidentialByRecoveryMethod],
  permissions: STAFF_PERMISSIONS,
  errors: STAFF_ERRORS,
});
