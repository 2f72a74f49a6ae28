import { holdsConfidentialKey, type Role } from '../api/permissions';

/**
 * Account rules shared by the core and the staff screens (pure, so the edit dialog says
 * beforehand what the core will do).
 */

/**
 * Whether moving an account from one role to another takes the confidential (notes) key from it.
 *
 * @example losesConfidentialKey('psychologist', 'receptionist'); // true
 */
export function losesConfidentialKey(from: Role, to: Role): boolean {
  return from !== to && holdsConfidentialKey(from) && !holdsConfidentialKey(to);
}
