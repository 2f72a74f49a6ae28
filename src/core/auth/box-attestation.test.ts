import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlotBox, openSealedKey, openSlotBoxSecret } from '../crypto/key-box';
import { sealKeyring, userSlotId, type Keyring } from '../crypto/keyring';
import { nodeCryptoPrimitives as primitives } from '../crypto/primitives';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

/**
 * The insider's attack on rotation (issue 8 item 1): a receptionist who opens the keyring with her
 * own password swaps a colleague's box for a pair of her own and re-seals the file's MAC, hoping
 * the rotation after her departure seals the new database key to her. A rotation seals only to
 * boxes the audit log attests.
 */

type Roles = 'administrator' | 'psychologist' | 'receptionist';
const centers: TestCenter<Roles>[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function newCenter(): Promise<TestCenter<Roles>> {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'receptionist'] });
  centers.push(center);
  return center;
}

const readKeyring = (center: TestCenter<Roles>): Keyring => JSON.parse(readFileSync(center.core.services.auth.keyring.path, 'utf8')) as Keyring;

/** What the receptionist does outside the app: her own X25519 pair in the psychologist's slot, the MAC re-sealed with the database key her password gives. */
function plantBox(center: TestCenter<Roles>, victimId: string): Buffer {
  const kek = randomBytes(32);
  const slotId = userSlotId(victimId);
  const planted = createSlotBox(primitives, kek, slotId);
  const secret = openSlotBoxSecret(primitives, kek, planted, slotId);
  if (!secret) throw new Error('planted box does not open');
  const keyring = readKeyring(center);
  const forged: Keyring = { ...keyring, slots: keyring.slots.map((slot) => (slot.userId === victimId ? { ...slot, box: planted } : slot)) };
  const databaseKey = center.core.services.auth.databaseKey;
  if (!databaseKey) throw new Error('database not open');
  writeFileSync(center.core.services.auth.keyring.path, JSON.stringify(sealKeyring(primitives, forged, databaseKey)));
  return secret;
}

/** Whether any key sealed in the file opens with the planted pair's secret. */
function opensAnything(keyring: Keyring, victimId: string, secret: Buffer): boolean {
  const slotId = userSlotId(victimId);
  const sealed = [...keyring.slots.map((slot) => slot.sealedDatabaseKey), keyring.recovery.sealedDatabaseKey].filter((entry) => entry !== undefined);
  const boxes = keyring.slots.flatMap((slot) => (slot.box ? [slot.box] : []));
  return boxes.some((box) => sealed.some((entry) => openSealedKey(primitives, secret, box, entry, slotId) !== null));
}

describe('box attestation', () => {
  it('gives a planted box nothing when the receptionist leaves, closes the account it was planted in, and audits it', async () => {
    const center = await newCenter();
    const psy = center.staffId.psychologist;
    const secret = plantBox(center, psy);
    // She leaves; the rotation after her deactivation runs at once.
    const result = await center.as.administrator.invoke('staff.deactivate', { userId: center.staffId.receptionist });
    expect(result).toMatchObject({ keysRotated: true });
    const after = readKeyring(center);
    expect(after.slots.some((slot) => slot.userId === psy)).toBe(false);
    expect(opensAnything(after, psy, secret)).toBe(false);
    const repair = await center.db().selectFrom('audit_log').select(['entity_id', 'details_json']).where('action', '=', 'keyring.repaired').executeTakeFirstOrThrow();
    expect(repair.entity_id).toBe(psy);
    expect(JSON.parse(repair.details_json ?? '{}')).toEqual({ repair: 'boxReplaced' });
    expect(await center.db().selectFrom('staff').select('is_active').where('id', '=', psy).executeTakeFirstOrThrow()).toEqual({ is_active: 0 });
    // The administrator gives the psychologist her access back; everything else goes on.
    const { temporaryPassword } = await center.as.administrator.invoke('staff.reactivate', { userId: psy });
    expect(await (await center.signedIn(center.staff.psychologist.username, temporaryPassword)).invoke('auth.me', {})).toMatchObject({ mustChangePassword: true });
  });

  it('renews a planted box at the owner\'s sign-in, so the next rotation seals to her own', async () => {
    const center = await newCenter();
    const psy = center.staff.psychologist;
    const secret = plantBox(center, psy.id);
    await center.signedIn(psy.username, psy.password, 'psy');
    const signIns = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'auth.signIn').where('entity_id', '=', psy.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(signIns.details_json ?? '{}')).toMatchObject({ boxRenewed: true });
    await center.as.administrator.invoke('staff.deactivate', { userId: center.staffId.receptionist });
    const after = readKeyring(center);
    expect(after.slots.some((slot) => slot.userId === psy.id && slot.sealedDatabaseKey !== undefined)).toBe(true);
    expect(opensAnything(after, psy.id, secret)).toBe(false);
    center.core.services.sessions.deleteUser(psy.id);
    expect(await (await center.signedIn(psy.username, psy.password, 'psy2')).invoke('auth.me', {})).toMatchObject({ role: 'psychologist' });
  });

  it('refuses to rotate when the recovery slot\'s box was swapped', async () => {
    const center = await newCenter();
    const keyring = readKeyring(center);
    const planted = createSlotBox(primitives, randomBytes(32), 'recovery');
    const databaseKey = center.core.services.auth.databaseKey;
    if (!databaseKey) throw new Error('database not open');
    writeFileSync(center.core.services.auth.keyring.path, JSON.stringify(sealKeyring(primitives, { ...keyring, recovery: { ...keyring.recovery, box: planted } }, databaseKey)));
    expect(await rejection(center.as.administrator.invoke('staff.rotateKeys', { actorPassword: center.admin.password }))).toMatchObject({ code: 'KEYRING_TAMPERED' });
    expect(await center.db().selectFrom('audit_log').select('action').where('action', '=', 'keyring.tamperSuspected').execute()).toHaveLength(1);
  });
});
