import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../api/permissions';
import { createTestCenter, createTestCenterTemplate, rejection, type TestCenter } from './test-center';

describe('createTestCenter', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter();
  });
  afterAll(() => t.dispose());

  it('signs in one real staff member per role, past the temporary password', async () => {
    for (const role of ROLES) {
      const me = await t.as[role].invoke('auth.me', {});
      expect(me).toMatchObject({ id: t.staffId[role], role, mustChangePassword: false, isLocked: false });
    }
    expect(new Set(ROLES.map((role) => t.staffId[role])).size).toBe(ROLES.length);
  });

  it('keeps each password in the keyring: a fresh connection signs in with it, and not with another role\'s', async () => {
    const again = await t.signedIn(t.staff.trainer.username, t.staff.trainer.password);
    expect(await again.invoke('auth.me', {})).toMatchObject({ role: 'trainer' });
    expect(await rejection(t.signedIn(t.staff.trainer.username, t.staff.manager.password))).toMatchObject({ code: 'WRONG_PASSWORD' });
  });
});

describe('createTestCenterTemplate', () => {
  const centers = createTestCenterTemplate({ roles: ['receptionist', 'manager'] });
  afterAll(() => centers.dispose());

  it('gives each test its own copy of one set-up center, the asked-for roles signed in through the keyring', async () => {
    const first = await centers.copy();
    const second = await centers.copy();
    try {
      expect(first.dataDir).not.toBe(second.dataDir);
      expect(first.staffId).toEqual(second.staffId);
      expect(await second.as.manager.invoke('auth.me', {})).toMatchObject({ id: second.staffId.manager, role: 'manager', mustChangePassword: false });
      const client = await first.registerClient('only');
      expect(await first.as.manager.invoke('clients.get', { id: client.id })).toMatchObject({ id: client.id });
      expect(await rejection(second.as.manager.invoke('clients.get', { id: client.id }))).toMatchObject({ code: 'NOT_FOUND' });
      const signIns = await second.db().selectFrom('audit_log').select('action').where('action', '=', 'auth.signIn').execute();
      // The template's own sign-ins (administrator, receptionist, manager), then the copy's two.
      expect(signIns).toHaveLength(5);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});
