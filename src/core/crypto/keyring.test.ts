import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SCRYPT_PARAMS, generateRecoveryCode, normalizeRecoveryCode } from './key-slots';
import {
  createKeyring,
  grantConfidentialKey,
  putUserSlot,
  removeUserSlot,
  rewrapUserSlot,
  unlockRecoverySlot,
  unlockUserSlot,
  type Keyring,
} from './keyring';
import { KeyringStore } from './keyring-store';
import { nodeCryptoPrimitives as primitives } from './primitives';

const params = TEST_SCRYPT_PARAMS;

async function newKeyring(): Promise<{ keyring: Keyring; recoveryCode: string; databaseKey: Buffer; confidentialKey: Buffer }> {
  const databaseKey = randomBytes(32);
  const confidentialKey = randomBytes(32);
  const created = await createKeyring(primitives, {
    admin: { userId: 'u-admin', username: 'Admin', password: 'admin password 1' },
    databaseKey,
    confidentialKey,
    params,
  });
  return { ...created, databaseKey, confidentialKey };
}

describe('recovery codes', () => {
  it('are 8 groups of 5 unambiguous characters and survive sloppy typing', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){7}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(normalizeRecoveryCode(code)).toBe(code);
    expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normalizeRecoveryCode('O0IL1-00000-00000-00000-00000-00000-00000-00000')).toBe('00111-00000-00000-00000-00000-00000-00000-00000');
    expect(normalizeRecoveryCode('too short')).toBeNull();
    expect(normalizeRecoveryCode('UUUUU-00000-00000-00000-00000-00000-00000-00000')).toBeNull();
  });
});

