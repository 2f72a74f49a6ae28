import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyringFile } from '../crypto/keyring-store';
import { DEFAULT_SCRYPT_PARAMS, TEST_SCRYPT_PARAMS } from '../crypto/primitives';
import { clientOf, createTestCenter, startTestCore, TEST_ADMIN, type TestCenter } from '../testing/test-center';

/**
 * New slots get N = 2^17 (DEFAULT_SCRYPT_PARAMS); a slot made at a lower cost is rewrapped at the
 * core's cost at its owner's next sign-in, never lowered. Test cores use a low cost, so the
 * upgrade is shown from 2^10 to 2^11 (the same code path, a thousandth of the time).
 */

let center: TestCenter<never> | null = null;
afterEach(async () => {
  await center?.dispose();
  center = null;
});

function adminSlotN(dataDir: string): number | undefined {
  const keyring = readKeyringFile(join(dataDir, 'keyring.json'));
  return keyring?.slots.find((slot) => slot.username === TEST_ADMIN.username)?.kdf.N;
}

describe('scrypt cost of key slots', () => {
  it('is 2^17 for new slots outside tests', () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('upgrades a cheaper slot at the next successful sign-in, keeps it opening, and never lowers it', async () => {
    const t = await createTestCenter({ roles: [] });
    center = t;
    await t.close();
    expect(adminSlotN(t.dataDir)).toBe(TEST_SCRYPT_PARAMS.N);

    const stronger = { ...TEST_SCRYPT_PARAMS, N: TEST_SCRYPT_PARAMS.N * 2 };
    const upgrading = await startTestCore(t.dataDir, { keySlotParams: stronger });
    const api = clientOf(upgrading, 'upgrade');
    // A wrong password upgrades nothing.
    await expect(api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: 'wrong password, surely' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(adminSlotN(t.dataDir)).toBe(TEST_SCRYPT_PARAMS.N);
    await api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(adminSlotN(t.dataDir)).toBe(stronger.N);
    await api.invoke('auth.signOut', {});
    expect(await api.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).toMatchObject({ username: TEST_ADMIN.username });
    await upgrading.close();

    // A core with a lower cost (an older build, a test) leaves the stronger slot as it is.
    const older = await startTestCore(t.dataDir);
    const olderApi = clientOf(older, 'older');
    await olderApi.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(adminSlotN(t.dataDir)).toBe(stronger.N);
    await older.close();
  });
});
