import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorsPathFor, readAnchors } from '../audit/anchors';
import { expectedSchema } from '../audit/expected-schema';
import { verifyStore } from '../audit/verify-store';
import { databaseKeyId, openSealedKey, openSlotBoxSecret } from '../crypto/key-box';
import { deriveSlotKey } from '../crypto/key-slots';
import { sealKeyring, unlockUserSlot, userSlotId, type Keyring } from '../crypto/keyring';
import { beginRotation } from '../crypto/keyring-rotation';
import { nodeCryptoPrimitives as primitives } from '../crypto/primitives';
import { openDatabase, rekeyDatabase } from '../db/open';
import type { Core } from '../app';
import { clientOf, createTestCenter, rejection, startTestCore, type TestCenter } from '../testing/test-center';

type Roles = 'administrator' | 'psychologist' | 'receptionist' | 'trainer';
const centers: TestCenter<Roles>[] = [];
const cores: Core[] = [];
async function newCenter(): Promise<TestCenter<Roles>> {
  const center = await createTestCenter({ roles: ['administrator', 'psychologist', 'receptionist', 'trainer'] });
  centers.push(center);
  return center;
}
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const center of centers.splice(0)) await center.dispose();
});

const readKeyring = (center: TestCenter<Roles>): Keyring => JSON.parse(readFileSync(center.core.services.auth.keyring.path, 'utf8')) as Keyring;
const heldKey = (core: Core): Buffer => Buffer.from(core.services.auth.databaseKey ?? Buffer.alloc(0));

async function restart(center: TestCenter<Roles>): Promise<Core> {
  await center.close();
  const core = await startTestCore(center.dataDir);
  cores.push(core);
  return core;
}

async function signIn(core: Core, username: string, password: string): Promise<ReturnType<typeof clientOf>> {
  const api = clientOf(core, `c-${username}-${Math.random()}`);
  await api.invoke('auth.signIn', { username, password });
  return api;
}

async function verifyClean(core: Core): Promise<void> {
  const store = core.services.store.require();
  const report = verifyStore(store.handle, { expectedSchema: await expectedSchema(), anchors: readAnchors(anchorsPathFor(store.databasePath)) });
  expect(report).toMatchObject({ ok: true, integrity: ['ok'], auditChain: { ok: true }, rows: { counts: { changed: 0, unaudited: 0, missing: 0 } } });
}

