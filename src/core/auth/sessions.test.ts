import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LOCKED_SESSION_AGE_MS } from '../api/session';
import { confirmActorPassword } from './auth.service';
import { createTestCenter, TEST_ADMIN, type TestCenter } from '../testing/test-center';

const centers: TestCenter<never>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'OK',
    (error: unknown) => (error as { code: string }).code,
  );
}

describe('sessions', () => {
  it('a password change ends the user’s other sessions, not the one that changed it', async () => {
    const center = await createTestCenter({ roles: [] });
    centers.push(center);
    const desk = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'desk');
    const forgottenTab = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'forgotten-tab');
    await desk.invoke('auth.changePassword', { currentPassword: TEST_ADMIN.password, newPassword: 'a brand new passphrase 7' });
    expect(await forgottenTab.invoke('auth.me', {})).toBeNull();
    expect(await codeOf(forgottenTab.invoke('staff.list', {}))).toBe('UNAUTHENTICATED');
    expect(await desk.invoke('auth.me', {})).toMatchObject({ username: TEST_ADMIN.username });
  });

  it('a session left locked past 12 hours since its sign-in ends; a younger one unlocks', async () => {
    let nowMs = Date.parse('2026-12-02T08:00:00Z');
    const center = await createTestCenter({ roles: [], now: () => new Date(nowMs) });
    centers.push(center);
    const api = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'evening');
    nowMs += 6 * 60_000;
    expect(await codeOf(api.invoke('staff.list', {}))).toBe('LOCKED');
    await api.invoke('auth.unlock', { password: TEST_ADMIN.password });
    nowMs += 6 * 60_000;
    expect(await codeOf(api.invoke('staff.list', {}))).toBe('LOCKED');
    nowMs = Date.parse('2026-12-02T08:00:00Z') + MAX_LOCKED_SESSION_AGE_MS + 1;
    expect(await codeOf(api.invoke('auth.unlock', { password: TEST_ADMIN.password }))).toBe('UNAUTHENTICATED');
    expect(await api.invoke('auth.me', {})).toBeNull();
    // A full sign-in opens a new session.
    const again = await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'evening');
    expect(await again.invoke('auth.me', {})).toMatchObject({ isLocked: false });
  });

  it('confirms the actor’s own password again, throttled like a sign-in', async () => {
    const center = await createTestCenter({ roles: [] });
    centers.push(center);
    await center.signedIn(TEST_ADMIN.username, TEST_ADMIN.password, 'desk');
    const services = center.core.services;
    const session = services.sessions.get('desk');
    if (!session) throw new Error('no session');
    await expect(confirmActorPassword(services, session, TEST_ADMIN.password)).resolves.toBeUndefined();
    for (let i = 0; i < 4; i += 1) expect(await codeOf(confirmActorPassword(services, session, `not mine ${i}`))).toBe('WRONG_PASSWORD');
    expect(await codeOf(confirmActorPassword(services, session, 'not mine 5'))).toBe('WRONG_PASSWORD');
    expect(await codeOf(confirmActorPassword(services, session, TEST_ADMIN.password))).toBe('TOO_MANY_ATTEMPTS');
    const failures = await center.db().selectFrom('audit_log').select('action').where('action', '=', 'auth.signInFailed').execute();
    expect(failures).toHaveLength(5);
  });
});
