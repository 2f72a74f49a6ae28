import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCryptoPrimitives, type CryptoPrimitives } from '../crypto/primitives';
import { clientOf, createTestCenter, startTestCore, TEST_ADMIN, type TestCenter } from '../testing/test-center';
import { ATTEMPTS_FILE, SignInThrottle, ThrottledError } from './sign-in-throttle';

/** The real primitives, counting scrypt calls and how many run at once, with a hook inside each call. */
function countingPrimitives(onDerive: () => void = () => {}) {
  const counts = { calls: 0, running: 0, maxRunning: 0 };
  const primitives: CryptoPrimitives = {
    ...nodeCryptoPrimitives,
    async scrypt(password, salt, keyLength, params) {
      counts.calls += 1;
      counts.running += 1;
      counts.maxRunning = Math.max(counts.maxRunning, counts.running);
      try {
        onDerive();
        return await nodeCryptoPrimitives.scrypt(password, salt, keyLength, params);
      } finally {
        counts.running -= 1;
      }
    },
  };
  return { primitives, counts };
}

const centers: TestCenter<never>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  return promise.then(
    () => ({ code: 'OK' }),
    (error: unknown) => error as { code: string; details?: Record<string, unknown> },
  );
}

describe('the sign-in throttle against a real core', () => {
  it('checks at most 5 of 30 concurrent wrong passwords, and at most 2 derivations run at once', async () => {
    const nowMs = Date.parse('2026-12-02T09:00:00Z');
    const { primitives, counts } = countingPrimitives();
    const center = await createTestCenter({ roles: [], now: () => new Date(nowMs), coreOptions: { crypto: primitives } });
    centers.push(center);
    counts.calls = 0;
    counts.maxRunning = 0;
    const tries = Array.from({ length: 30 }, (_, i) => failureOf(center.client(`flood-${i}`).invoke('auth.signIn', { username: 'admin', password: `guess number ${i}` })));
    const answers = await Promise.all(tries);
    expect(counts.calls).toBeLessThanOrEqual(5);
    expect(counts.calls).toBeGreaterThanOrEqual(1);
    expect(answers.every((answer) => answer.code === 'WRONG_PASSWORD' || answer.code === 'TOO_MANY_ATTEMPTS')).toBe(true);
    expect(answers.filter((answer) => answer.code === 'WRONG_PASSWORD')).toHaveLength(counts.calls);
    const audited = await center.db().selectFrom('audit_log').select('action').where('action', '=', 'auth.signInFailed').execute();
    expect(audited).toHaveLength(counts.calls);

    // Thirty different names at once: never more than two derivations in flight.
    counts.calls = 0;
    counts.maxRunning = 0;
    await Promise.all(Array.from({ length: 30 }, (_, i) => failureOf(center.client(`spray-${i}`).invoke('auth.signIn', { username: `user${i}`, password: 'guess guess guess' }))));
    expect(counts.maxRunning).toBeLessThanOrEqual(2);
  });

  it('keeps the count across a restart, counts a try before deriving, and lets the real user in after the wait', async () => {
    let nowMs = Date.parse('2026-12-02T09:00:00Z');
    const center = await createTestCenter({ roles: [], now: () => new Date(nowMs) });
    centers.push(center);
    const api = center.client('guesser');
    for (let i = 0; i < 3; i += 1) expect(await failureOf(api.invoke('auth.signIn', { username: 'admin', password: `wrong-${i}` }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    await center.close();

    // A try is on disk before its derivation starts: killing the core mid-check would not undo it.
    const seenDuringDerivation: number[] = [];
    const { primitives } = countingPrimitives(() => {
      const file = JSON.parse(readFileSync(join(center.dataDir, ATTEMPTS_FILE), 'utf8')) as { entries: Record<string, { failures: number }> };
      seenDuringDerivation.push(file.entries.admin?.failures ?? 0);
    });
    const core = await startTestCore(center.dataDir, { now: () => new Date(nowMs), crypto: primitives });
    seenDuringDerivation.length = 0; // the start-up self-test derives too
    try {
      const again = clientOf(core, 'after-restart');
      expect(await failureOf(again.invoke('auth.signIn', { username: 'admin', password: 'wrong-3' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
      expect(seenDuringDerivation).toEqual([4]);
      expect(await failureOf(again.invoke('auth.signIn', { username: 'admin', password: 'wrong-4' }))).toMatchObject({ code: 'WRONG_PASSWORD', details: { retryAfterMs: 1000 } });
      // Even the right password waits out the delay, without a derivation.
      expect(await failureOf(again.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password }))).toMatchObject({
        code: 'TOO_MANY_ATTEMPTS',
        details: { retryAfterMs: 1000 },
      });
      expect(seenDuringDerivation).toHaveLength(2);
      nowMs += 1000;
      expect(await again.invoke('auth.signIn', { username: 'admin', password: TEST_ADMIN.password })).toMatchObject({ username: 'admin' });
      const file = JSON.parse(readFileSync(join(center.dataDir, ATTEMPTS_FILE), 'utf8')) as { entries: Record<string, unknown> };
      expect(file.entries).toEqual({});
    } finally {
      await core.close();
    }
  });

  it('never locks for good: the wait is capped at 15 minutes', () => {
    const throttle = new SignInThrottle({ dataDir: null });
    let nowMs = 0;
    let lastWait = 0;
    for (let i = 0; i < 40; i += 1) {
      nowMs += lastWait;
      lastWait = throttle.reserve('Admin', nowMs).fail().retryAfterMs;
    }
    expect(lastWait).toBe(15 * 60_000);
    expect(() => throttle.reserve('admin', nowMs)).toThrow(ThrottledError);
    const ticket = throttle.reserve('ADMIN', nowMs + lastWait);
    ticket.succeed();
    expect(throttle.retryAfterMs('admin', nowMs + lastWait)).toBe(0);
  });

  it('undoes a reservation that checked nothing', () => {
    const throttle = new SignInThrottle({ dataDir: null });
    throttle.reserve('a', 0).cancel();
    for (let i = 0; i < 4; i += 1) throttle.reserve('a', 0).fail();
    expect(throttle.reserve('a', 0).fail().retryAfterMs).toBe(1000);
  });
});

describe('the attempts file', () => {
  it('is read back by a new throttle; garbage in it is reported, not trusted', async () => {
    const center = await createTestCenter({ roles: [] });
    centers.push(center);
    const first = new SignInThrottle({ dataDir: center.dataDir });
    for (let i = 0; i < 5; i += 1) first.reserve('dilnoza', 0).fail();
    expect(new SignInThrottle({ dataDir: center.dataDir }).retryAfterMs('DILNOZA', 0)).toBe(1000);
    writeFileSync(join(center.dataDir, ATTEMPTS_FILE), '{"v":1,"entries":{"x":{"failures":"many"}}}');
    let reported = 0;
    const fresh = new SignInThrottle({ dataDir: center.dataDir, onUnreadableFile: () => (reported += 1) });
    expect(reported).toBe(1);
    expect(fresh.retryAfterMs('dilnoza', 0)).toBe(0);
  });
});
