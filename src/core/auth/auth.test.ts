import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../client';
import { clientOf, createTestCenter, startTestCore, TEST_ADMIN, TEST_CENTER, type TestCenter, type TestCenterOptions } from '../testing/test-center';

const centers: TestCenter<never>[] = [];
/** A center as setup leaves it (one administrator, nobody signed in): these tests are about signing in. */
async function newCenter(options: Omit<TestCenterOptions<never>, 'roles'> = {}): Promise<TestCenter<never>> {
  const center = await createTestCenter({ ...options, roles: [] });
  centers.push(center);
  return center;
}
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

function failure(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as { code: string; details?: Record<string, unknown> },
  );
}

async function auditActions(center: TestCenter<never>): Promise<string[]> {
  const rows = await center.db().selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((row) => row.action);
}

async function addStaff(admin: ApiClient, username: string, role: 'receptionist' | 'psychologist' | 'supervisor' | 'administrator') {
  // Adding an administrator asks for the acting administrator's password again.
  return admin.invoke('staff.add', { displayName: `Xodim ${username}`, username, role, ...(role === 'administrator' ? { actorPassword: TEST_ADMIN.password } : {}) });
}

describe('center setup', () => {
  it('creates the center once, audited, and refuses weak passwords and a district outside the region', async () => {
    const center = await newCenter();
    expect(center.recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    const api = center.client('other');
    expect(await api.invoke('system.info', {})).toMatchObject({ database: 'open' });
    expect(await failure(api.invoke('setup.createCenter', { center: TEST_CENTER, admin: TEST_ADMIN }))).toMatchObject({ code: 'ALREADY_SET_UP' });
    expect(await auditActions(center)).toEqual(['setup.createCenter', 'staff.add']);

    const fresh = await startTestCore((await import('node:fs')).mkdtempSync(`${center.dataDir}-fresh-`));
    const freshApi = clientOf(fresh, 'setup');
    for (const password of ['short1', 'parol123456', 'qwerty123456', 'admin']) {
      const error = await failure(freshApi.invoke('setup.createCenter', { center: TEST_CENTER, admin: { ...TEST_ADMIN, password } }));
      expect(error.code).toBe('INVALID_INPUT');
    }
    const sameAsUser = await failure(
      freshApi.invoke('setup.createCenter', { center: TEST_CENTER, admin: { ...TEST_ADMIN, username: 'bobur-aka-01', password: 'bobur-aka-01' } }),
    );
    expect(sameAsUser).toMatchObject({ code: 'INVALID_INPUT' });
    const wrongDistrict = await failure(freshApi.invoke('setup.createCenter', { center: { ...TEST_CENTER, regionCode: '1727' }, admin: TEST_ADMIN }));
    expect(wrongDistrict).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await freshApi.invoke('system.info', {})).toMatchObject({ database: 'notSetUp' });
    await fresh.close();
  });
});