async function actions(core: Core): Promise<string[]> {
  return (await core.services.store.require().db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((row) => row.action);
}

describe('staff.rotateKeys', () => {
  it('asks the administrator password, re-keys the database and lets everyone sign in afterwards, folding the sealed key at sign-in', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    expect(await rejection(center.as.receptionist.invoke('staff.rotateKeys', { actorPassword: center.staff.receptionist.password }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(admin.invoke('staff.rotateKeys', { actorPassword: 'not my password' }))).toMatchObject({ code: 'WRONG_PASSWORD' });
    const before = heldKey(center.core);
    const result = await admin.invoke('staff.rotateKeys', { actorPassword: center.admin.password });
    const after = heldKey(center.core);
    expect(after.equals(before)).toBe(false);
    expect(result).toEqual({ keyId: databaseKeyId(primitives, after), slots: 4 });
    const ring = readKeyring(center);
    expect(ring.pendingRotation).toBeUndefined();
    expect(ring.slots.every((slot) => slot.sealedDatabaseKey?.keyId === result.keyId)).toBe(true);
    // The old key opens nothing now; the new one opens the file.
    const path = center.core.services.store.databasePath;
    expect(() => openDatabase(path, before)).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    openDatabase(path, after).close();
    // Sessions go on; the registered client is written under the new key.
    await center.registerClient('afterrotation');
    expect(await actions(center.core)).toContain('staff.rotateKeys');

    const core = await restart(center);
    for (const role of ['administrator', 'psychologist', 'receptionist', 'trainer'] as const) {
      await signIn(core, center.staff[role].username, center.staff[role].password);
    }
    const folded = JSON.parse(readFileSync(core.services.auth.keyring.path, 'utf8')) as Keyring;
    expect(folded.slots.map((slot) => slot.sealedDatabaseKey)).toEqual([undefined, undefined, undefined, undefined]);
    expect(folded.recovery.sealedDatabaseKey?.keyId).toBe(result.keyId);
    await verifyClean(core);
  });

  it('rotates by itself when a member is deactivated: her copy of the old keyring and the old key open nothing written afterwards', async () => {
    const center = await newCenter();
    const leaver = center.staff.trainer;
    // What she takes home before she leaves: the keyring file, and the database key her password unwraps.
    const copyPath = join(center.dataDir, 'leaver-keyring-copy.json');
    copyFileSync(center.core.services.auth.keyring.path, copyPath);
    const oldRing = JSON.parse(readFileSync(copyPath, 'utf8')) as Keyring;
    const hers = await unlockUserSlot(primitives, oldRing, leaver.username, leaver.password);
    expect(hers?.databaseKey.equals(heldKey(center.core))).toBe(true);

    await center.as.administrator.invoke('staff.deactivate', { userId: leaver.id });
    expect(await actions(center.core)).toEqual(expect.arrayContaining(['staff.deactivate', 'staff.rotateKeys']));
    const written = await center.registerClient('afterleaving');

    const path = center.core.services.store.databasePath;
    expect(() => openDatabase(path, hers?.databaseKey ?? Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    // The current file has no slot of hers, and her box's secret opens none of the keys sealed to the others.
    const current = readKeyring(center);
    expect(current.slots.some((slot) => slot.userId === leaver.id)).toBe(false);
    const oldSlot = oldRing.slots.find((slot) => slot.userId === leaver.id);
    if (!oldSlot?.box) throw new Error('her old slot had a box');
    const { kek } = await deriveSlotKey(primitives, leaver.password, { N: oldSlot.kdf.N, r: oldSlot.kdf.r, p: oldSlot.kdf.p }, oldSlot.kdf);
    const secret = openSlotBoxSecret(primitives, kek, oldSlot.box, userSlotId(leaver.id));
    expect(secret).not.toBeNull();
    for (const slot of current.slots) {
      if (slot.box && slot.sealedDatabaseKey) expect(openSealedKey(primitives, secret ?? Buffer.alloc(32), slot.box, slot.sealedDatabaseKey, userSlotId(slot.userId))).toBeNull();
    }
    // Nor does her old keyring open the new database for anyone else's password she might have learnt.
    const colleague = await unlockUserSlot(primitives, oldRing, center.staff.receptionist.username, center.staff.receptionist.password);
    expect(() => openDatabase(path, colleague?.databaseKey ?? Buffer.alloc(32))).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    // The people who stay read what was written after she left.
    const reopened = openDatabase(path, heldKey(center.core));
    try {
      expect(reopened.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(written.id)).toBe(1);
    } finally {
      reopened.close();
    }
  });

  it('finishes a rotation a crash cut before or after the rekey, at the next sign-in, audited', async () => {
    for (const crashAfterRekey of [false, true]) {
      const center = await newCenter();
      const oldKey = heldKey(center.core);
      const { keyring: pending, newKey } = beginRotation(primitives, readKeyring(center));
      writeFileSync(center.core.services.auth.keyring.path, JSON.stringify(sealKeyring(primitives, pending, oldKey)));
      if (crashAfterRekey) rekeyDatabase(center.behindTheApi().handle, newKey);
      const core = await restart(center);
      await signIn(core, center.staff.receptionist.username, center.staff.receptionist.password);
      expect(heldKey(core).equals(newKey)).toBe(true);
      expect(() => openDatabase(core.services.store.databasePath, oldKey)).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
      const rows = await core.services.store.require().db.selectFrom('audit_log').select(['action', 'details_json']).where('action', '=', 'keyring.repaired').execute();
      expect(rows.map((row) => JSON.parse(row.details_json) as unknown)).toEqual([expect.objectContaining({ repair: 'rotationFinished', wasRekeyed: crashAfterRekey })]);
      for (const role of ['administrator', 'psychologist', 'trainer'] as const) await signIn(core, center.staff[role].username, center.staff[role].password);
      await verifyClean(core);
      await core.close();
      cores.splice(0);
    }
  });

  it('settles what a crash between the keyring and the database left: intents applied or dropped, slots and rows made to agree, each audited', async () => {
    const center = await newCenter();
    const admin = center.as.administrator;
    const { userId, temporaryPassword } = await admin.invoke('staff.add', { displayName: 'Committed Late', username: 'latecomer', role: 'trainer' });
    const events = await center.db().selectFrom('audit_log').select('details_json').where('action', '=', 'staff.add').where('entity_id', '=', userId).execute();
    const intentId = (JSON.parse(events[0]?.details_json ?? '{}') as { intentId?: string }).intentId ?? '';
    const ring = readKeyring(center);
    const slot = ring.slots.find((entry) => entry.userId === userId) ?? null;
    // As a kill would leave it: the add committed but its intent was not applied; another change's intent never committed;
    // and (from an older version) the receptionist's slot lost while her row stayed active.
    const crashed: Keyring = {
      ...ring,
      slots: ring.slots.filter((entry) => entry.userId !== userId && entry.userId !== center.staff.receptionist.id),
      intents: [
        { id: intentId, userId, action: 'staff.add', slot },
        { id: 'f'.repeat(32), userId: 'never-committed', action: 'staff.add', slot: slot && { ...slot, userId: 'never-committed', username: 'ghost' } },
      ],
    };
    writeFileSync(center.core.services.auth.keyring.path, JSON.stringify(sealKeyring(primitives, crashed, heldKey(center.core))));
    const core = await restart(center);
    await signIn(core, center.admin.username, center.admin.password);
    await signIn(core, 'latecomer', temporaryPassword);
    const repaired = await core.services.store.require().db.selectFrom('audit_log').select(['entity_id', 'details_json']).where('action', '=', 'keyring.repaired').orderBy('seq').execute();
    expect(repaired.map((row) => [row.entity_id, (JSON.parse(row.details_json) as { repair: string }).repair])).toEqual(
      expect.arrayContaining([
        [userId, 'intentApplied'],
        ['never-committed', 'intentDropped'],
        [center.staff.receptionist.id, 'activeStaffWithoutSlot'],
      ]),
    );
    expect(repaired).toHaveLength(3);
    const after = JSON.parse(readFileSync(core.services.auth.keyring.path, 'utf8')) as Keyring;
    expect(after.intents).toEqual([]);
    expect(after.slots.some((entry) => entry.username === 'ghost')).toBe(false);
    expect(await core.services.store.require().db.selectFrom('staff').select('is_active').where('id', '=', center.staff.receptionist.id).executeTakeFirst()).toEqual({ is_active: 0 });
    await verifyClean(core);
  });

  it('waits for slots from before rotation existed: refused and deferred until their owner signs in once, which gives the slot its box', async () => {
    const center = await newCenter();
    const legacy = center.staff.receptionist;
    const ring = readKeyring(center);
    const withoutBox: Keyring = { ...ring, slots: ring.slots.map((slot) => (slot.userId === legacy.id ? { ...slot, box: undefined } : slot)) };
    writeFileSync(center.core.services.auth.keyring.path, JSON.stringify(sealKeyring(primitives, withoutBox, heldKey(center.core))));
    const admin = center.as.administrator;
    expect(await rejection(admin.invoke('staff.rotateKeys', { actorPassword: center.admin.password }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'slotsAwaitingSignIn' } });
    const keyBefore = heldKey(center.core);
    expect(await admin.invoke('staff.deactivate', { userId: center.staff.trainer.id })).toMatchObject({ isActive: false, keysRotated: false });
    expect(heldKey(center.core).equals(keyBefore)).toBe(true);
    await center.signedIn(legacy.username, legacy.password);
    expect(readKeyring(center).slots.find((slot) => slot.userId === legacy.id)?.box).toBeDefined();
    await admin.invoke('staff.rotateKeys', { actorPassword: center.admin.password });
    expect(heldKey(center.core).equals(keyBefore)).toBe(false);
    await center.signedIn(legacy.username, legacy.password);
  });
});
