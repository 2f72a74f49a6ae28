import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, createTestCenter, rejection, startTestCore, TEST_ADMIN, TEST_CENTER, type TestCenter } from '../testing/test-center';
import { BREACHED_PASSWORD_COUNT } from './breached-passwords.data';
import { breachedPasswordCount, isBreachedPassword } from './breached-passwords';
import { isCommonPassword } from './common-passwords';
import { passwordProblem } from './staff.schema';

describe('the breached-password list', () => {
  it('ships more than 100,000 entries and finds them whatever their case', () => {
    expect(BREACHED_PASSWORD_COUNT).toBeGreaterThan(100_000);
    expect(breachedPasswordCount()).toBe(BREACHED_PASSWORD_COUNT);
    for (const leaked of ['password1234', 'Password1234', 'QWERTYUIOP123', 'ABBOTTABAD123', 'qwerty 123456']) expect(isBreachedPassword(leaked)).toBe(true);
    for (const fresh of ['tog‘ etagida uch olma', 'correct horse battery staple 9', TEST_ADMIN.password]) expect(isBreachedPassword(fresh)).toBe(false);
  });

  it('catches leaked passwords of the allowed length that the short list in the forms lets through', () => {
    const longEnough = ['abc123456789', 'aas123456789', 'abbottabad123'];
    for (const password of longEnough) {
      expect(isBreachedPassword(password)).toBe(true);
      expect(isCommonPassword(password)).toBe(false);
      expect(passwordProblem(password)).toBeNull();
    }
  });
});

describe('choosing a breached password', () => {
  let t: TestCenter<'receptionist'>;
  beforeAll(async () => {
    t = await createTestCenter({ roles: ['receptionist'] });
  }, 60_000);
  afterAll(() => t.dispose());
  const breached = { code: 'INVALID_INPUT', details: { issues: [{ code: 'custom', message: 'password.breached' }] } };

  it('is refused at a password change and a recovery, as a field problem, and the old password still opens', async () => {
    const change = await rejection(t.as.receptionist.invoke('auth.changePassword', { currentPassword: t.staff.receptionist.password, newPassword: 'abbottabad123' }));
    expect(change).toMatchObject({ ...breached, details: { issues: [{ path: ['newPassword'] }] } });
    expect(await t.signedIn(t.staff.receptionist.username, t.staff.receptionist.password, 'still-works')).toBeTruthy();
    const recover = await rejection(t.client('recover').invoke('auth.recover', { recoveryCode: t.recoveryCode, username: TEST_ADMIN.username, newPassword: 'aas123456789' }));
    expect(recover).toMatchObject(breached);
  });

  it('is refused for the first administrator at setup, and nothing is set up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inson-breached-setup-'));
    const core = await startTestCore(dataDir);
    try {
      const setup = clientOf(core, 'setup');
      expect(await rejection(setup.invoke('setup.createCenter', { center: TEST_CENTER, admin: { ...TEST_ADMIN, password: 'abc123456789' } }))).toMatchObject({
        ...breached,
        details: { issues: [{ path: ['admin', 'password'] }] },
      });
      expect(await setup.invoke('system.info', {})).toMatchObject({ database: 'notSetUp' });
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