describe('sign-in', () => {
  it('returns the user with the role\'s permissions, and null after sign-out', async () => {
    const center = await newCenter();
    const admin = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const me = await admin.invoke('auth.me', {});
    expect(me).toMatchObject({ username: 'admin', role: 'administrator', mustChangePassword: false, isLocked: false, holdsConfidential: false });
    expect(me?.permissions).toContain('staff.manage');
    expect(me?.permissions).not.toContain('counseling.read');
    await admin.invoke('auth.signOut', {});
    expect(await admin.invoke('auth.me', {})).toBeNull();
    expect(await failure(admin.invoke('staff.list', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('slows guessing after five wrong passwords and records every failure in the audit log', async () => {
    let nowMs = Date.parse('2026-11-25T10:00:00Z');
    const center = await newCenter({ now: () => new Date(nowMs) });
    const api = center.client('guesser');
    for (let i = 0; i < 4; i += 1) {
      expect(await failure(api.invoke('auth.signIn', { username: 'admin', password: `wrong-${i}` }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    }
    const fifth = await failure(api.invoke('auth.signIn', { username: 'admin', password: 'wrong-5' }));
    expect(fifth).toMatchObject({ code: 'WRONG_PASSWORD', details: { retryAfterMs: 1000 } });
    // Even the right password waits out the delay.
    const throttled = await failure(api.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password }));
    expect(throttled).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', details: { retryAfterMs: 1000 } });
    nowMs += 1000;
    expect(await failure(api.invoke('auth.signIn', { username: 'ADMIN', password: 'wrong-6' }))).toMatchObject({ details: { retryAfterMs: 2000 } });
    nowMs += 2000;
    await api.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password });
    const actions = await auditActions(center);
    expect(actions.filter((action) => action === 'auth.signInFailed')).toHaveLength(6);
    expect(actions.at(-1)).toBe('auth.signIn');
  });

  it('buffers failures made while the database is locked and writes them once it opens', async () => {
    const center = await newCenter();
    await center.close();
    const core = await startTestCore(center.dataDir);
    try {
      const api = clientOf(core, 'morning');
      expect(await api.invoke('system.info', {})).toMatchObject({ database: 'locked' });
      expect(await failure(api.invoke('auth.signIn', { username: 'admin', password: 'not it at all' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(await failure(api.invoke('auth.signIn', { username: 'nobody', password: 'not it at all' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      await api.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password });
      const rows = await core.services.store.require().db.selectFrom('audit_log').select(['action', 'entity_id']).orderBy('seq').execute();
      expect(rows.map((row) => row.action)).toEqual(['setup.createCenter', 'staff.add', 'auth.signInFailed', 'auth.signInFailed', 'auth.signIn']);
      const adminId = rows[1]?.entity_id;
      expect(rows[2]?.entity_id).toBe(adminId);
      expect(rows[3]?.entity_id).toBeNull();
    } finally {
      await core.close();
    }
  });
});

describe('staff', () => {
  it('adds a receptionist who must change the temporary password; the old one opens nothing afterwards', async () => {
    const center = await newCenter();
    const admin = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const { userId, temporaryPassword } = await addStaff(admin, 'dilnoza', 'receptionist');
    expect(await failure(addStaff(admin, 'Dilnoza', 'receptionist'))).toMatchObject({ code: 'CONFLICT' });

    const clerk = await center.signedIn('dilnoza', temporaryPassword);
    expect(await clerk.invoke('auth.me', {})).toMatchObject({ id: userId, mustChangePassword: true });
    expect(await failure(clerk.invoke('center.get', {}))).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await failure(clerk.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'qwerty123456' }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await failure(clerk.invoke('auth.changePassword', { currentPassword: 'not the temp pw', newPassword: 'tulip garden 77' }))).toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    await clerk.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'tulip garden 77' });
    expect(await clerk.invoke('center.get', {})).toMatchObject({ name: TEST_CENTER.name, settings: { inactivityLockMinutes: 5 } });

    expect(await failure(center.signedIn('dilnoza', temporaryPassword))).toMatchObject({ code: 'WRONG_PASSWORD' });
    // After a restart too: the old password unwraps nothing in the keyring file.
    await center.close();
    const core = await startTestCore(center.dataDir);
    try {
      const api = clientOf(core, 'after-restart');
      expect(await failure(api.invoke('auth.signIn', { username: 'dilnoza', password: temporaryPassword }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(await api.invoke('auth.signIn', { username: 'dilnoza', password: 'tulip garden 77' })).toMatchObject({ mustChangePassword: false });
      expect(await failure(api.invoke('staff.list', {}))).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await core.close();
    }
  });

  it('deactivates an account: its sessions end and it cannot sign in, even after a restart', async () => {
    const center = await newCenter();
    const admin = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const { userId, temporaryPassword } = await addStaff(admin, 'bekzod', 'receptionist');
    const clerk = await center.signedIn('bekzod', temporaryPassword);
    expect(await failure(admin.invoke('staff.deactivate', { userId: center.admin.id }))).toMatchObject({ code: 'CONFLICT' });
    expect(await admin.invoke('staff.deactivate', { userId })).toMatchObject({ isActive: false });
    expect(await clerk.invoke('auth.me', {})).toBeNull();
    // Its slot is gone, so no password is right any more: the answer is the one an unknown name gets.
    expect(await failure(center.signedIn('bekzod', temporaryPassword))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(center.core.services.auth.keyring.require().slots.map((slot) => slot.userId)).not.toContain(userId);
    await center.close();
    const core = await startTestCore(center.dataDir);
    try {
      expect(await failure(clientOf(core, 'x').invoke('auth.signIn', { username: 'bekzod', password: temporaryPassword }))).toMatchObject({
        code: 'WRONG_PASSWORD',
      });
    } finally {
      await core.close();
    }
  });

  it('resets a password: new temporary password, old one dead, sessions ended', async () => {
    const center = await newCenter();
    const admin = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const { userId, temporaryPassword } = await addStaff(admin, 'malika', 'receptionist');
    const clerk = await center.signedIn('malika', temporaryPassword);
    await clerk.invoke('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'apricot season 9' });
    const reset = await admin.invoke('staff.resetPassword', { userId });
    expect(reset.needsConfidentialGrant).toBe(false);
    expect(await clerk.invoke('auth.me', {})).toBeNull();
    expect(await failure(center.signedIn('malika', 'apricot season 9'))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const again = await center.signedIn('malika', reset.temporaryPassword);
    expect(await again.invoke('auth.me', {})).toMatchObject({ mustChangePassword: true });
    const list = await admin.invoke('staff.list', {});
    expect(list.map((member) => member.username).sort()).toEqual(['admin', 'malika']);
  });
});

describe('lock, unlock and recovery', () => {
  it('locks on request and after the center\'s inactivity timeout; only the same user\'s password unlocks', async () => {
    let nowMs = Date.parse('2026-11-25T10:00:00Z');
    const center = await newCenter({ now: () => new Date(nowMs) });
    const admin = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const other = await addStaff(admin, 'other.admin', 'administrator');
    const otherApi = await center.signedIn('other.admin', other.temporaryPassword);
    await otherApi.invoke('auth.changePassword', { currentPassword: other.temporaryPassword, newPassword: 'second admin pw 1' });

    await admin.invoke('auth.lock', {});
    expect(await failure(admin.invoke('staff.list', {}))).toMatchObject({ code: 'LOCKED' });
    expect(await admin.invoke('auth.me', {})).toMatchObject({ isLocked: true, username: 'admin' });
    expect(await failure(admin.invoke('auth.unlock', { password: 'second admin pw 1' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await admin.invoke('auth.unlock', { password: TEST_ADMIN.password })).toMatchObject({ isLocked: false });

    expect(await admin.invoke('center.updateSettings', { inactivityLockMinutes: 2 })).toMatchObject({ settings: { inactivityLockMinutes: 2 } });
    nowMs += 119_000;
    await admin.invoke('staff.list', {});
    nowMs += 121_000;
    expect(await failure(admin.invoke('staff.list', {}))).toMatchObject({ code: 'LOCKED' });
    await admin.invoke('auth.unlock', { password: TEST_ADMIN.password });
    expect(await failure(otherApi.invoke('center.updateSettings', { inactivityLockMinutes: 0 }))).toMatchObject({ code: 'LOCKED' });
    expect(await auditActions(center)).toContain('center.updateSettings');
  });

  it('gives an administrator a new password with the recovery code, not with a wrong one', async () => {
    const center = await newCenter();
    await center.close();
    const core = await startTestCore(center.dataDir);
    try {
      const api = clientOf(core, 'recovery');
      const wrong = await failure(
        api.invoke('auth.recover', { recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', username: 'admin', newPassword: 'fresh start 2026' }),
      );
      expect(wrong).toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
      await api.invoke('auth.recover', { recoveryCode: center.recoveryCode.toLowerCase(), username: 'admin', newPassword: 'fresh start 2026' });
      expect(await failure(api.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(await api.invoke('auth.signIn', { username: 'admin', password: 'fresh start 2026' })).toMatchObject({ role: 'administrator' });
    } finally {
      await core.close();
    }
  });
});