describe('keyring', () => {
  it('unlocks the admin slot with its password only, and never holds key bytes in clear', async () => {
    const { keyring, databaseKey } = await newKeyring();
    const unlocked = await unlockUserSlot(primitives, keyring, 'admin', 'admin password 1');
    expect(unlocked?.databaseKey.equals(databaseKey)).toBe(true);
    expect(unlocked?.confidentialKey).toBeNull();
    expect(await unlockUserSlot(primitives, keyring, 'Admin', 'admin password 2')).toBeNull();
    expect(await unlockUserSlot(primitives, keyring, 'nobody', 'admin password 1')).toBeNull();
    const text = JSON.stringify(keyring);
    expect(text).not.toContain(databaseKey.toString('base64'));
    expect(text).not.toContain(databaseKey.toString('hex'));
  });

  it('opens both keys with the recovery code, not with a wrong one', async () => {
    const { keyring, recoveryCode, databaseKey, confidentialKey } = await newKeyring();
    const keys = await unlockRecoverySlot(primitives, keyring, recoveryCode.toLowerCase());
    expect(keys?.databaseKey.equals(databaseKey)).toBe(true);
    expect(keys?.confidentialKey.equals(confidentialKey)).toBe(true);
    expect(await unlockRecoverySlot(primitives, keyring, generateRecoveryCode())).toBeNull();
  });

  it('rewraps one slot on a password change: the old password opens nothing afterwards', async () => {
    const { keyring, databaseKey } = await newKeyring();
    const withClerk = await putUserSlot(primitives, keyring, { userId: 'u-2', username: 'clerk', password: 'temporary pass 9' }, databaseKey, params);
    const unlocked = await unlockUserSlot(primitives, withClerk, 'clerk', 'temporary pass 9');
    expect(unlocked).not.toBeNull();
    const changed = await rewrapUserSlot(primitives, withClerk, unlocked!, 'my own password 7', params);
    expect(await unlockUserSlot(primitives, changed, 'clerk', 'temporary pass 9')).toBeNull();
    expect((await unlockUserSlot(primitives, changed, 'clerk', 'my own password 7'))?.databaseKey.equals(databaseKey)).toBe(true);
    // The admin's slot is untouched.
    expect(changed.slots.find((slot) => slot.userId === 'u-admin')).toEqual(withClerk.slots.find((slot) => slot.userId === 'u-admin'));
  });

  it('removes a slot at once and remembers the account as retired', async () => {
    const { keyring, databaseKey } = await newKeyring();
    const withClerk = await putUserSlot(primitives, keyring, { userId: 'u-2', username: 'clerk', password: 'temporary pass 9' }, databaseKey, params);
    const removed = removeUserSlot(withClerk, 'u-2');
    expect(await unlockUserSlot(primitives, removed, 'clerk', 'temporary pass 9')).toBeNull();
    expect(removed.retired).toEqual([{ userId: 'u-2', username: 'clerk' }]);
    expect(JSON.stringify(removed)).not.toContain(withClerk.slots[1]!.databaseKey.ciphertext);
  });

  it('lets a colleague grant the confidential key without knowing the new psychologist\'s password', async () => {
    const { keyring, databaseKey, confidentialKey } = await newKeyring();
    let ring = await putUserSlot(primitives, keyring, { userId: 'u-psy', username: 'psy', password: 'temporary pass 9' }, databaseKey, params);
    expect((await unlockUserSlot(primitives, ring, 'psy', 'temporary pass 9'))?.confidentialKey).toBeNull();
    ring = grantConfidentialKey(primitives, ring, 'u-psy', confidentialKey);
    const unlocked = await unlockUserSlot(primitives, ring, 'psy', 'temporary pass 9');
    expect(unlocked?.hasPendingGrant).toBe(true);
    expect(unlocked?.confidentialKey?.equals(confidentialKey)).toBe(true);
    // Folding the grant in: the slot then wraps the key under the password, and the grant is gone.
    ring = await rewrapUserSlot(primitives, ring, unlocked!, 'psychologist pw 1', params);
    expect(ring.slots.find((slot) => slot.userId === 'u-psy')?.pendingConfidentialKey).toBeUndefined();
    const again = await unlockUserSlot(primitives, ring, 'psy', 'psychologist pw 1');
    expect(again?.hasPendingGrant).toBe(false);
    expect(again?.confidentialKey?.equals(confidentialKey)).toBe(true);
  });

  it('refuses a wrapped key moved to another slot', async () => {
    const { keyring, databaseKey } = await newKeyring();
    const ring = await putUserSlot(primitives, keyring, { userId: 'u-2', username: 'clerk', password: 'same password 1' }, databaseKey, params);
    const ring2 = await putUserSlot(primitives, ring, { userId: 'u-3', username: 'clerk2', password: 'same password 1' }, databaseKey, params);
    const [, clerk, clerk2] = ring2.slots;
    const swapped: Keyring = { ...ring2, slots: [ring2.slots[0]!, { ...clerk2!, userId: clerk!.userId, username: 'clerk2' }] };
    expect(await unlockUserSlot(primitives, swapped, 'clerk2', 'same password 1')).toBeNull();
  });
});

describe('keyring store', () => {
  it('writes atomically, refuses a second setup and reports a damaged file without replacing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    const store = new KeyringStore(dir);
    const { keyring } = await newKeyring();
    await store.create(keyring);
    await expect(store.create(keyring)).rejects.toMatchObject({ code: 'ALREADY_SET_UP' });
    expect(store.read()).toEqual(keyring);
    expect(readdirSync(dir)).toEqual(['keyring.json']);
    writeFileSync(join(dir, 'keyring.json.123-abc.tmp'), 'leftover');
    expect(store.cleanUp()).toBe(1);
    writeFileSync(store.path, readFileSync(store.path, 'utf8').slice(0, 100));
    expect(() => store.read()).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('serializes concurrent updates so none is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    const store = new KeyringStore(dir);
    const { keyring, databaseKey } = await newKeyring();
    await store.create(keyring);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        store.update((current) => putUserSlot(primitives, current, { userId: `u-${name}`, username: name, password: `password ${name}1234` }, databaseKey, params)),
      ),
    );
    expect(store.require().slots.map((slot) => slot.username).sort()).toEqual(['Admin', 'a', 'b', 'c', 'd']);
  });
});
