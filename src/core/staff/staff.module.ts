import { defineModule } from '../api/module';
import { STAFF_ERRORS } from './staff.errors';
import { definePermissions } from '../api/permissions';
import { accountOriginMethod, add, deactivate, grantConfidentialByRecoveryMethod, grantConfidentialInPersonMethod, list, rotateConfidentialKeyMethod, createClinicalRecoveryCodeMethod, confidentialKeyStatusMethod, listAwaitingConfidential, listConfidentialHolders, myPreferences, reactivate, setMyPreferences, resetPassword, rotateKeysMethod, update } from './staff.api';

export const STAFF_PERMISSIONS = definePermissions({
  'staff.manage': ['administrator'],
  'staff.grantConfidential': ['psychologist', 'supervisor'],
  /** Who created or last reset an account: what the two grant screens show (recovery grant, in-person grant). */
  'staff.viewAccountOrigin': ['administrator', 'psychologist', 'supervisor'],
});

export const staffModule = defineModule({
  name: 'staff',
  methods: [list, listAwaitingConfidential, listConfidentialHolders, add, update, resetPassword, deactivate, reactivate, grantConfidentialInPersonMethod, grantConfidentialByRecoveryMethod, accountOriginMethod, rotateKeysMethod, rotateConfidentialKeyMethod, createClinicalRecoveryCodeMethod, confidentialKeyStatusMethod, myPreferences, setMyPreferences],
  permissions: STAFF_PERMISSIONS,
  errors: STAFF_ERRORS,
});
