import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../api/permissions';
import { createTestCenter, rejection, type TestCenter } from './test-center';

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
