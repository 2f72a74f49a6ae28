import { randomUUID } from 'node:crypto';
import type { Harness } from './support/harness';

/**
 * Sets a center up over the harness's real HTTP API (as the UI would, but without clicking), so
 * the client tests spend their time on the screens they test.
 */

export interface ApiSession {
  call<T = unknown>(method: string, input: unknown): Promise<T>;
}

/** One connection (the per-page id the transport keys sessions by), speaking to `POST /api/<method>`. */
export function apiSession(harness: Harness): ApiSession {
  const connectionId = randomUUID();
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const response = await fetch(`${harness.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-inson-token': harness.token, 'x-inson-connection': connectionId },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
      if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
      return body.result as T;
    },
  };
}

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
  const admin = apiSession(harness);
  await admin.call('setup.createCenter', {
    center: { name: 'Uchtepa tumani ijtimoiy xizmatlar markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
    admin: { displayName: ADMIN.displayName, username: ADMIN.username, password: ADMIN.password },
  });
  await admin.call('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const added = await admin.call<{ temporaryPassword: string }>('staff.add', {
    displayName: RECEPTIONIST.displayName,
    username: RECEPTIONIST.username,
    role: 'receptionist',
  });
  const receptionist = apiSession(harness);
  await receptionist.call('auth.signIn', { username: RECEPTIONIST.username, password: added.temporaryPassword });
  await receptionist.call('auth.changePassword', { currentPassword: added.temporaryPassword, newPassword: RECEPTIONIST.password });
  await receptionist.call('auth.signOut', {});
  await admin.call('auth.signOut', {});
}
