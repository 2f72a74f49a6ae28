import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SCRYPT_PARAMS, generateRecoveryCode, normalizeRecoveryCode } from './key-slots';
import {
  createKeyring,
  isKeyringIntact,
  putUserSlot,
  sealKeyring,
  removeUserSlot,
  rewrapUserSlot,
  unlockRecoverySlot,
  unlockUserSlot,
  type Keyring,
} from './keyring';
import { KeyringStore, readKeyringFile } from './keyring-store';
import { migrateKeyringV1, unlockUserSlotV1, type KeyringV1 } from './keyring-v1';
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
    expect(keys?.confidentialKey?.equals(confidentialKey)).toBe(true);
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

  it('wraps the confidential key into a slot only with its owner\'s password, and the file does not say who holds it', async () => {
    const { keyring, databaseKey, confidentialKey } = await newKeyring();
    let ring = await putUserSlot(primitives, keyring, { userId: 'u-psy', username: 'psy', password: 'listening well 1' }, databaseKey, params);
    ring = await putUserSlot(primitives, ring, { userId: 'u-clerk', username: 'clerk', password: 'front desk 12' }, databaseKey, params);
    const psy = await unlockUserSlot(primitives, ring, 'psy', 'listening well 1');
    expect(psy?.confidentialKey).toBeNull();
    ring = await rewrapUserSlot(primitives, ring, { ...psy!, confidentialKey }, 'listening well 1', params);
    expect((await unlockUserSlot(primitives, ring, 'psy', 'listening well 1'))?.confidentialKey?.equals(confidentialKey)).toBe(true);
    expect((await unlockUserSlot(primitives, ring, 'clerk', 'front desk 12'))?.confidentialKey).toBeNull();
    // Every slot has the same fields of the same lengths: holder and non-holder look alike.
    const shapes = ring.slots.map((slot) => ({
      keys: Object.keys(slot).sort(),
      lengths: [slot.confidentialKey.iv.length, slot.confidentialKey.tag.length, slot.confidentialKey.ciphertext.length],
    }));
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(JSON.stringify(ring)).not.toMatch(/"(boxPublicKey|boxPrivateKey|pendingConfidentialKey|holds\w*)"/);
  });

  it('authenticates the whole file under the database key', async () => {
    const { keyring, databaseKey } = await newKeyring();
    expect(isKeyringIntact(primitives, keyring, databaseKey)).toBe(true);
    expect(isKeyringIntact(primitives, keyring, randomBytes(32))).toBe(false);
    const retired: Keyring = { ...keyring, retired: [{ userId: 'u-x', username: 'x' }] };
    expect(isKeyringIntact(primitives, retired, databaseKey)).toBe(false);
    expect(isKeyringIntact(primitives, sealKeyring(primitives, retired, databaseKey), databaseKey)).toBe(true);
    // Key order in the file does not matter; content does.
    const reordered = JSON.parse(JSON.stringify({ mac: keyring.mac, retired: keyring.retired, recovery: keyring.recovery, slots: keyring.slots, version: 2, format: 'inson-keyring' })) as Keyring;
    expect(isKeyringIntact(primitives, reordered, databaseKey)).toBe(true);
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

function storeIn(dir: string, databaseKey: Buffer | null): KeyringStore {
  return new KeyringStore(dir, { primitives, databaseKey: () => databaseKey });
}

describe('keyring store', () => {
  it('writes atomically, refuses a second setup and reports a damaged file without replacing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    const { keyring, databaseKey } = await newKeyring();
    const store = storeIn(dir, databaseKey);
    await store.create(keyring);
    await expect(store.create(keyring)).rejects.toMatchObject({ code: 'ALREADY_SET_UP' });
    expect(store.readAny()).toEqual(keyring);
    expect(readdirSync(dir)).toEqual(['keyring.json']);
    writeFileSync(join(dir, 'keyring.json.123-abc.tmp'), 'leftover');
    expect(store.cleanUp()).toBe(1);
    writeFileSync(store.path, readFileSync(store.path, 'utf8').slice(0, 100));
    expect(() => store.readAny()).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('serializes concurrent updates so none is lost, and refuses to update a file someone else changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    const { keyring, databaseKey } = await newKeyring();
    const store = storeIn(dir, databaseKey);
    await store.create(keyring);
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        store.update((current) => putUserSlot(primitives, current, { userId: `u-${name}`, username: name, password: `password ${name}1234` }, databaseKey, params)),
      ),
    );
    expect(store.require().slots.map((slot) => slot.username).sort()).toEqual(['Admin', 'a', 'b', 'c', 'd']);
    await expect(storeIn(dir, null).update((current) => current)).rejects.toMatchObject({ code: 'LOCKED' });
    const forged = store.require();
    writeFileSync(store.path, JSON.stringify({ ...forged, retired: [] , slots: forged.slots.slice(1) }));
    await expect(store.update((current) => current)).rejects.toMatchObject({ code: 'KEYRING_TAMPERED' });
  });

  it('refuses an scrypt cost out of bounds before deriving anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    const { keyring } = await newKeyring();
    for (const kdf of [{ N: 2 ** 30 }, { N: 2 ** 20, r: 8 }, { p: 64 }, { N: 1000 }, { N: 2 }]) {
      const slots = keyring.slots.map((slot) => ({ ...slot, kdf: { ...slot.kdf, ...kdf } }));
      writeFileSync(join(dir, 'keyring.json'), JSON.stringify({ ...keyring, slots }));
      expect(() => readKeyringFile(join(dir, 'keyring.json'))).toThrow(expect.objectContaining({ code: 'KEYRING_TAMPERED' }));
    }
  });
});

