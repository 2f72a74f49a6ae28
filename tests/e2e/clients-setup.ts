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
