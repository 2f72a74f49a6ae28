import { definePermissions, ROLES } from '../api/permissions';

/**
 * Who may do what with counseling records. A leaf: the policy and the manifest both read it.
 * `counseling.listOccurrences`: that a session took place (date, psychologist), for every role.
 * `counseling.read` and `counseling.write`: the confidential content, for the roles whose slots
 * may hold the key (the core also needs the key itself in the session, and checks the client's
 * assignment per record).
 */
export const COUNSELING_PERMISSIONS = definePermissions({
  'counseling.listOccurrences': ROLES,
  'counseling.read': ['psychologist', 'supervisor'],
  'counseling.write': ['psychologist', 'supervisor'],
  'counseling.supervise': ['supervisor'],
  'counseling.breakGlass': ['psychologist'],
});
