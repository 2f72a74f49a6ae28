import type { Role } from '../../src/core/api/permissions';
import { apiClient } from './support/api';
import type { Harness } from './support/harness';

/**
 * Sets a center up over the harness's real HTTP API (as the UI would, but without clicking), so
 * the client tests spend their time on the screens they test.
 */

export interface StaffAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

export const ADMIN: StaffAccount = { username: 'admin', password: 'Kuchli-parol-2026!', displayName: 'Dilnoza Karimova' };
export const RECEPTIONIST: StaffAccount = { username: 'qabul', password: 'Qabulxona-parol-77!', displayName: 'Gulnora Rahimova' };

/**
 * Creates the center and its administrator, adds a receptionist, and changes the receptionist's
 * temporary password, so the test signs in through the UI with `RECEPTIONIST`.
 *
 * @example await setUpCenterWithReceptionist(harness);
 */
export async function setUpCenterWithReceptionist(harness: Harness): Promise<void> {
  const admin = apiClient(harness);
  await admin.invoke('setup.createCenter', {
    center: { name: 'Uchtepa tumani ijtimoiy xizmatlar markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
    admin: { displayName: ADMIN.displayName, username: ADMIN.username, password: ADMIN.password },
  });
  await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const added = await admin.invoke('staff.add', {
    displayName: RECEPTIONIST.displayName,
    username: RECEPTIONIST.username,
    role: 'receptionist',
  });
  const receptionist = apiClient(harness);
  await receptionist.invoke('auth.signIn', { username: RECEPTIONIST.username, password: added.temporaryPassword });
  await receptionist.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: RECEPTIONIST.password });
  await receptionist.invoke('auth.signOut', {});
  await admin.invoke('auth.signOut', {});
}

/**
 * Adds a staff member as the administrator does, then signs in once as that person to replace the
 * temporary password, so the test signs in through the UI with `account`.
 *
 * @example await addStaffMember(harness, TRAINER, 'trainer');
 */
export async function addStaffMember(harness: Harness, account: StaffAccount, role: Role): Promise<void> {
  const admin = apiClient(harness);
  await admin.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const added = await admin.invoke('staff.add', { displayName: account.displayName, username: account.username, role });
  await admin.invoke('auth.signOut', {});
  const member = apiClient(harness);
  await member.invoke('auth.signIn', { username: account.username, password: added.temporaryPassword });
  await member.invoke('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: account.password });
  await member.invoke('auth.signOut', {});
}