describe('keyring format 1', () => {
  it('migrates without anyone\'s password: slots still open, pending box grants dropped, fillers in place', async () => {
    const databaseKey = randomBytes(32);
    const confidentialKey = randomBytes(32);
    const v2 = await createKeyring(primitives, { admin: { userId: 'u-admin', username: 'admin', password: 'admin password 1' }, databaseKey, confidentialKey, params });
    let ring = await putUserSlot(primitives, v2.keyring, { userId: 'u-psy', username: 'psy', password: 'listening well 1' }, databaseKey, params);
    ring = await putUserSlot(primitives, ring, { userId: 'u-new', username: 'newpsy', password: 'newcomer pass 1' }, databaseKey, params);
    const psy = await unlockUserSlot(primitives, ring, 'psy', 'listening well 1');
    ring = await rewrapUserSlot(primitives, ring, { ...psy!, confidentialKey }, 'listening well 1', params);
    // The same slots as format 1 wrote them: confidentialKey only where held, box keys, a pending grant.
    const box = { iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'AAAA' };
    const v1: KeyringV1 = {
      format: 'inson-keyring',
      version: 1,
      recovery: ring.recovery,
      retired: [],
      slots: ring.slots.map((slot) => ({
        userId: slot.userId,
        username: slot.username,
        kdf: slot.kdf,
        databaseKey: slot.databaseKey,
        ...(slot.userId === 'u-psy' ? { confidentialKey: slot.confidentialKey } : {}),
        ...(slot.userId === 'u-new' ? { pendingConfidentialKey: { ...box, epk: 'AAAA' } } : {}),
        boxPublicKey: 'AAAA',
        boxPrivateKey: box,
      })),
    };
    expect((await unlockUserSlotV1(primitives, v1, 'psy', 'listening well 1'))?.confidentialKey?.equals(confidentialKey)).toBe(true);
    const { keyring: migrated, droppedPendingGrants } = migrateKeyringV1(v1);
    expect(droppedPendingGrants).toEqual(['u-new']);
    const sealed = sealKeyring(primitives, migrated, databaseKey);
    expect(isKeyringIntact(primitives, sealed, databaseKey)).toBe(true);
    expect((await unlockUserSlot(primitives, sealed, 'psy', 'listening well 1'))?.confidentialKey?.equals(confidentialKey)).toBe(true);
    expect((await unlockUserSlot(primitives, sealed, 'newpsy', 'newcomer pass 1'))?.confidentialKey).toBeNull();
    expect((await unlockUserSlot(primitives, sealed, 'admin', 'admin password 1'))?.databaseKey.equals(databaseKey)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/"(boxPublicKey|boxPrivateKey|pendingConfidentialKey)"/);
    // A format-1 file on disk reads as format 1, so sign-in knows to migrate it.
    const dir = mkdtempSync(join(tmpdir(), 'inson-keyring-'));
    writeFileSync(join(dir, 'keyring.json'), JSON.stringify(v1));
    expect(readKeyringFile(join(dir, 'keyring.json'))?.version).toBe(1);
  });
});
