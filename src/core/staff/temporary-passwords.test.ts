import { afterEach, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, TEST_ADMIN, type TestCenter } from '../testing/test-center';
import { TEMPORARY_PASSWORD_LIFETIME_MS } from './staff.service';

/** Issue 8 item 8: temporary passwords expire after 72 hours; adding an administrator asks for the actor's password again. */

const HOUR_MS = 3_600_000;
let center: TestCenter<never> | null = null;
afterEach(async () => {
  await center?.dispose();
  center = null;
});

describe('temporary passwords', () => {
  it('open the account for 72 hours, then are refused with their own reason until an administrator resets them', async () => {
    let nowMs = Date.parse('2026-11-25T08:00:00Z');
    const t = await createTestCenter({ roles: [], now: () => new Date(nowMs) });
    center = t;
    const admin = await t.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'admin');
    const added = await admin.invoke('staff.add', { displayName: 'Dilnoza Karimova', username: 'dilnoza', role: 'receptionist' });
    const early = await t.signedIn('dilnoza', added.temporaryPassword, 'early');
    expect(await early.invoke('auth.me', {})).toMatchObject({ mustChangePassword: true });
    await early.invoke('auth.signOut', {});

    nowMs += TEMPORARY_PASSWORD_LIFETIME_MS + 60_000;
    const late = t.client('late');
    const refused = await rejection(late.invoke('auth.signIn', { username: 'dilnoza', password: added.temporaryPassword }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'temporaryPasswordExpired' } });
    // A wrong password hears WRONG_PASSWORD, never that the account's temporary password expired.
    expect(await rejection(late.invoke('auth.signIn', { username: 'dilnoza', password: 'not the temporary one' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const refusals = await t.db().selectFrom('audit_log').select(['action', 'details_json']).where('action', '=', 'auth.signInRefused').execute();
    expect(refusals.map((row) => JSON.parse(row.details_json) as unknown)).toEqual([{ reason: 'temporaryPasswordExpired' }]);

    const admin2 = await t.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'admin-again');
    const reset = await admin2.invoke('staff.resetPassword', { userId: added.userId });
    const again = await t.signedIn('dilnoza', reset.temporaryPassword, 'again');
    await again.invoke('auth.changePassword', { currentPassword: reset.temporaryPassword, newPassword: 'dilnoza chose this one 7' });
    // Her own password does not expire.
    nowMs += 10 * TEMPORARY_PASSWORD_LIFETIME_MS;
    expect(await (await t.signedIn('dilnoza', 'dilnoza chose this one 7', 'much-later')).invoke('auth.me', {})).toMatchObject({ mustChangePassword: false });
    const row = await t.db().selectFrom('staff').select('temporary_password_expires_at').where('id', '=', added.userId).executeTakeFirstOrThrow();
    expect(row.temporary_password_expires_at).toBeNull();
  });

  it('a reset password expires too, 72 hours after the reset', async () => {
    let nowMs = Date.parse('2026-11-25T08:00:00Z');
    const t = await createTestCenter({ roles: [], now: () => new Date(nowMs) });
    center = t;
    const admin = await t.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'admin');
    const added = await admin.invoke('staff.add', { displayName: 'Aziz Karimov', username: 'aziz', role: 'trainer' });
    nowMs += 48 * HOUR_MS;
    // Two days later the first session is long gone (idle lock, then the locked-session age limit).
    const later = await t.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'admin-later');
    const reset = await later.invoke('staff.resetPassword', { userId: added.userId });
    nowMs += 71 * HOUR_MS;
    await (await t.signedIn('aziz', reset.temporaryPassword, 'within')).invoke('auth.signOut', {});
    nowMs += 2 * HOUR_MS;
    expect(await rejection(t.client('after').invoke('auth.signIn', { username: 'aziz', password: reset.temporaryPassword }))).toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'temporaryPasswordExpired' },
    });
  });
});

describe('adding an administrator', () => {
  it("asks for the acting administrator's own password again, and only for an administrator", async () => {
    const t = await createTestCenter({ roles: [] });
    center = t;
    const admin = await t.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'admin');
    const input = { displayName: 'Second Admin', username: 'second.admin', role: 'administrator' } as const;
    expect(await rejection(admin.invoke('staff.add', input))).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { reason: 'actorPassword' } });
    expect(await rejection(admin.invoke('staff.add', { ...input, actorPassword: 'not my password at all' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await t.db().selectFrom('staff').select('id').where('username', '=', 'second.admin').executeTakeFirst()).toBeUndefined();
    const added = await admin.invoke('staff.add', { ...input, actorPassword: TEST_ADMIN.password });
    expect(added.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // The wrong confirmation was checked like a sign-in: audited, counted.
    const failures = await t.db().selectFrom('audit_log').select('action').where('action', '=', 'auth.signInFailed').execute();
    expect(failures).toHaveLength(1);
    // Other roles need no confirmation.
    expect((await admin.invoke('staff.add', { displayName: 'Qabul', username: 'qabul', role: 'receptionist' })).temporaryPassword).toBeTruthy();
  });
});
